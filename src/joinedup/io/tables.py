"""Reading CSV and spreadsheet files into rows of text, keeping the row numbers people see.

Every importer (survey exports, RACI sheets, targets, meetings, funding) starts here, so
the hard parts of real-world files are handled once: text encodings, `;`-separated CSV
from European Excel, blank rows, stray columns, repeated headers, spreadsheets renamed
as CSV. Cells come back as stripped strings; what they mean is the caller's business.
Problems are reported as `RowError`s that name the file, row, column and value, the
row being the number shown in a spreadsheet (the header is usually row 1).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import python_calamine

from joinedup.io.formula_results import UnreadableFormulas, unsaved_formulas
from joinedup.io.safety import (
    RESPONSE_LIMITS,
    FileRefused,
    Limits,
    check_lines,
    check_rows,
    check_workbook,
    read_limited,
)

CSV_SUFFIXES = frozenset({".csv", ".tsv", ".txt"})
SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"})
_SNIFF_BYTES = 64 * 1024
_SHOWN_VALUE_LENGTH = 60
_FORMULAS_LISTED = 20


@dataclass(frozen=True)
class RowError:
    """One problem in a file, located as precisely as the problem allows."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        location = [self.file]
        if self.row is not None:
            location.append(f"row {self.row}")
        if self.column is not None:
            location.append(f'column "{self.column}"')
        if self.value is None:
            return f"{', '.join(location)}: {self.reason}"
        shown = (
            self.value if len(self.value) <= _SHOWN_VALUE_LENGTH else self.value[:_SHOWN_VALUE_LENGTH] + "…"
        )
        return f'{", ".join(location)}: "{shown}" {self.reason}'


class TableError(ValueError):
    """A file could not be read as a table; `errors` lists every problem found."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass(frozen=True)
class Grid:
    """The non-blank rows of one sheet, before any header has been chosen."""

    file: str
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str | None = None
    sheet: str | None = None


@dataclass(frozen=True)
class Table:
    """Named columns over data rows; every row has exactly one cell per header name."""

    file: str
    header: tuple[str, ...]
    header_row: int
    rows: list[list[str]]
    row_numbers: list[int]
    encoding: str | None = None
    sheet: str | None = None

    def records(self) -> Iterator[tuple[int, dict[str, str]]]:
        for number, cells in zip(self.row_numbers, self.rows, strict=True):
            yield number, dict(zip(self.header, cells, strict=True))

    def column(self, name: str) -> list[str]:
        index = self.header.index(name)
        return [cells[index] for cells in self.rows]

    def columns(self) -> dict[str, list[str]]:
        """Every column at once, for callers that read them all (one pass instead of one per column)."""
        if not self.rows:
            return {name: [] for name in self.header}
        return {
            name: list(cells) for name, cells in zip(self.header, zip(*self.rows, strict=True), strict=True)
        }


def column_letter(index: int) -> str:
    """Spreadsheet-style name (A, B, …, AA) for a zero-based column index."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def read_grid(path: Path, *, sheet: str | None = None, limits: Limits = RESPONSE_LIMITS) -> Grid:
    """Read CSV/TSV (any common encoding or delimiter) or XLSX/ODS (first sheet unless named).

    The file is checked against `limits` before it is parsed (see `joinedup.io.safety`):
    its size, its longest line, its rows and columns, and for a workbook its archive; what
    its content is decides how it is read as much as its name, so a workbook renamed to
    .csv or junk renamed to .xlsx gets a clear error. Any refusal is a `TableError`.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in SPREADSHEET_SUFFIXES:
            check_workbook(path, limits)
            return _read_spreadsheet(path, sheet, limits)
        if suffix in CSV_SUFFIXES:
            return _read_csv(path, limits)
    except FileRefused as refused:
        raise TableError([RowError(refused.file, None, None, None, refused.reason)]) from refused
    raise TableError(
        [
            RowError(
                path.name,
                None,
                None,
                None,
                "is neither CSV (.csv, .tsv) nor a spreadsheet (.xlsx, .ods)",
            )
        ]
    )


def sheet_names(path: Path, limits: Limits = RESPONSE_LIMITS) -> list[str]:
    """The sheets of a workbook, after the same checks as `read_grid`; a `TableError` otherwise."""
    try:
        check_workbook(path, limits)
        return list(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)
    except FileRefused as refused:
        raise TableError([RowError(refused.file, None, None, None, refused.reason)]) from refused
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise TableError(
            [RowError(path.name, None, None, None, f"cannot be opened as a spreadsheet ({error})")]
        ) from error


def read_table(path: Path, *, sheet: str | None = None, limits: Limits = RESPONSE_LIMITS) -> Table:
    """Read a file whose first non-blank row is the header."""
    grid = read_grid(path, sheet=sheet, limits=limits)
    if not grid.rows:
        raise TableError([RowError(grid.file, None, None, None, "is empty")])
    return table_from_grid(grid, grid.rows[0], first_data_index=1)


def table_from_grid(
    grid: Grid, header: Sequence[str], first_data_index: int, *, header_index: int | None = None
) -> Table:
    """Attach `header` to the grid rows from `first_data_index` on, checking the header is usable.

    `header_index` is the grid row that errors about the header point at; by default
    the row just above the data.

    Columns with no header and no data are dropped silently; a column with data but no
    header, a repeated header or a cell beyond the last column is an error, because the
    caller could only guess what it means.
    """
    if not 1 <= first_data_index <= len(grid.rows):
        raise ValueError(f"first_data_index must be between 1 and {len(grid.rows)}, got {first_data_index}")
    header_row = grid.row_numbers[first_data_index - 1 if header_index is None else header_index]
    names = [name.strip() for name in header]
    data = grid.rows[first_data_index:]
    numbers = grid.row_numbers[first_data_index:]
    width = max([len(names), *(len(cells) for cells in data)])
    names += [""] * (width - len(names))
    errors: list[RowError] = []
    kept: list[int] = []
    for index, name in enumerate(names):
        if name:
            kept.append(index)
            continue
        filled = next(
            (
                (n, cells[index])
                for n, cells in zip(numbers, data, strict=True)
                if index < len(cells) and cells[index]
            ),
            None,
        )
        if filled is not None:
            errors.append(
                RowError(
                    grid.file, filled[0], column_letter(index), filled[1], "is in a column that has no header"
                )
            )
    positions: dict[str, list[int]] = defaultdict(list)
    for index in kept:
        positions[names[index]].append(index)
    for name, where in positions.items():
        if len(where) > 1:
            letters = ", ".join(column_letter(i) for i in where)
            errors.append(
                RowError(
                    grid.file,
                    header_row,
                    name,
                    None,
                    f"appears {len(where)} times in the header (columns {letters}); "
                    "each column needs its own name",
                )
            )
    if errors:
        raise TableError(errors)
    padded = (cells if len(cells) == width else cells + [""] * (width - len(cells)) for cells in data)
    rows = list(padded) if len(kept) == width else [[cells[i] for i in kept] for cells in padded]
    return Table(
        file=grid.file,
        header=tuple(names[i] for i in kept),
        header_row=header_row,
        rows=rows,
        row_numbers=list(numbers),
        encoding=grid.encoding,
        sheet=grid.sheet,
    )


def _read_csv(path: Path, limits: Limits) -> Grid:
    data = read_limited(path, limits)
    if data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0") or data[:5] == b"%PDF-":
        raise FileRefused(
            path.name, "is a workbook, a Word or a PDF file renamed to .csv; save the sheet as CSV UTF-8"
        )
    check_lines(data, limits, path.name)
    text, encoding = _decode(data, path.name)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    numbers: list[int] = []
    record_number = 0
    try:
        for record_number, cells in enumerate(reader, start=1):
            if len(cells) > limits.max_columns:
                raise FileRefused(
                    path.name,
                    f"row {record_number} has {len(cells):,} cells, more than the "
                    f"{limits.max_columns:,} columns a sheet may have",
                )
            stripped = _trim([cell.strip() for cell in cells])
            if stripped:
                rows.append(stripped)
                numbers.append(record_number)
                check_rows(len(rows) - 1, limits, path.name)
    except csv.Error as error:
        raise TableError(
            [RowError(path.name, record_number + 1, None, None, f"cannot be read as CSV: {error}")]
        ) from error
    return Grid(path.name, rows, numbers, encoding=encoding)


def _decode(data: bytes, file: str) -> tuple[str, str]:
    """UTF-8 (with or without BOM) or UTF-16 with BOM; Windows-1252 as Excel's legacy fallback."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise TableError(
            [
                RowError(
                    file,
                    line,
                    None,
                    None,
                    "contains NUL bytes, so it is not a text CSV: it may be a spreadsheet renamed to .csv or "
                    'UTF-16 text without a byte-order mark; save it as "CSV UTF-8" or as .xlsx',
                )
            ]
        )
    else:
        candidates = ["utf-8", "cp1252"]
    last_failure: UnicodeDecodeError | None = None
    for encoding in candidates:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as error:
            last_failure = error
    assert last_failure is not None
    line = data[: last_failure.start].count(b"\n") + 1
    bad = data[last_failure.start : last_failure.start + 1].hex()
    names = " or ".join(
        {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16"}[c]
        for c in candidates
    )
    raise TableError(
        [
            RowError(
                file,
                line,
                None,
                f"0x{bad}",
                f'is a byte that is not valid {names}; save the file as "CSV UTF-8"',
            )
        ]
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header record into the most fields; a comma on a tie.

    Judging by the header alone keeps commas and semicolons inside free-text answers
    from fooling the guess.
    """
    sample = text[:_SNIFF_BYTES]
    best, best_count = ",", 1
    for delimiter in (",", ";", "\t"):
        try:
            first = next(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(first) > best_count:
            best, best_count = delimiter, len(first)
    return best


def _read_spreadsheet(path: Path, sheet: str | None, limits: Limits) -> Grid:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except (python_calamine.CalamineError, OSError, ValueError) as error:
        raise TableError(
            [RowError(path.name, None, None, None, f"cannot be opened as a spreadsheet ({error})")]
        ) from error
    names = workbook.sheet_names
    if not names:
        raise TableError([RowError(path.name, None, None, None, "has no sheets")])
    if sheet is not None and sheet not in names:
        raise TableError(
            [
                RowError(
                    path.name, None, None, sheet, f"is not a sheet in this workbook; its sheets are {names}"
                )
            ]
        )
    chosen = sheet if sheet is not None else names[0]
    try:
        values = workbook.get_sheet_by_name(chosen).to_python(skip_empty_area=False)
    except (python_calamine.CalamineError, ValueError) as error:
        raise TableError(
            [RowError(path.name, None, None, None, f"sheet {chosen!r} cannot be read ({error})")]
        ) from error
    _refuse_unsaved_formulas(path, chosen)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for row_number, cells in enumerate(values, start=1):
        texts = _trim([_cell_text(cell) for cell in cells])
        if texts:
            rows.append(texts)
            numbers.append(row_number)
    check_rows(len(rows) - 1, limits, path.name)
    return Grid(path.name, rows, numbers, sheet=chosen)


def _refuse_unsaved_formulas(path: Path, sheet: str) -> None:
    """A formula cell with no saved result would read as blank, an answer lost without a word,
    so the sheet is refused naming each such cell and what to do."""
    try:
        cells, total = unsaved_formulas(path, sheet, keep=_FORMULAS_LISTED)
    except UnreadableFormulas as error:
        raise TableError(
            [RowError(path.name, None, None, None, f"sheet {sheet!r} cannot be read ({error})")]
        ) from error
    if not total:
        return
    errors = [
        RowError(
            path.name,
            cell.row,
            column_letter(cell.column - 1),
            f"={cell.formula}" if cell.formula else None,
            f"(sheet {sheet!r}, cell {column_letter(cell.column - 1)}{cell.row}) is a formula with no saved "
            "result: open and save the file in Excel, or paste values",
        )
        for cell in cells
    ]
    if total > len(cells):
        errors.append(
            RowError(
                path.name,
                None,
                None,
                None,
                f"has {total - len(cells):,} more formula cells with no saved result in sheet {sheet!r}",
            )
        )
    raise TableError(errors)


def _cell_text(value: object) -> str:
    """Whole numbers lose the `.0` a spreadsheet adds, so "4" and 4.0 read the same."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _trim(cells: list[str]) -> list[str]:
    """Drop trailing blank cells; an all-blank row becomes an empty list."""
    end = len(cells)
    while end and not cells[end - 1]:
        end -= 1
    return cells[:end]
