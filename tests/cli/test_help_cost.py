"""`joinedup --help` and `joinedup <command> --help` load only what showing help needs.

People type these in a terminal and wait for them, so each must stay well under 0.3 s. What made
them slow was modules help never uses: pydantic (Typer checks a group's unset help flag through it)
and rich.markdown and rich.traceback (Typer's help renderer imports them, with markdown_it and
pygments, for Markdown help and crash tracebacks). Each run is a fresh interpreter so that modules
imported by other tests do not count.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

# Runs `joinedup ARGS --help` as the console script does, then reports which heavy modules it loaded.
_HELP_THEN_MODULES = """
import contextlib, io, json, sys
from joinedup.cli import app

sys.argv = ["joinedup", *json.loads(sys.argv[1])]
with contextlib.redirect_stdout(io.StringIO()) as shown:
    try:
        app()
    except SystemExit as stop:
        code = stop.code
heavy = ("pydantic", "markdown_it", "pygments", "rich.markdown", "rich.traceback", "django")
print(json.dumps({
    "code": code,
    "usage": "Usage:" in shown.getvalue(),
    "loaded": sorted(name for name in heavy if name in sys.modules),
    "modules": sorted(name for name in sys.modules if name.startswith("joinedup.")),
}))
"""

# The modules that define each lazily made group's commands.
GROUP_MODULES = {
    "evidence": {"joinedup.cli.evidence", "joinedup.cli.evidence_extract"},
    "instrument": {"joinedup.cli.instrument"},
    "check": {"joinedup.cli.checks"},
    "learning": {"joinedup.cli.learning"},
}

HELP_PAGES = [
    [],
    ["analyse"],
    ["report"],
    ["evidence"],
    ["evidence", "map"],
    ["check", "roles"],
    ["tag"],
    ["tag", "retrain"],
    ["learning", "pool"],
]


def _help(command: list[str]) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _HELP_THEN_MODULES, json.dumps([*command, "--help"])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    assert result["code"] == 0 and result["usage"], result
    return result


@pytest.mark.parametrize("command", HELP_PAGES, ids=lambda command: " ".join(command) or "joinedup")
def test_help_loads_neither_pydantic_nor_markdown_nor_tracebacks(command: list[str]) -> None:
    loaded = _help(command)["loaded"]
    assert loaded == [], f"joinedup {' '.join(command)} --help loaded {loaded}"


@pytest.mark.parametrize("command", HELP_PAGES, ids=lambda command: " ".join(command) or "joinedup")
def test_help_imports_nothing_of_the_core(command: list[str]) -> None:
    """The core's modules (structure layouts, instrument, evidence, ...) are for running commands."""
    modules = _help(command)["modules"]
    assert [name for name in modules if not name.startswith("joinedup.cli")] == [], modules


@pytest.mark.parametrize("command", HELP_PAGES, ids=lambda command: " ".join(command) or "joinedup")
def test_a_groups_modules_are_imported_only_when_the_group_is_used(command: list[str]) -> None:
    modules = set(_help(command)["modules"])
    for group, defined_in in GROUP_MODULES.items():
        if command[:1] == [group]:
            assert defined_in <= modules, f"joinedup {' '.join(command)} --help did not load {defined_in}"
        else:
            assert not defined_in & modules, f"joinedup {' '.join(command)} --help loaded {group}'s modules"


# After help was shown lean, the deferred Rich classes are the real ones to everybody.
_AFTER_HELP = """
import contextlib, io, sys
from joinedup.cli import app

sys.argv = ["joinedup", "--help"]
with contextlib.redirect_stdout(io.StringIO()):
    try:
        app()
    except SystemExit:
        pass
import rich.markdown, rich.traceback, typer.rich_utils
assert type(rich.markdown.Markdown) is type and type(rich.traceback.Traceback) is type
assert isinstance(typer.rich_utils.Markdown("**x**"), rich.markdown.Markdown)
try:
    raise ValueError("boom")
except ValueError as error:
    shown = typer.rich_utils.Traceback.from_exception(type(error), error, error.__traceback__)
assert isinstance(shown, rich.traceback.Traceback)
print("ok")
"""


def test_the_deferred_rich_classes_are_the_real_ones_when_used() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _AFTER_HELP], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
