"""The analyst's install stays free of the web app: `pip install joinedup` gives the CLI alone.

Django and the server's packages are in the `web` extra. These tests fail if the CLI, or the
core it runs on, starts importing Django (which a CLI-only install does not have), or if a web
package creeps back into the core dependencies.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
WEB_ONLY = ("django", "rules", "argon2-cffi", "whitenoise", "dj-database-url", "psycopg", "gunicorn")

# Runs in a fresh interpreter so that modules imported by other tests do not count. It asks every
# command group for its help, which imports the module behind each group.
_EVERY_HELP = """
import sys
import typer.main
from typer.testing import CliRunner
from joinedup.cli import app

runner = CliRunner()
command = typer.main.get_command(app)
names = [[]] + [[name] for name in command.commands]
for name in names:
    result = runner.invoke(app, [*name, "--help"])
    if result.exit_code != 0:
        sys.exit(f"joinedup {' '.join(name)} --help failed: {result.output}")
loaded = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(len(names), loaded[:5])
"""


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower()


def test_the_core_dependencies_hold_no_web_package() -> None:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    core = {_name(requirement) for requirement in project["dependencies"]}
    web = {_name(requirement) for requirement in project["optional-dependencies"]["web"]}
    assert not {name for name in core if name.startswith(WEB_ONLY)}
    assert {"django", "gunicorn", "psycopg"} <= web


def test_matplotlib_is_for_the_benchmarks_only() -> None:
    """The charts are SVG written directly, so an install need not carry matplotlib; the
    benchmarks' naive reference still draws with it, so the `dev` extra keeps it."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    assert "matplotlib" not in {_name(requirement) for requirement in project["dependencies"]}
    assert "matplotlib" in {_name(requirement) for requirement in project["optional-dependencies"]["dev"]}
    importing = re.compile(r"^\s*(?:import|from)\s+matplotlib\b", re.MULTILINE)
    source = PYPROJECT.parent / "src"
    importers = [path for path in source.rglob("*.py") if importing.search(path.read_text(encoding="utf-8"))]
    assert not importers


def test_every_command_groups_help_runs_without_loading_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _EVERY_HELP], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr or done.stdout
    groups, loaded = done.stdout.strip().split(" ", 1)
    assert int(groups) > 5, done.stdout
    assert loaded == "[]", f"the CLI loaded Django: {loaded}"
