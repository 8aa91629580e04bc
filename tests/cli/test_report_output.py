"""`joinedup report` writes every format the same way: an output path that cannot be written is
refused before the analysis in one line with exit 2, a failure at write time is reported the same
way, the file is written whole or not at all, and a file named as another format is warned of."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.cli.report_runs import report_arguments
from typer.testing import CliRunner

import joinedup.cli.report as report
from joinedup.cli import app

runner = CliRunner()


@pytest.fixture
def analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each analysis the command starts."""
    started: list[str] = []
    analyse = report._report_data

    def recording(*arguments, **options):
        started.append("analysis")
        return analyse(*arguments, **options)

    monkeypatch.setattr(report, "_report_data", recording)
    return started


def _report(responses: Path, target: Path, output_format: str):
    return runner.invoke(app, report_arguments(responses, target, output_format))


def _error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Error:")]


@pytest.mark.parametrize("output_format", ["html", "xlsx", "pdf"])
def test_a_missing_folder_is_refused_in_a_line_before_the_analysis(
    responses, tmp_path, analyses, output_format
):
    target = tmp_path / "no-such-folder" / f"report.{output_format}"
    result = _report(responses, target, output_format)
    assert result.exit_code == 2
    assert _error_lines(result.output) == [
        f"Error: cannot write {target}: there is no folder {target.parent}"
    ]
    assert "Traceback" not in result.output
    assert analyses == []
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("output_format", ["html", "xlsx"])
def test_a_file_where_the_folder_should_be_is_refused(responses, tmp_path, analyses, output_format):
    (tmp_path / "a-file").write_text("not a folder")
    target = tmp_path / "a-file" / f"report.{output_format}"
    result = _report(responses, target, output_format)
    assert result.exit_code == 2
    assert _error_lines(result.output) == [f"Error: cannot write {target}: {target.parent} is not a folder"]
    assert analyses == []


def test_a_folder_as_the_target_is_refused(responses, tmp_path, analyses):
    target = tmp_path / "report.html"
    target.mkdir()
    result = _report(responses, target, "html")
    assert result.exit_code == 2
    assert _error_lines(result.output) == [f"Error: cannot write {target}: it is a folder"]
    assert analyses == []


@pytest.mark.parametrize("output_format", ["html", "xlsx"])
def test_a_folder_gone_during_the_analysis_is_a_line_and_exit_2(
    responses, tmp_path, monkeypatch, output_format
):
    folder = tmp_path / "going"
    folder.mkdir()
    analyse = report._report_data

    def analysing_then_removing(*arguments, **options):
        data = analyse(*arguments, **options)
        folder.rmdir()
        return data

    monkeypatch.setattr(report, "_report_data", analysing_then_removing)
    target = folder / f"report.{output_format}"
    result = _report(responses, target, output_format)
    assert result.exit_code == 2
    assert _error_lines(result.output) == [f"Error: cannot write {target}: No such file or directory"]
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("output_format", ["html", "xlsx"])
def test_a_report_replaces_the_file_there_was_whole(responses, tmp_path, output_format):
    target = tmp_path / f"report.{output_format}"
    target.write_bytes(b"the report before")
    result = _report(responses, target, output_format)
    assert result.exit_code == 0, result.output
    written = target.read_bytes()
    assert written.startswith(b"<!DOCTYPE html>" if output_format == "html" else b"PK")
    assert [path.name for path in tmp_path.iterdir()] == [target.name]


def test_a_failed_write_leaves_the_file_there_was(responses, tmp_path, monkeypatch):
    """Written through a temporary file: a write that fails half-way leaves the old report, and
    no temporary file."""
    import joinedup.cli._output as output

    target = tmp_path / "report.html"
    target.write_bytes(b"the report before")

    def failing_replace(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "replace", failing_replace)
    result = _report(responses, target, "html")
    assert result.exit_code == 2
    assert _error_lines(result.output) == [f"Error: cannot write {target}: No space left on device"]
    assert target.read_bytes() == b"the report before"
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


def test_a_file_named_as_another_format_is_warned_of_and_still_written(responses, tmp_path):
    target = tmp_path / "report.xlsx"
    result = _report(responses, target, "html")
    assert result.exit_code == 0, result.output
    assert f"Warning: {target} is named as xlsx but will hold the html report" in result.output
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("name", ["report.HTML", "report.htm", "report.txt", "report"])
def test_a_name_that_names_no_other_format_is_not_warned_of(responses, tmp_path, name):
    target = tmp_path / name
    result = _report(responses, target, "html")
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.output
    assert target.is_file()
