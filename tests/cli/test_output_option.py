"""Every command that writes a file takes it as -o/--output (with --out kept as an alias)."""

from __future__ import annotations

import enum
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


def test_out_is_a_hidden_alias_and_every_format_is_a_choice() -> None:
    runner = CliRunner()
    commands = _commands(typer.main.get_command(app))
    for name, command in commands.items():
        names = _output_names(command)
        if names:
            shown = runner.invoke(app, [*name.split(), "--help"], terminal_width=200)
            assert shown.exit_code == 0, shown.output
            assert "--output" in shown.output and "-o" in shown.output, name
            assert "--out " not in shown.output and "--out," not in shown.output, f"{name} shows --out"
        for param in command.params:
            if "--format" in param.opts:
                annotation = param.type_descriptor.annotation
                assert isinstance(annotation, type) and issubclass(annotation, enum.Enum), name


def test_out_and_output_naming_different_files_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["synth", "-o", str(tmp_path / "a.csv"), "--out", str(tmp_path / "b.csv"), "--responses", "10"]
    )
    assert result.exit_code == 2 and "name different files" in result.output
    missing = CliRunner().invoke(app, ["synth", "--responses", "10"])
    assert missing.exit_code == 2 and "Missing option '-o' / '--output'" in missing.output


def test_help_documents_the_exit_codes_and_groups_every_command_by_task() -> None:
    result = CliRunner().invoke(app, ["--help"], terminal_width=200)
    text = " ".join(result.output.split())
    assert "Exit codes: 0 success; 1 a check found problems" in text and "2 bad input or usage" in text
    top = typer.main.get_command(app)
    visible = [sub for sub in top.commands.values() if not sub.hidden]
    assert all(getattr(sub, "rich_help_panel", None) for sub in visible), [
        sub.name for sub in visible if not getattr(sub, "rich_help_panel", None)
    ]
