"""Finding the formula cells of a workbook sheet that hold no saved result.

calamine (like openpyxl with `data_only=True`) reads the result a spreadsheet program
saved beside each formula, which is what a person saw. A file written by a program that
does not calculate (pandas, openpyxl, many export scripts) saves the formula alone, and
such a cell reads as blank: an answer would silently become "not answered". The readers
refuse such a cell instead, so this module finds them by streaming the sheet's XML (after
`joinedup.io.safety.check_workbook` has checked the archive) and returns where they are.

An empty saved *text* result (Excel's `=""`, stored as `t="str"` with an empty value) is a
result, and reads as blank like the person saw it.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

_CHUNK = 1024 * 1024
# Any formula element, with or without a namespace prefix; checked first on the raw bytes so a
# sheet without formulas (nearly every survey export) is not parsed a second time.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CELL_REF = re.compile(r"([A-Z]{1,4})([0-9]{1,8})")
_TEXT_TYPES = frozenset({"str", "s", "inlineStr"})
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


@dataclass(frozen=True)
class UnsavedFormula:
    """A formula cell with no saved result: its 1-based row and column and the formula as written
    (without the leading "="; empty for a cell that shares another cell's formula)."""

    row: int
    column: int
    formula: str


class UnreadableFormulas(ValueError):
    """The sheet's XML could not be read to look for formulas."""


def unsaved_formulas(path: Path, sheet: str, *, keep: int) -> tuple[list[UnsavedFormula], int]:
    """The first `keep` formula cells of `sheet` in the .xlsx/.xlsm or .ods workbook at `path` with
    no saved result, and how many there are in all (a sheet can have thousands; a message needs few)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "content.xml" in names:
                found = _ods_unsaved(archive, sheet)
            else:
                part = _xlsx_sheet_part(archive, sheet)
                if part is None or part not in names or not _has_formula(archive, part):
                    return [], 0
                found = _xlsx_unsaved(archive, part)
            kept: list[UnsavedFormula] = []
            total = 0
            for cell in found:
                total += 1
                if len(kept) < keep:
                    kept.append(cell)
            return kept, total
    except (zipfile.BadZipFile, OSError, etree.XMLSyntaxError, ValueError) as error:
        raise UnreadableFormulas(str(error)) from error


def _parser(**kwargs: object) -> etree.XMLPullParser:
    return etree.XMLPullParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, **kwargs
    )


def _chunks(archive: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    with archive.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            yield chunk


def _parse_small(archive: zipfile.ZipFile, part: str) -> etree._Element:
    parser = _parser()
    for chunk in _chunks(archive, part):
        parser.feed(chunk)
    return parser.close()


def _xlsx_sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding `sheet`, through the workbook's list of sheets and its relationships."""
    workbook = _parse_small(archive, "xl/workbook.xml")
    relation = None
    for element in workbook.iter("{*}sheet"):
        if element.get("name") == sheet:
            relation = element.get(f"{{{_RELATIONSHIPS}}}id") or element.get(f"{{{_STRICT_RELATIONSHIPS}}}id")
            break
    if relation is None or "xl/_rels/workbook.xml.rels" not in archive.namelist():
        return None
    for element in _parse_small(archive, "xl/_rels/workbook.xml.rels").iter("{*}Relationship"):
        if element.get("Id") == relation:
            target = element.get("Target") or ""
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return None


def _has_formula(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    for chunk in _chunks(archive, part):
        if _FORMULA_TAG.search(tail + chunk):
            return True
        tail = chunk[-64:]
    return False


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _xlsx_unsaved(archive: zipfile.ZipFile, part: str) -> Iterator[UnsavedFormula]:
    """Cells with an `<f>` and no value, or an empty value that is not text.

    Only rows reach Python (their formula cells found by lxml's own search), so a sheet of a
    million cells costs about what parsing it costs. A cell's or row's `r` attribute may be
    left out, meaning "the next one", so positions are counted as well as read.
    """
    parser = _parser(events=("end",), tag="{*}row")
    row_at = 0
    for chunk in _chunks(archive, part):
        parser.feed(chunk)
        for _, row in parser.read_events():
            row_at = int(row.get("r") or row_at + 1)
            for formula in row.iterfind("{*}c/{*}f"):
                cell = formula.getparent()
                value = cell.find("{*}v")
                if value is not None and (value.text or cell.get("t") in _TEXT_TYPES):
                    continue
                yield UnsavedFormula(row_at, _column_of(cell), formula.text or "")
            row.clear()
            while row.getprevious() is not None:
                del row.getparent()[0]
    parser.close()


def _column_of(cell: etree._Element) -> int:
    """The 1-based column of an XLSX cell: its `r`, or as many past the nearest earlier cell with one."""
    steps = 0
    node: etree._Element | None = cell
    while node is not None:
        match = _CELL_REF.fullmatch(node.get("r") or "")
        if match:
            return _column_number(match.group(1)) + steps
        steps += 1
        node = node.getprevious()
    return steps


def _ods_unsaved(archive: zipfile.ZipFile, sheet: str) -> Iterator[UnsavedFormula]:
    """Cells of the named table with a `table:formula` and no `office:value-type` (no result)."""
    parser = _parser(events=("start", "end"), tag=(f"{{{_ODS_TABLE}}}table", f"{{{_ODS_TABLE}}}table-row"))
    table_name = f"{{{_ODS_TABLE}}}name"
    formula_attribute = f"{{{_ODS_TABLE}}}formula"
    value_type = f"{{{_ODS_OFFICE}}}value-type"
    repeat_row = f"{{{_ODS_TABLE}}}number-rows-repeated"
    repeat_column = f"{{{_ODS_TABLE}}}number-columns-repeated"
    in_sheet = False
    row_at = 0
    for chunk in _chunks(archive, "content.xml"):
        parser.feed(chunk)
        for event, element in parser.read_events():
            if etree.QName(element).localname == "table":
                in_sheet = event == "start" and element.get(table_name) == sheet
                row_at = 0
                continue
            if event == "start":
                continue
            repeats = int(element.get(repeat_row, "1"))
            if in_sheet:
                column_at = 0
                for cell in element:
                    span = int(cell.get(repeat_column, "1"))
                    formula = cell.get(formula_attribute)
                    if formula is not None and cell.get(value_type) is None:
                        for row in range(row_at + 1, row_at + repeats + 1):
                            for column in range(column_at + 1, column_at + span + 1):
                                yield UnsavedFormula(row, column, formula.split(":", 1)[-1].lstrip("="))
                    column_at += span
                row_at += repeats
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    parser.close()
