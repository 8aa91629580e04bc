"""The command line's PDF, made in a process of its own that starts with the command.

Importing WeasyPrint takes a third of a second or more, and the report data takes the command
most of a second to compute. `joinedup report --format pdf` therefore starts this module as a
separate process first (`PdfMaker.start`): it imports WeasyPrint and parses its stylesheet while
the command analyses the files, then reads the print document from its standard input, lays it
out and sends the PDF back on its standard output. The print document is made without WeasyPrint
(`joinedup.reports.printing`) and sent as JSON: the HTML and each chart's SVG by id.

The maker never writes a file: the command writes the PDF it gets back, as it writes the HTML and
XLSX reports (`joinedup.cli._output`). So the file exists only if the command itself lived to
write it: a command killed or interrupted at any point, even with the PDF being laid out, leaves
no file behind, where a maker that wrote the file itself went on to write it after its parent had
gone.

What either side does when the other fails:

- the command fails before it has a document (bad input): it stops the maker;
- the command dies half-way through sending: the maker reads an incomplete document and exits;
- the command dies after sending: on Linux the maker is killed with it (it asked the kernel for
  that when it started); elsewhere it finds the pipe to its parent broken when it sends the PDF
  and exits;
- the maker fails: the command prints what failed (the maker's one-line message, never a
  traceback) and exits 1.

The web app makes its PDFs with `joinedup.reports.pdf.render_pdf` in its task worker, in
process: a worker process must not pause its collector for other tasks, and needs no head start.
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

FAILED = 1
"""The maker's exit status when it sent no PDF back."""
_PR_SET_PDEATHSIG = 1
"""Linux's `prctl` option that has the kernel signal a process when its parent dies."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while this process makes one report, and skip
    its last pass when the process ends.

    A report builds a large heap that lives until the end (the analysis, then WeasyPrint's boxes,
    styles and fonts), and each full collection walks all of it while finding almost nothing to
    free: a PDF run made eight full passes that freed about 8,000 objects and cost a fifth of its
    CPU time. At exit Python walks the whole heap once more (a third of a second of an HTML
    report's CPU); freezing it first (`gc.freeze` at exit) leaves it to the operating system,
    which takes the memory back anyway. The collector is turned back on when the report is
    written, so a process that goes on (a test) collects as usual until it exits. The library's
    `render_pdf` does none of this itself: in a web worker it would pause collection for every
    other request sharing the process.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class PdfMakerError(Exception):
    """The PDF maker did not make the PDF; the message says why, in a line."""


class PdfMaker:
    """The parent's handle on a PDF maker process making one report."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process

    @classmethod
    def start(cls) -> PdfMaker:
        """Start a maker: it imports WeasyPrint and waits for the document."""
        process = subprocess.Popen(  # noqa: S603 (this interpreter, a module of ours: no shell)
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        return cls(process)

    def make(self, document: str, drawings: Mapping[str, str]) -> bytes:
        """Send the print document and its charts' SVG by id, and wait for the PDF it lays out.

        Raises `PdfMakerError` if the maker did not send a PDF back.
        """
        payload = json.dumps({"document": document, "drawings": dict(drawings)}).encode()
        pdf, errors = self.process.communicate(payload)
        status = self.process.returncode
        if status != 0 or not pdf:
            said = errors.decode(errors="replace").strip().splitlines()
            reason = said[-1] if said else f"it stopped with status {status}"
            raise PdfMakerError(reason)
        if errors:
            sys.stderr.write(errors.decode(errors="replace"))
        return pdf

    def abandon(self) -> None:
        """Stop a maker that has not sent a PDF back, and wait for it to exit. Stopped rather than
        left to finish importing WeasyPrint and read the end of its input, so that a refused
        command stops as quickly as it did without one. Does nothing once the maker has finished."""
        if self.process.returncode is None:
            self.process.terminate()
            self.process.communicate()


def _die_with_parent() -> None:
    """Have the kernel kill this maker when the command that started it dies (Linux only).

    A command killed after sending its document would otherwise leave the maker laying out for
    seconds a PDF nobody will read, only to find the pipe broken when it sends it. Elsewhere the
    broken pipe is the only signal, and is enough: the maker writes no file either way.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _send(pdf: bytes) -> int:
    """Send the PDF to the command on standard output; the exit status.

    A command that has gone (killed, interrupted) has closed the pipe: the PDF goes nowhere, and
    standard output is pointed at the null device so that Python's last flush at exit does not
    report the broken pipe again.
    """
    try:
        sys.stdout.buffer.write(pdf)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
        return FAILED
    return 0


def _make() -> int:
    """The maker's work: import WeasyPrint, read the document, send the PDF back; the exit status."""
    from weasyprint.urls import FatalURLFetchingError

    from joinedup.reports.pdf import pdf_of, report_ua_stylesheet

    report_ua_stylesheet()
    payload = sys.stdin.buffer.read()
    if not payload:
        return 0
    try:
        sent = json.loads(payload)
        document, drawings = sent["document"], sent["drawings"]
    except (ValueError, KeyError, TypeError):
        print("the print document arrived incomplete", file=sys.stderr)
        return FAILED
    try:
        pdf = pdf_of(document, drawings)
    except (Exception, FatalURLFetchingError) as error:
        cause = f" ({error.__cause__})" if error.__cause__ else ""
        print(f"WeasyPrint failed: {type(error).__name__}: {error}{cause}", file=sys.stderr)
        return FAILED
    return _send(pdf)


def main() -> int:
    """The maker's work with the collector paused: what `PdfMaker.start` runs."""
    with collector_paused():
        return _make()


if __name__ == "__main__":
    _die_with_parent()
    sys.exit(main())
