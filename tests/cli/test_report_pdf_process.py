"""`joinedup report --format pdf` lays the PDF out in a process started with the command, which
sends it back for the command to write: neither side's failure leaves a half-written file or a
traceback, and a command that dies writes nothing (slow: WeasyPrint)."""

from __future__ import annotations

import gc
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.cli.report_runs import report_arguments
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.cli._output import write_atomically
from joinedup.reports import pdf_process
from joinedup.reports.pdf_process import PdfMaker, PdfMakerError

pytestmark = pytest.mark.slow

runner = CliRunner()
PAGE = "<!doctype html><html><head><title>t</title></head><body><p>Hello</p></body></html>"


def _report(responses: Path, target: Path, round_label: str = "Round 1"):
    return runner.invoke(app, report_arguments(responses, target, "pdf", round_label=round_label))


@pytest.fixture
def makers(monkeypatch: pytest.MonkeyPatch) -> list[PdfMaker]:
    """Every maker the command starts, to see how it ended."""
    started: list[PdfMaker] = []
    start = PdfMaker.start

    def recording() -> PdfMaker:
        maker = start()
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
    ran = subprocess.run(
        [sys.executable, "-c", probe, *report_arguments(responses, target, "pdf")],
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


def test_a_missing_folder_is_refused_before_the_maker_starts(responses, tmp_path, makers):
    target = tmp_path / "no-such-folder" / "report.pdf"
    result = _report(responses, target)
    assert result.exit_code == 2
    assert f"cannot write {target}: there is no folder {target.parent}" in result.output
    assert "Traceback" not in result.output
    assert makers == []


def test_a_folder_gone_by_the_time_the_pdf_is_made_is_a_clear_error(responses, tmp_path, makers, monkeypatch):
    """The folder is checked before the analysis, and the write still fails cleanly if it went since."""
    folder = tmp_path / "going"
    folder.mkdir()
    make = PdfMaker.make

    def removing_the_folder(self: PdfMaker, document: str, drawings: dict[str, str]) -> bytes:
        pdf = make(self, document, drawings)
        folder.rmdir()
        return pdf

    monkeypatch.setattr(PdfMaker, "make", removing_the_folder)
    target = folder / "report.pdf"
    result = _report(responses, target)
    assert result.exit_code == 2
    assert f"cannot write {target}: No such file or directory" in result.output
    assert "Traceback" not in result.output
    assert makers[0].process.returncode == 0
    assert list(tmp_path.iterdir()) == []


def test_a_layout_failure_names_what_failed():
    maker = PdfMaker.start()
    with pytest.raises(PdfMakerError, match=r"^WeasyPrint failed: .*joinedup-chart:gone"):
        maker.make('<img src="joinedup-chart:gone" alt="">', {})
    assert maker.process.returncode == pdf_process.FAILED


def _run_maker(sent: bytes, folder: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "joinedup.reports.pdf_process"],
        input=sent,
        capture_output=True,
        check=False,
        cwd=folder,
    )


def test_a_maker_sends_the_pdf_back_and_writes_no_file(tmp_path):
    ran = _run_maker(json.dumps({"document": PAGE, "drawings": {}}).encode(), tmp_path)
    assert (ran.returncode, ran.stderr) == (0, b"")
    assert ran.stdout.startswith(b"%PDF")
    assert list(tmp_path.iterdir()) == []


def test_a_maker_sent_nothing_sends_nothing(tmp_path):
    ran = _run_maker(b"", tmp_path)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, b"", b"")


def test_a_maker_sent_half_a_document_sends_nothing(tmp_path):
    whole = json.dumps({"document": PAGE, "drawings": {}}).encode()
    ran = _run_maker(whole[: len(whole) // 2], tmp_path)
    assert ran.returncode == pdf_process.FAILED
    assert ran.stdout == b""
    assert ran.stderr.decode().strip() == "the print document arrived incomplete"


def test_the_maker_lays_out_with_the_collector_paused(monkeypatch):
    import joinedup.reports.pdf

    seen: list[bool] = []

    def laying_out(document: str, drawings: dict[str, str]) -> bytes:
        seen.append(gc.isenabled())
        return b"%PDF-" + document.encode()

    monkeypatch.setattr(joinedup.reports.pdf, "pdf_of", laying_out)
    sent = json.dumps({"document": PAGE, "drawings": {}}).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(sent)))
    received = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(received))
    assert gc.isenabled()
    assert pdf_process.main() == 0
    assert seen == [False] and gc.isenabled()
    assert received.getvalue() == b"%PDF-" + PAGE.encode()


def test_the_pdf_gets_a_new_files_permissions(tmp_path):
    """Written through a temporary file, it is still made as `Path.write_bytes` would make it."""
    mask = os.umask(0o022)
    os.umask(mask)
    target = tmp_path / "report.pdf"
    write_atomically(target, b"%PDF-")
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
    assert [path.name for path in tmp_path.iterdir()] == ["report.pdf"]


def test_a_failed_layout_is_an_internal_error_named_in_a_line(responses, tmp_path, makers, monkeypatch):
    def failing(self: PdfMaker, document: str, drawings: dict[str, str]) -> bytes:
        raise PdfMakerError("WeasyPrint failed: boom")

    monkeypatch.setattr(PdfMaker, "make", failing)
    target = tmp_path / "report.pdf"
    result = _report(responses, target)
    assert result.exit_code == 1
    assert f"Error: could not make the PDF {target}: WeasyPrint failed: boom" in result.output
    assert makers[0].process.returncode is not None
    assert list(tmp_path.iterdir()) == []


_PROBE = """
import os, signal, sys
from joinedup.cli import app
from joinedup.reports.pdf_process import PdfMaker

make = PdfMaker.make

def sent_then_killed(self, document, drawings):
    # The whole document reaches the maker, then the command is killed as it waits for the PDF.
    def sending(payload):
        self.process.stdin.write(payload)
        self.process.stdin.close()
        print(self.process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    self.process.communicate = sending
    return make(self, document, drawings)

def made_then_interrupted(self, document, drawings):
    # The maker has finished when the command alone is interrupted (as by kill -INT).
    pdf = make(self, document, drawings)
    print(self.process.pid, flush=True)
    os.kill(os.getpid(), signal.SIGINT)
    return pdf

PdfMaker.make = {"kill": sent_then_killed, "interrupt": made_then_interrupted}[sys.argv[1]]
app(sys.argv[2:])
"""


def _running(pid: int) -> bool:
    """Whether `pid` is still a live process (not gone, not a zombie nobody reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in {"Z", "X"}


def _die_during_pdf(how: str, responses: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """Run the command in a process of its own that dies `how` once its maker has the document,
    then wait until the maker has gone and a little more: anything it would write is there."""
    ran = subprocess.run(
        [sys.executable, "-c", _PROBE, how, *report_arguments(responses, target, "pdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    maker = int(ran.stdout.split()[0])
    deadline = time.monotonic() + 60
    while _running(maker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(maker), "the maker outlived the command"
    time.sleep(2)
    return ran


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches the maker through /proc")
def test_a_command_killed_after_sending_the_document_writes_nothing(responses, tmp_path):
    target = tmp_path / "report.pdf"
    ran = _die_during_pdf("kill", responses, target)
    assert ran.returncode == -signal.SIGKILL
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="watches the maker through /proc")
def test_a_command_interrupted_once_the_pdf_is_made_writes_nothing(responses, tmp_path):
    target = tmp_path / "report.pdf"
    ran = _die_during_pdf("interrupt", responses, target)
    assert ran.returncode == 130
    assert "Traceback" not in ran.stderr
    assert list(tmp_path.iterdir()) == []
