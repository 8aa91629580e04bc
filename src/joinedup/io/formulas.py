"""Keeping text text in spreadsheets: the one guard every CSV and XLSX writer uses.

Names, comments and action text come from people we cannot vouch for. A cell starting
with `=`, `+`, `-` or `@` (or a tab or carriage return, which some programs skip before
looking) runs as a formula when the file is opened in Excel or LibreOffice, and
`=HYPERLINK(...)` in a task name can send a reader's data elsewhere. So every writer puts
an apostrophe in front of such text, as Excel itself does, headers included; numbers
("-5", "+3.2") are left alone because they cannot run. The readers take the apostrophe
off again (`unprotect_text`), so a write-then-read round trip gives back what was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

_RISKY_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
Value = TypeVar("Value")


def protect_text(text: str) -> str:
    """The text as a spreadsheet will show it rather than run it."""
    if text.startswith(_RISKY_STARTS) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def unprotect_text(text: str) -> str:
    """What `protect_text` was given."""
    if text[:1] == "'" and text[1:].startswith(_RISKY_STARTS) and not _NUMBER.fullmatch(text[1:]):
        return text[1:]
    return text


def protect_cell(value: Value) -> Value | str:
    """Text protected; numbers, dates and blanks as they are."""
    return protect_text(value) if isinstance(value, str) else value


def protect_row(values: Iterable[Value]) -> list[Value | str]:
    """A row (or header) for `csv.writer` or `Worksheet.append`."""
    return [protect_cell(value) for value in values]


def workbook_cell(value: Value) -> Value | str:
    """A value for an XLSX cell: protected, and without the control characters XML cannot hold
    (openpyxl refuses them, so a name with one would make the whole download fail)."""
    return ILLEGAL_CHARACTERS_RE.sub("", protect_text(value)) if isinstance(value, str) else value
