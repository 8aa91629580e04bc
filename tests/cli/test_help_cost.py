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
}))
"""

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


@pytest.mark.parametrize("command", HELP_PAGES, ids=lambda command: " ".join(command) or "joinedup")
def test_help_loads_neither_pydantic_nor_markdown_nor_tracebacks(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _HELP_THEN_MODULES, json.dumps([*command, "--help"])],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["code"] == 0 and result["usage"], result
    assert result["loaded"] == [], f"joinedup {' '.join(command)} --help loaded {result['loaded']}"


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
