"""Turning the text cells of a structure sheet into typed values, collecting every problem as
a `RowError` instead of stopping at the first, so one import reports all that needs fixing.

Spreadsheets are typed by hand, so the parsers accept the usual variants (UK dates,
thousands separators, a currency sign, any letter case) and refuse anything ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import TypeVar

from joinedup.io.formulas import unprotect_text
from joinedup.io.structure_layouts import TEXT_LIMITS, SheetLayout
from joinedup.io.tables import RowError, Table

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_AMOUNT = re.compile(r"^[£€$]?\s*-?[\d,]*\.?\d+$")
LIST_SEPARATOR = ";"
Choice = TypeVar("Choice", bound=StrEnum)


def header_key(name: str) -> str:
    """How a header is matched: case, spaces and hyphens do not matter ("Baseline date")."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def sheet_label(table: Table) -> str:
    """The file name errors carry: the workbook's name with the sheet, or the CSV's name."""
    return f"{table.file} [{table.sheet}]" if table.sheet else table.file


def parse_date(text: str) -> date:
    """ISO dates (2025-03-31, also with a midnight time as spreadsheets give) or UK 31/03/2025."""
    if match := _ISO_DATE_TIME.match(text):
        return date.fromisoformat(match.group(1))
    if match := _UK_DATE.match(text):
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(text)


def parse_amount(text: str) -> float:
    """A number, allowing a leading currency sign and thousands separators (£12,500.50)."""
    if not _AMOUNT.match(text) or ",," in text:
        raise ValueError(text)
    return float(re.sub(r"[£€$,\s]", "", text))


def split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip())


class Row:
    """One data row of a sheet, with typed accessors that record errors and return None."""

    def __init__(self, label: str, number: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.label = label
        self.row_number = number
        self.cells = cells
        self.errors = errors

    def error(self, column: str | None, value: str | None, reason: str) -> None:
        self.errors.append(RowError(self.label, self.row_number, column, value, reason))

    def text(self, column: str, *, required: bool = False) -> str | None:
        """The stripped cell, or None when blank; a required column missing from the header has
        been reported once for the sheet, so its cells are not reported again row by row."""
        value = self.cells.get(column, "").strip()
        limit = TEXT_LIMITS.get(column)
        if limit is not None and len(value) > limit:
            self.error(
                column, value, f"is {len(value):,} characters long; at most {limit} fit in this column"
            )
            return None
        if value:
            return value
        if required and column in self.cells:
            self.error(column, None, "is empty; this column must be filled on every row")
        return None

    def date(self, column: str, *, required: bool = False) -> date | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(column, value, "is not a date; write it as 2025-03-31 or 31/03/2025")
            return None

    def number(self, column: str, *, required: bool = False, minimum: float | None = None) -> float | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        try:
            number = parse_amount(value)
        except ValueError:
            self.error(column, value, "is not a number")
            return None
        if minimum is not None and number < minimum:
            self.error(column, value, f"is below {minimum:g}")
            return None
        return number

    def choice(self, column: str, options: type[Choice], *, required: bool = False) -> Choice | None:
        value = self.text(column, required=required)
        if value is None:
            return None
        wanted = header_key(value).replace("_", "-")
        for option in options:
            if option.value.lower() == wanted:
                return option
        allowed = ", ".join(option.value for option in options)
        self.error(column, value, f"is not one of: {allowed}")
        return None


def check_header(
    table: Table, layout: SheetLayout, errors: list[RowError]
) -> tuple[dict[str, str], list[str]]:
    """Match the header to the layout: returns the layout column each header maps to, and the
    extra headers (the agency columns of a matrix sheet). Unknown headers are errors on sheets
    without agency columns, since they are usually typos of a real column."""
    label = sheet_label(table)
    by_key = {header_key(name): name for name in layout.column_names}
    mapping: dict[str, str] = {}
    extra: list[str] = []
    for written in table.header:
        header = unprotect_text(written)
        canonical = by_key.get(header_key(header))
        if canonical is not None and canonical not in mapping.values():
            mapping[header] = canonical
        elif canonical is not None:
            errors.append(
                RowError(label, table.header_row, header, None, f"repeats the column {canonical!r}")
            )
        elif layout.agency_columns:
            extra.append(header)
        else:
            expected = ", ".join(layout.column_names)
            errors.append(
                RowError(
                    label,
                    table.header_row,
                    header,
                    None,
                    f"is not a column of this sheet; expected {expected}",
                )
            )
    for column in layout.columns:
        if column.required and column.name not in mapping.values():
            errors.append(
                RowError(label, table.header_row, column.name, None, "is a required column but is missing")
            )
    return mapping, extra


def rows(table: Table, mapping: dict[str, str], errors: list[RowError]) -> Iterator[Row]:
    """The data rows with cells keyed by layout column name (agency columns keep their header);
    headers and cells lose the apostrophe the writers put before formula-like text."""
    label = sheet_label(table)
    for number, cells in table.records():
        yield Row(
            label,
            number,
            {
                mapping.get(unprotect_text(header), unprotect_text(header)): unprotect_text(value)
                for header, value in cells.items()
            },
            errors,
        )
