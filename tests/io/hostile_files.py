"""Hostile files, built in memory so none is committed: each is what issue 11's attacker uploaded.

Used by the core tests here, the web upload tests and `benchmarks/hostile_inputs.py`.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

from openpyxl import Workbook

MB = 1024 * 1024
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def far_cell_xlsx() -> bytes:
    """A 1.6 KB workbook with one cell at XFD1048576: calamine would allocate a 512 GiB grid."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "task"
    sheet["XFD1048576"] = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def declared_far_xlsx() -> bytes:
    """A small workbook whose cells are few but whose `<dimension>` claims A1:XFD1048576."""
    honest = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["task", "Education"])
    workbook.save(honest)
    return _rewrite(honest.getvalue(), "xl/worksheets/sheet1.xml", _claim_dimension)


def _claim_dimension(xml: bytes) -> bytes:
    start = xml.index(b"<dimension")
    end = xml.index(b"/>", start) + 2
    return xml[:start] + b'<dimension ref="A1:XFD1048576"/>' + xml[end:]


def _rewrite(archive: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(data) if info.filename == member else data)
    return output.getvalue()


@dataclass(frozen=True)
class Padded:
    """A member that is `head`, then `padding` bytes of spaces, then `tail`."""

    head: bytes
    padding: int
    tail: bytes


def _deflated(content: bytes | Padded) -> tuple[bytes, int, int]:
    """Raw-deflated bytes, CRC and size. Padding is compressed one megabyte once, then repeated:
    after a full flush the compressor starts afresh, so every megabyte packs to the same bytes."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    if isinstance(content, bytes):
        return compressor.compress(content) + compressor.flush(), zlib.crc32(content), len(content)
    chunk = b" " * MB
    parts = [compressor.compress(content.head), compressor.flush(zlib.Z_FULL_FLUSH)]
    packed_chunk = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(content.head)
    for _ in range(content.padding // MB):
        parts.append(packed_chunk)
        crc = zlib.crc32(chunk, crc)
    parts += [compressor.compress(content.tail), compressor.flush()]
    crc = zlib.crc32(content.tail, crc)
    return b"".join(parts), crc, len(content.head) + content.padding // MB * MB + len(content.tail)


def _zip(members: list[tuple[str, bytes | Padded]]) -> bytes:
    """A zip archive written field by field, so a bomb costs milliseconds to build, not minutes."""
    out = bytearray()
    directory = bytearray()
    for name, content in members:
        data, crc, size = _deflated(content)
        encoded = name.encode()
        offset = len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0
        )
        out += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    out += directory + struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(out), 0
    )
    return bytes(out)


def zip_bomb_xlsx(unpacked: int = 448 * MB) -> bytes:
    """A valid workbook whose sheet XML holds `unpacked` bytes of whitespace: well-formed, tiny packed."""
    honest = io.BytesIO()
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["task", "Education"])
    workbook.save(honest)
    members: list[tuple[str, bytes | Padded]] = []
    with zipfile.ZipFile(io.BytesIO(honest.getvalue())) as source:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                cut = data.index(b"<sheetData>")
                members.append((info.filename, Padded(data[:cut], unpacked, data[cut:])))
            else:
                members.append((info.filename, data))
    return _zip(members)


def _docx(document_xml: bytes) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("[Content_Types].xml", _CONTENT_TYPES)
        target.writestr("_rels/.rels", _RELS)
        target.writestr("word/document.xml", document_xml)
    return output.getvalue()


def docx_bomb(unpacked: int = 1024 * MB) -> bytes:
    """A Word document whose body is `unpacked` bytes of whitespace (python-docx reads it whole)."""
    head = f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body>'.encode()
    tail = b"<w:p><w:r><w:t>Text</w:t></w:r></w:p></w:body></w:document>"
    return _zip(
        [
            ("[Content_Types].xml", _CONTENT_TYPES.encode()),
            ("_rels/.rels", _RELS.encode()),
            ("word/document.xml", Padded(head, unpacked, tail)),
        ]
    )


def billion_laughs_docx() -> bytes:
    """Ten levels of entities, each ten of the one below: a billion "lol"s if expanded."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">' for level in range(1, 10)
    ]
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{"".join(entities)}]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    return _docx(document.encode())


def broken_xml_docx() -> bytes:
    return _docx(f'<?xml version="1.0"?><w:document xmlns:w="{_W}"><w:body><w:p>'.encode())


def big_roles_csv(size: int = 50 * MB) -> bytes:
    """A roles sheet of `size` bytes: 300,000 tasks, each a row the importer would store."""
    header = b"task,competence,Education,Health visiting,Police,Social work,Voluntary sector\n"
    rows = [header]
    total = len(header)
    number = 0
    while total < size:
        number += 1
        row = f"Task number {number} with a long description to fill the row,,R,A,C,I,\n".encode()
        rows.append(row)
        total += len(row)
    return b"".join(rows)


def one_line_text(size: int = MB) -> bytes:
    """A 1 MB file with no line break: one row, or one paragraph, that no person wrote."""
    return b"a," * (size // 2)


def ods(rows_xml: str) -> bytes:
    """An OpenDocument spreadsheet whose one table holds `rows_xml` (table-row elements)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{rows_xml}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return _zip(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", manifest.encode()),
            ("content.xml", content.encode()),
        ]
    )


def ods_cell(text: str, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{repeated}><text:p>{text}</text:p></table:table-cell>'
    )


def ods_row(cells: str, repeat: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{repeated}>{cells}</table:table-row>"


def ods_repeated_content() -> bytes:
    """One cell of text repeated across 16,384 columns and 1,048,576 rows: 17 billion cells."""
    return ods(ods_row(ods_cell("x", 16_384), 1_048_576))


def ods_with_blank_tail() -> bytes:
    """What LibreOffice writes for a small sheet: the unused rows and columns as one repeated blank."""
    blank_columns = '<table:table-cell table:number-columns-repeated="1022"/>'
    header = ods_row(ods_cell("task") + ods_cell("Education") + blank_columns)
    data = ods_row(ods_cell("Budget") + ods_cell("R") + blank_columns)
    tail = ods_row('<table:table-cell table:number-columns-repeated="1024"/>', 1_048_574)
    return ods(header + data + tail)


def many_page_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
