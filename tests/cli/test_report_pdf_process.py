"""`joinedup report --format pdf` lays the PDF out in a process started with the command, and
neither side's failure leaves a half-written file or a traceback (slow: WeasyPrint)."""

from __future__ import annotations

import gc
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.reports import pdf_process
from joinedup.reports.pdf_process import PdfMaker, PdfMakerError, write_atomically

pytestmark = pytest.mark.slow

runner = CliRunner()
PAGE = "<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>"


@pytest.fixture(scope="module")
def responses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf-process") / "round.csv"
    made = runner.invoke(app, ["synth", "-o", str(path), "--responses", "60", "--partnerships", "1"])
    assert made.exit_code == 0, made.output
    return path


def _report(responses: Path, target: Path, round_label: str = "Round 1"):
    arguments = ["report", str(responses), "--partnership", "Partnership 01", "--round", round_label]
    return runner.invoke(app, [*arguments, "--today", "2026-03-31", "--format", "pdf", "-o", str(target)])


@pytest.fixture
def makers(monkeypatch: pytest.MonkeyPatch) -> list[PdfMaker]:
    """Every maker the command starts, to see how it ended."""
    started: list[PdfMaker] = []
    start = PdfMaker.start

    def recording(target: Path) -> PdfMaker:
        maker = start(target)
        started.append(maker)
        return maker

    monkeypatch.setattr(PdfMaker, "start", recording)
    return started


def test_the_maker_starts_before_the_analysis_and_writes_the_pdf(responses, tmp_path, makers, monkeypatch):
    import joinedup.cli.report as report

    order: list[str] = []
    analyse = report._report_data

    def analysing(*arguments, **options):
        order.append(f"analysis after {len(makers)} maker(s)")
        return analyse(*arguments, **options)

    monkeypatch.setattr(report, "_report_data", analysing)
    target = tmp_path / "report.pdf"
    result = _report(responses, target)
    assert result.exit_code == 0, result.output
    assert order == ["analysis after 1 maker(s)"]
    assert makers[0].process.returncode == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.pdf"]


def test_the_command_itself_never_imports_weasyprint(responses, tmp_path):
    """The print document is made without WeasyPrint: only the maker imports it."""
    target = tmp_path / "report.pdf"
    probe = (
        "import sys\n"
        "from joinedup.cli import app\n"
        "try:\n"
        "    app(sys.argv[1:])\n"
        "except SystemExit as done:\n"
        "    print('exit', done.code, 'weasyprint' in sys.modules)\n"
    )
    arguments = ["report", str(responses), "--partnership", "Partnership 01", "--round", "Round 1"]
    ran = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            *arguments,
            "--today",
            "2026-03-31",
            "--format",
            "pdf",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ran.stdout.split() == ["exit", "0", "False"], ran.stderr
    assert target.read_bytes().startswith(b"%PDF")


def test_bad_input_stops_the_maker_and_nothing_is_written(responses, tmp_path, makers):
    target = tmp_path / "report.pdf"
    result = _report(responses, target, round_label="Round 9")
    assert result.exit_code == 2, result.output
    assert makers[0].process.returncode is not None
    assert list(tmp_path.iterdir()) == []


def test_a_maker_that_cannot_write_is_a_clear_error_not_a_traceback(responses, tmp_path, makers):
    target = tmp_path / "no-such-folder" / "report.pdf"
    result = _report(responses, target)
    assert result.exit_code == 2
    assert f"could not make the PDF {target}: cannot write it: No such file or directory" in result.output
    assert "Traceback" not in result.output
    assert makers[0].process.returncode == pdf_process.WRITE_FAILED


def test_a_layout_failure_keeps_the_file_there_was_and_names_what_failed(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the report before")
    maker = PdfMaker.start(target)
    with pytest.raises(PdfMakerError, match=r"WeasyPrint failed: .*joinedup-chart:gone") as failed:
        maker.make('<img src="joinedup-chart:gone" alt="">', {})
    assert not failed.value.writing
    assert target.read_bytes() == b"the report before"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.pdf"]


def _run_maker(target: Path, sent: bytes) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "joinedup.reports.pdf_process", str(target)],
        input=sent.decode(),
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_maker_sent_nothing_writes_nothing(tmp_path):
    ran = _run_maker(tmp_path / "report.pdf", b"")
    assert (ran.returncode, ran.stderr) == (0, "")
    assert list(tmp_path.iterdir()) == []


def test_a_maker_sent_half_a_document_writes_nothing(tmp_path):
    whole = json.dumps({"document": PAGE, "drawings": {}}).encode()
    ran = _run_maker(tmp_path / "report.pdf", whole[: len(whole) // 2])
    assert ran.returncode == pdf_process.FAILED
    assert ran.stderr.strip() == "the print document arrived incomplete"
    assert list(tmp_path.iterdir()) == []


def test_the_maker_lays_out_with_the_collector_paused(tmp_path, monkeypatch):
    import joinedup.reports.pdf

    seen: list[bool] = []

    def laying_out(document: str, drawings: dict[str, str]) -> bytes:
        seen.append(gc.isenabled())
        return b"%PDF-" + document.encode()

    monkeypatch.setattr(joinedup.reports.pdf, "pdf_of", laying_out)
    sent = json.dumps({"document": PAGE, "drawings": {}}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(sent)))
    target = tmp_path / "report.pdf"
    assert gc.isenabled()
    assert pdf_process.main([str(target)]) == 0
    assert seen == [False] and gc.isenabled()
    assert target.read_bytes() == b"%PDF-" + PAGE.encode()


def test_the_pdf_gets_a_new_files_permissions(tmp_path):
    """Written through a temporary file, it is still made as `Path.write_bytes` would make it."""
    mask = os.umask(0o022)
    os.umask(mask)
    target = tmp_path / "report.pdf"
    write_atomically(target, b"%PDF-")
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]


def test_a_failed_layout_is_an_internal_error_named_in_a_line(responses, tmp_path, makers, monkeypatch):
    def failing(self: PdfMaker, document: str, drawings: dict[str, str]) -> None:
        raise PdfMakerError(f"could not make the PDF {self.target}: WeasyPrint failed: boom", writing=False)

    monkeypatch.setattr(PdfMaker, "make", failing)
    target = tmp_path / "report.pdf"
    result = _report(responses, target)
    assert result.exit_code == 1
    assert f"Error: could not make the PDF {target}: WeasyPrint failed: boom" in result.output
    assert makers[0].process.returncode is not None
    assert list(tmp_path.iterdir()) == []
