"""Checks every file reader makes before it parses anything, so hostile input costs little.

A file arrives from a person we cannot trust: a partner lead's upload, a review sent by
e-mail, an export from another tool. Parsers (calamine, openpyxl, python-docx, pypdf) are
written for honest files; given a 1.6 KB workbook that claims a cell at XFD1048576, or a
1 MB zip that unpacks to 448 MB, they allocate what the file claims. So each reader first
calls the checks here, which look only at sizes, the first bytes and the zip's central
directory (and, for workbooks, stream the sheets to find how far their cells reach), and
refuse with a `FileRefused` naming the file and the reason. The readers turn that into their
own documented error (`TableError`, `ReviewFileError`, `BibliographyError`), so a shell
shows it as it shows any other bad file.

The limits are in `Limits`; `STRUCTURE_LIMITS`, `RESPONSE_LIMITS`, `REVIEW_LIMITS` and
`BIBLIOGRAPHY_LIMITS` are the ones the readers use, documented in docs/imports.md.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from lxml import etree

MB = 1024 * 1024
Kind = Literal["zip", "ole", "pdf", "text", "binary"]
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PDF_MAGIC = b"%PDF-"
_SNIFF = 4096
_RATIO_CHECKED_FROM = MB
"""Members smaller than this are not ratio-checked: tiny XML parts compress far beyond 100:1."""
_CHUNK = MB
_UNPACKING_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError)
"""What a damaged member raises while it is unpacked (bad CRC, bad deflate data, cut short)."""
_HEADER_ROWS = 3
"""Rows above the data a sheet may have (Qualtrics writes three header rows)."""
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,4})([0-9]{1,8})\"")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,8})\"")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=\"([A-Z0-9:$]{1,40})\"")
_RANGE_END = re.compile(r"\$?([A-Z]{1,4})\$?([0-9]{1,8})$")
_ODS_NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}


class FileRefused(ValueError):
    """A file refused before parsing; `file` is its name, `reason` says why in plain words."""

    def __init__(self, file: str, reason: str) -> None:
        self.file = file
        self.reason = reason
        super().__init__(f"{file}: {reason}")


@dataclass(frozen=True)
class Limits:
    """How much one file may hold. Sizes in bytes; rows and columns as a spreadsheet counts them."""

    max_bytes: int = 10 * MB
    max_rows: int = 5_000
    max_columns: int = 1_000
    max_line_chars: int = 256 * 1024
    max_unpacked_bytes: int = 256 * MB
    max_ratio: float = 100.0
    max_members: int = 1_000
    max_pages: int = 1_000
    max_cells: int = 1_000_000
    """Rows times columns of a workbook sheet: calamine builds the whole rectangle in memory."""

    def with_max_bytes(self, max_bytes: int | None) -> Limits:
        """The same limits with another size cap (the web app's upload setting); None keeps this one."""
        return self if max_bytes is None else replace(self, max_bytes=max_bytes)


STRUCTURE_LIMITS = Limits(max_bytes=10 * MB, max_rows=5_000, max_columns=500)
"""Roles, targets, meetings, funding and action-plan sheets: a partnership has hundreds of rows, not more."""
RESPONSE_LIMITS = Limits(max_bytes=256 * MB, max_rows=1_000_000, max_columns=2_000, max_cells=10_000_000)
"""Survey responses: a national survey of a million responses still reads as CSV (a workbook may span
ten million cells, some 100,000 responses); a web upload is capped lower."""
REVIEW_LIMITS = Limits(max_bytes=20 * MB, max_unpacked_bytes=100 * MB, max_line_chars=100_000)
"""Review texts (.txt, .md, .docx, .pdf)."""
BIBLIOGRAPHY_LIMITS = Limits(max_bytes=20 * MB, max_line_chars=100_000)
"""Reference-manager exports (.bib, .ris)."""


def size_text(size: int) -> str:
    """A byte count as people say it: "10 MB", "1.5 MB", "900 KB"."""
    if size >= MB:
        value = round(size / MB, 1)
        return f"{value:.0f} MB" if value.is_integer() else f"{value:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def sniff(head: bytes) -> Kind:
    """What the first bytes say the file is, whatever its name says."""
    if head.startswith(_ZIP_MAGIC):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if head.startswith(_PDF_MAGIC):
        return "pdf"
    sample = head[:_SNIFF]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) or not sample:
        return "text"
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return "binary" if controls > len(sample) // 10 else "text"


def read_limited(path: Path, limits: Limits, *, file: str | None = None) -> bytes:
    """The file's bytes, refused by its size on disk before a byte is read."""
    name = file or path.name
    try:
        size = path.stat().st_size
    except OSError as error:
        raise FileRefused(name, f"cannot be read: {error.strerror}") from error
    check_size(size, limits, name)
    try:
        with path.open("rb") as handle:
            data = handle.read(size + 1)
    except OSError as error:
        raise FileRefused(name, f"cannot be read: {error.strerror}") from error
    check_size(len(data), limits, name)
    return data


def check_size(size: int, limits: Limits, file: str) -> None:
    if size > limits.max_bytes:
        raise FileRefused(
            file, f"is {size_text(size)}, more than the {size_text(limits.max_bytes)} a file may be"
        )


def check_lines(data: bytes, limits: Limits, file: str) -> None:
    """Refuse a text whose longest line is longer than the limit (a 1 MB single line, say).

    Counted in bytes, which is at least the count of characters; done with numpy so a
    large file costs one pass and one byte per byte, not a list of lines.
    """
    if len(data) <= limits.max_line_chars:
        return
    newlines = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    bounds = np.concatenate(([-1], newlines, [len(data)]))
    lengths = np.diff(bounds) - 1
    longest = int(lengths.max())
    if longest > limits.max_line_chars:
        line = int(np.argmax(lengths)) + 1
        raise FileRefused(
            file,
            f"line {line} is {size_text(longest)} long, more than the {size_text(limits.max_line_chars)} "
            "a line may be; this is not a file of rows or paragraphs",
        )


def check_rows(count: int, limits: Limits, file: str) -> None:
    if count > limits.max_rows:
        raise FileRefused(file, f"has more than {limits.max_rows:,} rows, the most one file may hold")


def check_zip(source: Path | bytes, limits: Limits, file: str) -> None:
    """Refuse an archive by its central directory alone: too many members, too much unpacked, or
    a member that unpacks to more than `max_ratio` times its packed size (a zip bomb)."""
    with _open_zip(source, file) as archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise FileRefused(
                file,
                f"holds {len(members):,} parts, more than the {limits.max_members:,} a document may have",
            )
        total = 0
        for member in members:
            if member.flag_bits & 0x1:
                raise FileRefused(file, "is encrypted; save it without a password")
            total += member.file_size
            if member.file_size >= _RATIO_CHECKED_FROM:
                ratio = member.file_size / max(member.compress_size, 1)
                if ratio > limits.max_ratio:
                    raise FileRefused(
                        file,
                        f"has a part ({member.filename}) that unpacks {ratio:,.0f} times larger than it is "
                        f"packed (at most {limits.max_ratio:,.0f} is allowed): it looks like a zip bomb",
                    )
        if total > limits.max_unpacked_bytes:
            raise FileRefused(
                file,
                f"unpacks to {size_text(total)}, more than the {size_text(limits.max_unpacked_bytes)} "
                "allowed",
            )


def check_workbook(path: Path, limits: Limits, *, file: str | None = None) -> None:
    """Everything to know about a spreadsheet before calamine opens it.

    calamine builds each sheet as a dense grid as wide and tall as its farthest cell, so the
    farthest cell (and the `<dimension>` an XLSX declares) is found by streaming the sheet
    XML, and a workbook reaching beyond the row or column limit is refused. Legacy .xls and
    .xlsb files keep their cells in binary records that cannot be checked this way, so they
    are refused with the advice to save as .xlsx.
    """
    name = file or path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(_SNIFF)
    except OSError as error:
        raise FileRefused(name, f"cannot be read: {error.strerror}") from error
    check_size(size, limits, name)
    kind = sniff(head)
    if kind == "ole":
        raise FileRefused(name, "is an old-style Excel (.xls) file; save it as .xlsx (Excel Workbook) or CSV")
    if kind != "zip":
        raise FileRefused(name, "is not a spreadsheet: its content is not an .xlsx or .ods workbook")
    check_zip(path, limits, name)
    with _open_zip(path, name) as archive:
        names = set(archive.namelist())
        if "content.xml" in names and "mimetype" in names:
            rows, columns = _ods_extent(archive, name)
        elif any(n.startswith("xl/worksheets/") and n.endswith(".bin") for n in names):
            raise FileRefused(name, "is a binary Excel (.xlsb) workbook; save it as .xlsx (Excel Workbook)")
        elif "xl/workbook.xml" in names:
            rows, columns = _xlsx_extent(archive, name)
        else:
            raise FileRefused(name, "is a zip archive but not an .xlsx or .ods workbook")
    _check_extent(rows, columns, limits, name)


def check_docx(data: bytes, limits: Limits, file: str) -> None:
    """A Word file is a zip of XML parts: check the archive, unpack every part (so a damaged one
    is found here, by its CRC), and parse every XML part with defusedxml, which refuses any DTD
    (so no entity expansion, no "billion laughs") before python-docx sees the parts."""
    check_size(len(data), limits, file)
    if sniff(data[:_SNIFF]) != "zip":
        raise FileRefused(file, "is not a Word (.docx) document: its content is not a zip package")
    check_zip(data, limits, file)
    with _open_zip(data, file) as archive:
        if "word/document.xml" not in archive.namelist():
            raise FileRefused(file, "is a zip archive but not a Word (.docx) document")
        for member in archive.infolist():
            data = _read_member(archive, member, file)
            if not member.filename.endswith((".xml", ".rels")):
                continue
            try:
                SafeElementTree.fromstring(data, forbid_dtd=True)
            except DefusedXmlException as error:
                raise FileRefused(
                    file,
                    f"part {member.filename} declares a DTD or entities, which a Word document never needs",
                ) from error
            except SafeElementTree.ParseError as error:
                raise FileRefused(file, f"part {member.filename} is not well-formed XML ({error})") from error


def check_pdf(data: bytes, limits: Limits, file: str) -> None:
    check_size(len(data), limits, file)
    if sniff(data[:_SNIFF]) != "pdf":
        raise FileRefused(file, "is not a PDF: it does not start with %PDF-")


def _open_zip(source: Path | bytes, file: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (*_UNPACKING_ERRORS, zipfile.LargeZipFile) as error:
        raise FileRefused(file, f"is a damaged zip archive ({error})") from error


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> bytes:
    """A member's bytes; the zip module stops at the size the directory declares and checks the CRC."""
    try:
        return archive.read(member)
    except _UNPACKING_ERRORS as error:
        raise FileRefused(file, f"part {member.filename} cannot be unpacked ({error})") from error


def _chunks(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> Iterator[bytes]:
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                yield chunk
    except _UNPACKING_ERRORS as error:
        raise FileRefused(file, f"part {member.filename} cannot be unpacked ({error})") from error


def _column_number(letters: str | bytes) -> int:
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for letter in text:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _xlsx_extent(archive: zipfile.ZipFile, file: str) -> tuple[int, int]:
    """The farthest row and column any sheet declares or uses, streamed chunk by chunk."""
    rows = columns = 0
    for member in archive.infolist():
        if not (member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")):
            continue
        tail = b""
        for chunk in _chunks(archive, member, file):
            text = tail + chunk
            for match in _DIMENSION.finditer(text):
                end = _RANGE_END.search(match.group(1).decode())
                if end:
                    columns = max(columns, _column_number(end.group(1)))
                    rows = max(rows, int(end.group(2)))
            for match in _CELL_REF.finditer(text):
                columns = max(columns, _column_number(match.group(1)))
                rows = max(rows, int(match.group(2)))
            for match in _ROW_REF.finditer(text):
                rows = max(rows, int(match.group(1)))
            tail = text[-512:]
    return rows, columns


def _ods_extent(archive: zipfile.ZipFile, file: str) -> tuple[int, int]:
    """The farthest row and column holding a value in an OpenDocument sheet.

    LibreOffice writes trailing blank rows and columns as one element "repeated" a million
    times; those are not cells. A repeated cell or row that holds a value is, so repeats of
    content count in full.
    """
    member = archive.getinfo("content.xml")
    parser = etree.XMLPullParser(
        events=("end",),
        tag=f"{{{_ODS_NS['table']}}}table-row",
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
    )
    repeat_row = f"{{{_ODS_NS['table']}}}number-rows-repeated"
    repeat_column = f"{{{_ODS_NS['table']}}}number-columns-repeated"
    value_type = f"{{{_ODS_NS['office']}}}value-type"
    rows = columns = 0
    row_at = 0
    try:
        for chunk in _chunks(archive, member, file):
            parser.feed(chunk)
            for _, row in parser.read_events():
                repeats = int(row.get(repeat_row, "1"))
                column_at = reach = 0
                for cell in row:
                    span = int(cell.get(repeat_column, "1"))
                    column_at += span
                    if cell.get(value_type) is not None or len(cell):
                        reach = column_at
                if reach:
                    rows = row_at + repeats
                    columns = max(columns, reach)
                row_at += repeats
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
        parser.close()
    except (etree.XMLSyntaxError, ValueError) as error:
        raise FileRefused(file, f"content.xml is not a readable OpenDocument sheet ({error})") from error
    return rows, columns


def _check_extent(rows: int, columns: int, limits: Limits, file: str) -> None:
    if rows > limits.max_rows + _HEADER_ROWS or columns > limits.max_columns:
        raise FileRefused(
            file,
            f"has cells up to row {rows:,} and column {columns:,}; a sheet may have at most "
            f"{limits.max_rows:,} rows under its header and {limits.max_columns:,} columns",
        )
    if rows * columns > limits.max_cells:
        raise FileRefused(
            file,
            f"spans {rows:,} rows by {columns:,} columns, more than the {limits.max_cells:,} cells a "
            "workbook may span; save it as CSV",
        )
