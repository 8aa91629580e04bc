from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from joinedup.io.tables import RowError, TableError, column_letter, read_grid, read_table


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _errors(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(TableError) as caught:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return [str(error) for error in caught.value.errors]


def test_a_row_error_reads_as_a_sentence_naming_file_row_column_and_value() -> None:
    error = RowError("responses.csv", 7, "Q3", "6", "is not on the 1–5 scale")
    assert str(error) == 'responses.csv, row 7, column "Q3": "6" is not on the 1–5 scale'
    assert str(RowError("a.csv", None, None, None, "is empty")) == "a.csv: is empty"
    assert str(RowError("a.csv", 2, None, "x" * 100, "is long")).endswith('x…" is long')


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("utf-16-le", b"\xff\xfe")],
)
def test_csv_in_the_encodings_excel_writes_reads_the_same(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    text = "agency,comment\r\nChildren\u2019s social work,Caf\u00e9 \u00a31 \u2013 ok\r\n"
    table = read_table(_write(tmp_path / "a.csv", prefix + text.encode(encoding)))
    assert table.header == ("agency", "comment")
    assert table.rows == [["Children\u2019s social work", "Caf\u00e9 \u00a31 \u2013 ok"]]
    assert table.encoding == {"utf-8": "utf-8-sig" if prefix else "utf-8"}.get(
        encoding, encoding.split("-le")[0]
    )


def test_semicolon_and_tab_separated_files_are_recognised(tmp_path: Path) -> None:
    semicolon = read_table(_write(tmp_path / "a.csv", b'a;b;c\n1;"x, y";3\n'))
    assert semicolon.rows == [["1", "x, y", "3"]]
    tab = read_table(_write(tmp_path / "a.tsv", b"a\tb\n1\t2\n"))
    assert tab.header == ("a", "b")


def test_commas_inside_answers_do_not_change_the_delimiter(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.csv", b'a,b\n"x; y; z; w",2\n'))
    assert table.rows == [["x; y; z; w", "2"]]


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_file(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.csv", b"\na,b\n1,2\n,\n\n3,4\n"))
    assert table.header_row == 2
    assert table.row_numbers == [3, 6]
    assert list(table.records()) == [(3, {"a": "1", "b": "2"}), (6, {"a": "3", "b": "4"})]
    assert table.column("b") == ["2", "4"]


def test_cells_are_stripped_and_short_rows_padded(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path / "a.csv", b"a , b,c\n 1 \n"))
    assert table.header == ("a", "b", "c")
    assert table.rows == [["1", "", ""]]


def test_a_repeated_header_is_an_error_naming_both_columns(tmp_path: Path) -> None:
    assert _errors(_write(tmp_path / "r.csv", b"agency,FU1,agency\nx,1,y\n")) == [
        'r.csv, row 1, column "agency": appears 2 times in the header (columns A, C); '
        "each column needs its own name"
    ]


def test_data_under_no_header_is_an_error_but_empty_unnamed_columns_are_dropped(tmp_path: Path) -> None:
    assert read_table(_write(tmp_path / "a.csv", b"a,,b\n1,,2\n")).header == ("a", "b")
    assert _errors(_write(tmp_path / "b.csv", b"a,b\n1,2,3\n")) == [
        'b.csv, row 2, column "C": "3" is in a column that has no header'
    ]


def test_an_empty_file_is_an_error(tmp_path: Path) -> None:
    assert _errors(_write(tmp_path / "e.csv", b"")) == ["e.csv: is empty"]
    assert _errors(_write(tmp_path / "e2.csv", b"\r\n , \r\n")) == ["e2.csv: is empty"]


def test_a_spreadsheet_renamed_to_csv_is_an_encoding_error(tmp_path: Path) -> None:
    (message,) = _errors(_write(tmp_path / "x.csv", "a,b\n1,2\n".encode("utf-16-le")))
    assert message.startswith("x.csv, row 1: contains NUL bytes, so it is not a text CSV")


def test_bytes_valid_in_no_supported_encoding_are_an_error_naming_the_row(tmp_path: Path) -> None:
    (message,) = _errors(_write(tmp_path / "x.csv", b"a,b\n1,2\n3,\x81\n"))
    assert message == (
        'x.csv, row 3: "0x81" is a byte that is not valid UTF-8 or Windows-1252; save the file as "CSV UTF-8"'
    )


def test_broken_quoting_is_an_error(tmp_path: Path) -> None:
    (message,) = _errors(_write(tmp_path / "q.csv", b'a,b\n1,"2\n'))
    assert message == "q.csv, row 2: cannot be read as CSV: unexpected end of data"


def test_an_unsupported_extension_or_a_fake_spreadsheet_is_an_error(tmp_path: Path) -> None:
    assert _errors(_write(tmp_path / "a.pdf", b"%PDF")) == [
        "a.pdf: is neither CSV (.csv, .tsv) nor a spreadsheet (.xlsx, .ods)"
    ]
    (message,) = _errors(_write(tmp_path / "a.xlsx", b"a,b\n1,2\n"))
    assert message == "a.xlsx: is not a spreadsheet: its content is not an .xlsx or .ods workbook"


def test_xlsx_cells_read_as_the_text_a_person_sees(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Data"
    sheet.append(["n", "half", "flag", "when", "text"])
    sheet.append([4, 4.5, True, dt.datetime(2025, 3, 1, 9, 30), "  Agree "])
    sheet.append([])
    sheet.append([5.0, None, False, dt.date(2025, 3, 2), "x"])
    workbook.create_sheet("Other").append(["z"])
    workbook.save(tmp_path / "a.xlsx")
    table = read_table(tmp_path / "a.xlsx")
    assert table.sheet == "Data"
    assert table.rows == [
        ["4", "4.5", "TRUE", "2025-03-01 09:30:00", "Agree"],
        ["5", "", "FALSE", "2025-03-02", "x"],
    ]
    assert table.row_numbers == [2, 4]
    assert read_table(tmp_path / "a.xlsx", sheet="Other").header == ("z",)
    (message,) = _errors(tmp_path / "a.xlsx", sheet="Missing")
    assert message == "a.xlsx: \"Missing\" is not a sheet in this workbook; its sheets are ['Data', 'Other']"


def _minimal_ods(path: Path, rows: list[list[str]]) -> Path:
    cells = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>'
            for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Sheet1">{cells}</table:table>'
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
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", content)
    return path


def test_ods_is_read_like_xlsx(tmp_path: Path) -> None:
    table = read_table(_minimal_ods(tmp_path / "a.ods", [["agency", "FU1"], ["Police", "4"]]))
    assert table.header == ("agency", "FU1")
    assert table.rows == [["Police", "4"]]


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters_follow_spreadsheet_naming(index: int, letters: str) -> None:
    assert column_letter(index) == letters


_cell = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@given(
    header=st.lists(
        st.from_regex(r"[A-Za-z][A-Za-z0-9_ ]{0,8}[A-Za-z0-9]", fullmatch=True),
        min_size=2,
        max_size=5,
        unique=True,
    ),
    body=st.lists(st.lists(_cell, min_size=1, max_size=5), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_written_by_a_csv_writer_reads_back_cell_for_cell(
    tmp_path_factory: pytest.TempPathFactory, header: list[str], body: list[list[str]], delimiter: str
) -> None:
    rows = [row[: len(header)] for row in body]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    path = tmp_path_factory.mktemp("csv") / "any.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    grid = read_grid(path)
    expected = [[c.strip() for c in header]] + [[c.strip() for c in row] for row in rows]
    expected = [row[: max((i + 1 for i, c in enumerate(row) if c), default=0)] for row in expected]
    assert grid.rows == [row for row in expected if row]
