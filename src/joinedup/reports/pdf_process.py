"""The command line's PDF, made in a process of its own that starts with the command.

Importing WeasyPrint takes a third of a second or more, and the report data takes the command
most of a second to compute. `joinedup report --format pdf` therefore starts this module as a
separate process first (`PdfMaker.start`): it imports WeasyPrint and parses its stylesheet while
the command analyses the files, then reads the print document from its standard input, lays it
out and writes the PDF. The print document is made without WeasyPrint
(`joinedup.reports.printing`) and sent as JSON: the HTML and each chart's SVG by id.

What either side does when the other fails:

- the command fails before it has a document (bad input): it stops the maker, which has written
  nothing (and a maker whose input ends unwritten exits without writing anything);
- the command dies half-way through sending: the maker reads an incomplete document and exits
  without writing anything;
- the maker fails: the command prints what failed (the maker's one-line message, never a
  traceback) and exits non-zero. The PDF is written to a temporary file beside the target and
  renamed over it only when complete, so a failure never leaves half a file.

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
from pathlib import Path

WRITE_FAILED = 2
"""The maker's exit status when the PDF was made but could not be written where asked."""
FAILED = 1
"""The maker's exit status for anything else that kept it from writing the PDF."""


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
    """The PDF maker did not write the PDF; the message says why, in a line."""

    def __init__(self, message: str, *, writing: bool) -> None:
        super().__init__(message)
        self.writing = writing
        """Whether the PDF was made but could not be written where asked (a bad output path)."""


class PdfMaker:
    """The parent's handle on a PDF maker process writing one report to one file."""

    def __init__(self, process: subprocess.Popen[bytes], target: Path) -> None:
        self.process = process
        self.target = target

    @classmethod
    def start(cls, target: Path) -> PdfMaker:
        """Start a maker that will write `target`: it imports WeasyPrint and waits for the document."""
        process = subprocess.Popen(  # noqa: S603 (this interpreter, a module of ours, a path: no shell)
            [sys.executable, "-m", __name__, str(target)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        return cls(process, target)

    def make(self, document: str, drawings: Mapping[str, str]) -> None:
        """Send the print document and its charts' SVG by id, and wait until the PDF is written.

        Raises `PdfMakerError` if the maker did not write it.
        """
        payload = json.dumps({"document": document, "drawings": dict(drawings)}).encode()
        _, errors = self.process.communicate(payload)
        status = self.process.returncode
        if status != 0:
            said = errors.decode(errors="replace").strip().splitlines()
            reason = said[-1] if said else f"it stopped with status {status}"
            raise PdfMakerError(
                f"could not make the PDF {self.target}: {reason}", writing=status == WRITE_FAILED
            )
        if errors:
            sys.stderr.write(errors.decode(errors="replace"))

    def abandon(self) -> None:
        """Stop a maker that has not been sent a document, and wait for it to exit: it writes
        nothing. Stopped rather than left to finish importing WeasyPrint and read the end of its
        input, so that a refused command stops as quickly as it did without one. Does nothing once
        the maker has finished."""
        if self.process.returncode is None:
            self.process.terminate()
            self.process.communicate()


def write_atomically(target: Path, content: bytes) -> None:
    """Write `content` to `target` through a temporary file beside it, renamed over it only when
    complete, so that no reader or failure ever sees half a PDF. The file gets the permissions a
    new file gets (the umask's), as `Path.write_bytes` would give it."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _make(target: Path) -> int:
    """The maker's work: import WeasyPrint, read the document, write the PDF; the exit status."""
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
    try:
        write_atomically(target, pdf)
    except OSError as error:
        print(f"cannot write it: {error.strerror or error}", file=sys.stderr)
        return WRITE_FAILED
    return 0


def main(arguments: list[str]) -> int:
    """`python -m joinedup.reports.pdf_process TARGET`: what `PdfMaker.start` runs."""
    (target,) = arguments
    with collector_paused():
        return _make(Path(target))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
