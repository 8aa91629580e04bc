"""Every command that writes a file takes it as -o/--output (with --out kept as an alias)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.testing import CliRunner

from joinedup.cli import app

WRITING_COMMANDS = {
    "synth",
    "analyse",
    "report",
    "check template",
    "evidence map",
    "evidence schema",
    "evidence export-bib",
    "instrument template",
    "tag retrain",
}


def _commands(command: Any, prefix: str = "") -> dict[str, Any]:
    """Every command by its full name (Typer vendors its own click, so walk by attribute)."""
    found = {prefix.strip(): command} if prefix else {}
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            found.update(_commands(sub, f"{prefix} {name}"))
    return found


def _output_names(command: Any) -> set[str]:
    names: set[str] = set()
    for param in command.params:
        if {"--out", "--output", "-o"} & set(param.opts):
            names.update(param.opts)
    return names


def test_every_writing_command_takes_o_output_and_out() -> None:
    commands = _commands(typer.main.get_command(app))
    assert commands.keys() >= WRITING_COMMANDS
    for name in WRITING_COMMANDS:
        assert {"-o", "--output", "--out"} <= _output_names(commands[name]), name
    for name, command in commands.items():
        names = _output_names(command)
        assert not names or {"-o", "--output", "--out"} <= names, f"{name} takes {sorted(names)}"


def test_o_and_out_both_write_the_file(tmp_path: Path) -> None:
    runner = CliRunner()
    short = tmp_path / "short.csv"
    long = tmp_path / "long.csv"
    first = runner.invoke(app, ["synth", "-o", str(short), "--responses", "40", "--partnerships", "1"])
    second = runner.invoke(app, ["synth", "--out", str(long), "--responses", "40", "--partnerships", "1"])
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert short.read_bytes() == long.read_bytes()
    schema = runner.invoke(app, ["evidence", "schema", "-o", str(tmp_path / "schema")])
    assert schema.exit_code == 0, schema.output
    assert any((tmp_path / "schema").iterdir())
