"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app


@pytest.fixture(scope="session")
def responses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic survey (60 responses, one partnership, rounds 1 and 2) to report on."""
    path = tmp_path_factory.mktemp("small-round") / "round.csv"
    made = CliRunner().invoke(app, ["synth", "-o", str(path), "--responses", "60", "--partnerships", "1"])
    assert made.exit_code == 0, made.output
    return path
