"""Reading a rendered report back as a person would: its visible text, its tables, its sheets."""

from __future__ import annotations

import io
from html.parser import HTMLParser

from openpyxl import load_workbook


class _Text(HTMLParser):
    """Text nodes only (never attributes such as SVG coordinates), and every table row's cells."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.rows: list[list[str]] = []
        self.headings: list[str] = []
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"style", "script"}:
            self._skip += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag in {"h1", "h2", "h3", "h4"}:
            self._heading = []

    def handle_endtag(self, tag: str) -> None:
        if tag in {"style", "script"}:
            self._skip -= 1
        elif tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag in {"h1", "h2", "h3", "h4"} and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.parts.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


def read_html(document: str) -> _Text:
    parser = _Text()
    parser.feed(document)
    return parser


def workbook_cells(content: bytes) -> dict[str, list[list[object]]]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook}
