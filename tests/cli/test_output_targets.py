"""What a command's output name stands for is what gets written: a symbolic link's file (the link
stays), a FIFO or device written in place (never replaced by a regular file), a report that was
there rewritten with its permissions; and every message prints the person's text verbatim, never
as Rich markup."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import threading
from pathlib import Path

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st
from tests.cli.report_runs import report_arguments
from typer.testing import CliRunner

import joinedup.cli._output as output
from joinedup.cli import app
from joinedup.cli._common import fail, fail_all
from joinedup.cli._output import check_writable, write_atomically, write_output

runner = CliRunner()


def _report(responses: Path, target: str, partnership: str = "Partnership 01"):
    return runner.invoke(app, report_arguments(responses, target, "html", partnership=partnership))


def test_a_link_is_followed_and_stays_a_link(responses, tmp_path):
    real = tmp_path / "kept" / "real.html"
    real.parent.mkdir()
    real.write_bytes(b"the report before")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    result = _report(responses, str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.readlink() == real
    assert real.read_bytes().startswith(b"<!DOCTYPE html>")
    assert sorted(path.name for path in real.parent.iterdir()) == ["real.html"]


def test_a_dangling_link_makes_the_file_it_points_to(tmp_path):
    link = tmp_path / "link.pdf"
    link.symlink_to(tmp_path / "made.pdf")
    check_writable(link)
    write_atomically(link, b"%PDF-")
    assert link.is_symlink()
    assert (tmp_path / "made.pdf").read_bytes() == b"%PDF-"


def test_a_link_into_a_missing_folder_names_that_folder(tmp_path, capsys):
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "gone" / "r.html")
    with pytest.raises(typer.Exit):
        check_writable(link)
    assert capsys.readouterr().err == f"Error: cannot write {link}: there is no folder {tmp_path / 'gone'}\n"


def test_a_report_that_was_there_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.html"
    target.write_bytes(b"private")
    target.chmod(0o600)
    write_atomically(target, b"<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"<!DOCTYPE html>"
    assert [path.name for path in tmp_path.iterdir()] == ["report.html"]


def test_a_fifo_is_written_in_place(tmp_path):
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    check_writable(fifo)
    write_output(fifo, b"<!DOCTYPE html>" * 10_000)
    reader.join(timeout=10)
    assert received == [b"<!DOCTYPE html>" * 10_000]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["fifo.html"]


def test_a_null_device_is_written_not_replaced(tmp_path):
    """A node for /dev/null's device made in the test's folder, not /dev/null itself: a regression
    run as root would replace the machine's /dev/null with a regular file."""
    null = tmp_path / "null"
    try:
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    before = os.lstat(null)
    check_writable(null)
    write_output(null, b"<!DOCTYPE html>")
    after = os.lstat(null)
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev, after.st_mode) == (before.st_ino, before.st_rdev, before.st_mode)
    assert [path.name for path in tmp_path.iterdir()] == ["null"]


def test_dev_null_passes_the_check():
    check_writable(Path("/dev/null"))


def _access_denied_to(denied: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root every path is writable, so a path the person could not write is pretended."""
    allowed = os.access
    monkeypatch.setattr(output.os, "access", lambda path, mode: Path(path) != denied and allowed(path, mode))


def test_a_device_needs_only_itself_writable(tmp_path, monkeypatch):
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)
    _access_denied_to(tmp_path, monkeypatch)
    check_writable(fifo)
    _access_denied_to(Path("/dev"), monkeypatch)
    check_writable(Path("/dev/null"))


def test_a_device_that_cannot_be_written_is_refused(tmp_path, monkeypatch, capsys):
    fifo = tmp_path / "fifo.html"
    os.mkfifo(fifo)
    _access_denied_to(fifo, monkeypatch)
    with pytest.raises(typer.Exit) as stopped:
        check_writable(fifo)
    assert stopped.value.exit_code == 2
    assert capsys.readouterr().err == f"Error: cannot write {fifo}: it cannot be written to\n"


def test_a_regular_file_still_needs_its_folder_writable(tmp_path, monkeypatch, capsys):
    target = tmp_path / "report.html"
    target.write_bytes(b"the report before")
    _access_denied_to(tmp_path, monkeypatch)
    with pytest.raises(typer.Exit):
        check_writable(target)
    assert (
        capsys.readouterr().err
        == f"Error: cannot write {target}: the folder {tmp_path} cannot be written to\n"
    )


@pytest.mark.parametrize("name", ["nof[/]x", "Reports [draft]", "[bold red]x[/]", ":smile: [link=x]"])
def test_a_path_with_brackets_is_named_as_typed(responses, tmp_path, name):
    target = tmp_path / name / "sub" / "r.html"
    result = _report(responses, str(target))
    assert result.exit_code == 2
    assert result.output == f"Error: cannot write {target}: there is no folder {target.parent}\n"


def test_a_partnership_with_brackets_is_named_as_typed(responses, tmp_path):
    result = _report(responses, str(tmp_path / "r.html"), partnership="Partnership [/]")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.startswith("Error: no responses for partnership 'Partnership [/]'")


_PRINTED = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")))


@given(message=_PRINTED)
def test_an_error_prints_its_message_verbatim(message):
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream), pytest.raises(typer.Exit):
        fail(message)
    assert stream.getvalue() == f"Error: {message}\n"


@given(heading=_PRINTED)
def test_an_error_heading_prints_verbatim(heading):
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream), pytest.raises(typer.Exit):
        fail_all(heading, ["[/] one"])
    assert stream.getvalue() == f"Error: {heading}\n  [/] one\n"


def test_no_progress_bar_and_no_blank_line_when_stderr_is_not_a_terminal(responses, tmp_path):
    target = tmp_path / "r.html"
    result = _report(responses, str(target))
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"Wrote the Partnership 01 report for Round 1 \(\d+ findings\) to {re.escape(str(target))}\n",
        result.output,
    )


@pytest.mark.parametrize("output_format", ["json", "table"])
def test_analyse_into_a_missing_folder_is_one_line_and_exit_2(responses, tmp_path, output_format):
    """Every listing command writes `-o` through the same writer as the report: a missing folder
    is named in one line, not a traceback."""
    target = tmp_path / "missing" / f"analysis.{output_format}"
    result = runner.invoke(app, ["analyse", str(responses), "--format", output_format, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "cannot write" in result.output
    assert not target.parent.exists()


@pytest.mark.parametrize(
    "command",
    [
        ["evidence", "map", "--format", "json"],
        ["evidence", "export-bib", "--format", "ris"],
    ],
)
def test_evidence_files_into_a_missing_folder_are_one_line_and_exit_2(tmp_path, command):
    target = tmp_path / "missing" / "out.txt"
    result = runner.invoke(app, [*command, "-o", str(target)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "cannot write" in result.output
    assert not target.parent.exists()


def test_evidence_files_are_still_written_where_asked(tmp_path):
    target = tmp_path / "works.ris"
    result = runner.invoke(app, ["evidence", "export-bib", "--format", "ris", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "\nTY  - " in target.read_text(encoding="utf-8")
