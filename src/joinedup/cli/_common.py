"""One way for every command to take its format, print or write its result, and fail.

The exit codes are part of the command line's contract, so scripts and CI can rely on them:

- 0: the command did what was asked (a check that ran and found nothing is a success);
- 1: a check ran and found problems (only commands that report findings or checks use it);
- 2: bad input or usage: a file that cannot be read, a bad value, a missing or wrong option.

Kept free of heavy imports so that `joinedup --help` stays fast.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2

EXIT_CODES_HELP = (
    "Exit codes: 0 success; 1 a check found problems (commands that report findings or checks); "
    "2 bad input or usage (the message names the file, row, column and value)."
)


class Listing(enum.StrEnum):
    """A result read by a person (a table) or by a machine (JSON)."""

    table = "table"
    json = "json"


class Rows(enum.StrEnum):
    """A flat result: a table, JSON, or CSV rows for a spreadsheet."""

    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(enum.StrEnum):
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


class SheetFormat(enum.StrEnum):
    csv = "csv"
    xlsx = "xlsx"


class MapFormat(enum.StrEnum):
    csv = "csv"
    json = "json"
    html = "html"
    eppi_json = "eppi-json"


class BibFormat(enum.StrEnum):
    bibtex = "bibtex"
    ris = "ris"


class PageFormat(enum.StrEnum):
    """Data for machines (JSON) or one page for people (HTML)."""

    json = "json"
    html = "html"


class TagFormat(enum.StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


OutAlias = Annotated[
    str | None,
    typer.Option("--out", hidden=True, help="The old name of -o/--output, kept for one release."),
]


def _error_line(message: str) -> Text:
    """The word Error in bold red, then `message` exactly as given: a message names paths, partnerships
    and values the person typed, so its brackets and colons are never read as Rich markup or emoji
    (a path with "[/]" in it stopped the command with a traceback)."""
    from rich.text import Text

    return Text.assemble(("Error:", "bold red"), " ", message)


def plain(value: object) -> Text:
    """`value` as Rich text that is shown as it is: names, statements and citations come from the
    person's files, so their brackets and colons must never be read as Rich markup or emoji
    (a partnership called "Police [/]" stopped a table with a traceback, "[bold]x" lost its text)."""
    from rich.text import Text

    return value if isinstance(value, Text) else Text(str(value))


def add_plain_row(table: Table, *cells: object) -> None:
    """Add a row to `table` whose every cell is shown verbatim (see `plain`); a cell that is already
    `Text` keeps its style, which is how our own styled wording goes in beside the data."""
    table.add_row(*(plain(cell) for cell in cells))


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print `message`, verbatim, as an error on standard error and stop with `code` (2, bad input,
    by default)."""
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(_error_line(message), highlight=False)
    raise typer.Exit(code)


def fail_all(heading: str, problems: Iterable[object], code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print a heading and every problem, one a line, so all of them can be fixed in one go."""
    from rich.console import Console

    console = Console(stderr=True, soft_wrap=True)
    console.print(_error_line(heading), highlight=False)
    for problem in problems:
        console.print(f"  {problem}", markup=False, highlight=False)
    raise typer.Exit(code)


def output_path(output: str | None, out: str | None) -> str | None:
    """The file named by -o/--output or its old alias --out; both at once must agree."""
    if output is not None and out is not None and output != out:
        fail(f"-o/--output {output!r} and --out {out!r} name different files; give one")
    return output if output is not None else out


def required_output(output: str | None, out: str | None) -> str:
    """As `output_path`, for a command that has nothing to show but the file it writes."""
    chosen = output_path(output, out)
    if chosen is None:
        fail("Missing option '-o' / '--output': where to write")
    return chosen


def read_text(path: str) -> str:
    """A UTF-8 text file, or standard input for "-"; a missing or unreadable file stops with exit 2."""
    import sys

    if path == "-":
        return sys.stdin.read()
    source = Path(path)
    if not source.is_file():
        fail(f"{path}: no such file")
    try:
        return source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{path}: cannot be read as UTF-8 text ({error})")


def judged_on(today: str | None) -> date:
    """The day a check or report judges against: the `--today` given (already checked), else today."""
    return date.fromisoformat(today) if today else date.today()


TODAY_HELP = "The date to judge against (YYYY-MM-DD), for reproducible results; defaults to today."


def check_date(value: str | None, option: str = "--today") -> str | None:
    """A YYYY-MM-DD date given on the command line, refused (exit 2) when it is not one."""
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            fail(f"{option}: {value!r} is not a date written as YYYY-MM-DD")
    return value


def emit(
    output_format: str,
    document: object,
    *,
    tables: Callable[[], Sequence[Table]] | None = None,
    rows: Callable[[], Sequence[Mapping[str, Any]]] | None = None,
    output: str | None = None,
    to_stderr: bool = False,
) -> None:
    """Show a result as Rich tables, JSON (`document`) or CSV (`rows`), on screen or into `output`.

    Every command prints through here, so JSON is always indented UTF-8 and CSV cells are always
    protected against formula injection.
    """
    import json
    import sys

    if output_format in ("json", "jsonl"):
        if output_format == "jsonl" and isinstance(document, list):
            text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in document)
        else:
            text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        write_text(text, output)
        return
    if output_format == "csv":
        if rows is None:
            raise ValueError("a CSV result needs rows")
        write_text(_csv_text(rows()), output)
        return
    if tables is None:
        raise ValueError("a table result needs tables")
    from rich.console import Console

    if output is None:
        console = Console(stderr=to_stderr, width=None if sys.stdout.isatty() else 150)
        for table in tables():
            console.print(table)
        return
    import io

    stream = io.StringIO()
    for table in tables():
        Console(file=stream, width=160).print(table)
    write_text(stream.getvalue(), output)


def _csv_text(records: Sequence[Mapping[str, Any]]) -> str:
    import csv
    import io

    from joinedup.io.formulas import protect_cell

    buffer = io.StringIO()
    if records:
        writer = csv.DictWriter(buffer, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow({name: protect_cell(_flat(value)) for name, value in record.items()})
    return buffer.getvalue()


def _flat(value: object) -> str | int | float | None:
    if isinstance(value, list | tuple):
        return "; ".join(str(part) for part in value)
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def write_text(text: str, output: str | None) -> None:
    """Print `text`, or write it whole to the `-o` file (a path that cannot be written: one line,
    exit 2)."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        from joinedup.cli._output import write_output

        write_output(Path(output), text.encode("utf-8"))


def say(message: str) -> None:
    """A note for the person (what was written where), on standard error so that output stays clean."""
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(message, highlight=False, markup=False)
