"""The attacker's files of issue 11 are refused by the readers' documented errors, quickly and in
little memory, before any parser allocates what the file claims.

Each case is timed and its Python allocations traced; `benchmarks/hostile_inputs.py` measures
the same cases' whole-process memory in a fresh interpreter each.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.io import hostile_files as hostile

from joinedup.evidence.extraction import ReviewFileError, review_text
from joinedup.instrument import load_instrument
from joinedup.io.safety import (
    MB,
    STRUCTURE_LIMITS,
    FileRefused,
    Limits,
    check_lines,
    check_workbook,
    check_zip,
    sniff,
)
from joinedup.io.structure_layouts import TEXT_LIMITS
from joinedup.io.structure_sheets import StructureImportFailed, read_roles
from joinedup.io.survey_import import ImportFailed, read_responses
from joinedup.io.tables import TableError, read_grid, read_table

FAST_SECONDS = 1.0
SMALL_MEMORY = 32 * MB


def _refused_quickly(action: Callable[[], object], error: type[Exception]) -> str:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(error) as raised:
            action()
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < FAST_SECONDS, f"took {elapsed:.2f} s"
    assert peak < SMALL_MEMORY, f"allocated {peak / MB:.0f} MB"
    return str(raised.value)


WORKBOOKS: dict[str, tuple[Callable[[], bytes], str]] = {
    "a cell at XFD1048576": (hostile.far_cell_xlsx, "has cells up to row 1,048,576 and column 16,384"),
    "a dimension of A1:XFD1048576": (hostile.declared_far_xlsx, "has cells up to row 1,048,576"),
    "448 MB unpacked from 0.5 MB": (hostile.zip_bomb_xlsx, "looks like a zip bomb"),
    "an ODS cell repeated over the whole sheet": (hostile.ods_repeated_content, "has cells up to row"),
}


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for name, (build, _) in WORKBOOKS.items():
        suffix = ".ods" if "ODS" in name else ".xlsx"
        path = folder / f"roles{len(paths)}{suffix}"
        path.write_bytes(build())
        paths[name] = path
    return paths


@pytest.mark.parametrize("name", list(WORKBOOKS))
def test_hostile_workbooks_are_refused_by_the_structure_reader(workbooks: dict[str, Path], name: str) -> None:
    message = _refused_quickly(lambda: read_roles(workbooks[name]), StructureImportFailed)
    assert WORKBOOKS[name][1] in message
    assert message.startswith(workbooks[name].name)


@pytest.mark.parametrize("name", list(WORKBOOKS))
def test_hostile_workbooks_are_refused_by_the_response_reader(workbooks: dict[str, Path], name: str) -> None:
    instrument = load_instrument()
    message = _refused_quickly(lambda: read_responses(workbooks[name], instrument), ImportFailed)
    assert WORKBOOKS[name][1] in message


def test_a_50_mb_roles_csv_is_refused_by_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(hostile.big_roles_csv())
    message = _refused_quickly(lambda: read_roles(path), StructureImportFailed)
    assert message == "roles.csv: is 50 MB, more than the 10 MB a file may be"


def test_a_roles_csv_of_more_than_5000_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(hostile.big_roles_csv(400_000))
    with pytest.raises(StructureImportFailed, match="has more than 5,000 rows"):
        read_roles(path)


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_a_1_mb_single_line_is_refused(tmp_path: Path, suffix: str) -> None:
    data = hostile.one_line_text()
    path = tmp_path / f"line{suffix}"
    path.write_bytes(data)
    if suffix == ".csv":
        message = _refused_quickly(lambda: read_table(path), TableError)
    else:
        message = _refused_quickly(lambda: review_text(data, path.name), ReviewFileError)
    assert "line 1 is 1 MB long" in message


def test_a_line_just_under_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    cells = STRUCTURE_LIMITS.max_line_chars // 1001 - 1
    path.write_bytes(b",".join([b"x" * 1000] * cells) + b"\n")
    assert len(read_grid(path, limits=STRUCTURE_LIMITS).rows[0]) == cells


REVIEWS: dict[str, tuple[Callable[[], bytes], str]] = {
    "a DOCX bomb": (hostile.docx_bomb, "looks like a zip bomb"),
    "billion laughs": (hostile.billion_laughs_docx, "declares a DTD or entities"),
    "broken XML": (hostile.broken_xml_docx, "is not well-formed XML"),
    "junk named .docx": (lambda: b"\x00\x01junk" * 100, "is not a Word (.docx) document"),
}


@pytest.mark.parametrize("name", list(REVIEWS))
def test_hostile_word_files_are_refused(name: str) -> None:
    build, reason = REVIEWS[name]
    data = build()
    message = _refused_quickly(lambda: review_text(data, "review.docx"), ReviewFileError)
    assert message.startswith("review.docx: ")
    assert reason in message


def test_nul_bytes_in_a_text_review_are_refused() -> None:
    with pytest.raises(ReviewFileError, match="contains NUL characters"):
        review_text(b"# Roles\n\nclear\x00 roles (Sloper 2004)\n", "review.txt")


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    data = hostile.many_page_pdf(30)
    with pytest.raises(ReviewFileError, match="has 30 pages; a review may have at most 20"):
        review_text(data, "review.pdf", limits=Limits(max_pages=20))
    assert review_text(hostile.many_page_pdf(2), "review.pdf").strip() == ""


def test_junk_named_pdf_is_refused() -> None:
    with pytest.raises(ReviewFileError, match=r"review\.pdf: is not a PDF"):
        review_text(b"<html>not a pdf</html>", "review.pdf")
    with pytest.raises(ReviewFileError, match=r"review\.pdf: is not a readable PDF file"):
        review_text(b"%PDF-1.7\n" + b"\xff" * 500, "review.pdf")


def test_an_old_excel_file_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "roles.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(
        StructureImportFailed, match=r"roles\.xls: is an old-style Excel \(\.xls\) file; save it as"
    ):
        read_roles(path)


def test_a_workbook_renamed_to_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_bytes(hostile.far_cell_xlsx())
    with pytest.raises(StructureImportFailed, match=r"renamed to \.csv"):
        read_roles(path)


def test_libreoffice_blank_tails_are_not_counted_as_cells(tmp_path: Path) -> None:
    path = tmp_path / "roles.ods"
    path.write_bytes(hostile.ods_with_blank_tail())
    check_workbook(path, STRUCTURE_LIMITS)
    assert read_table(path).rows == [["Budget", "R"]]


def _archive(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_zip_directory_checks_count_size_and_ratio() -> None:
    small = Limits(max_members=3, max_unpacked_bytes=2 * MB, max_ratio=100)
    check_zip(_archive({"a.xml": b"<a/>" * 10}), small, "ok.zip")
    with pytest.raises(FileRefused, match="holds 4 parts, more than the 3"):
        check_zip(_archive({f"{n}.xml": b"<a/>" for n in range(4)}), small, "many.zip")
    with pytest.raises(FileRefused, match="unpacks to 3 MB, more than the 2 MB"):
        check_zip(_archive({"a.bin": b"\x00" * (3 * MB)}, zipfile.ZIP_STORED), small, "big.zip")
    with pytest.raises(FileRefused, match=r"a\.xml\) that unpacks 1,0\d\d times larger"):
        check_zip(_archive({"a.xml": b" " * (1 * MB + 1)}), small, "bomb.zip")
    with pytest.raises(FileRefused, match="is a damaged zip archive"):
        check_zip(b"PK\x03\x04 not really", small, "broken.zip")
    archive = bytearray(_archive({"a.xml": b"<a/>"}))
    directory = archive.index(b"PK\x01\x02")
    archive[directory + 6] = 130
    with pytest.raises(FileRefused, match=r"is a damaged zip archive \(zip file version 13\.0\)"):
        check_zip(bytes(archive), small, "future.zip")


def test_content_decides_the_kind_not_the_name() -> None:
    assert sniff(hostile.far_cell_xlsx()) == "zip"
    assert sniff(hostile.many_page_pdf(1)) == "pdf"
    assert sniff(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") == "ole"
    assert sniff(b"task,Education\nBudget,R\n") == "text"
    assert sniff(bytes(range(32)) * 10) == "binary"


def test_the_longest_line_is_found_wherever_it_is() -> None:
    limits = Limits(max_line_chars=10)
    check_lines(b"short\n" * 100, limits, "f")
    with pytest.raises(FileRefused, match="line 51 is"):
        check_lines(b"short\n" * 50 + b"x" * 11 + b"\nshort", limits, "f")
    with pytest.raises(FileRefused, match="line 3 is"):
        check_lines(b"a\nb\n" + b"x" * 11, limits, "f")


def test_a_10000_character_task_name_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "roles.csv"
    path.write_text(f"task,Police\nBudget,R\n{'x' * 10_000},A\n", encoding="utf-8")
    with pytest.raises(StructureImportFailed) as refused:
        read_roles(path)
    (error,) = refused.value.errors
    assert (error.row, error.column) == (3, "task")
    assert error.reason == f"is 10,000 characters long; at most {TEXT_LIMITS['task']} fit in this column"


@pytest.mark.parametrize("column", sorted(TEXT_LIMITS))
def test_every_text_limit_is_a_length_a_cell_may_reach_exactly(column: str) -> None:
    from joinedup.io.structure_cells import Row

    errors: list = []
    limit = TEXT_LIMITS[column]
    assert Row("f", 2, {column: "x" * limit}, errors).text(column) == "x" * limit
    assert Row("f", 2, {column: "x" * (limit + 1)}, errors).text(column) is None
    assert [e.column for e in errors] == [column]


def test_a_comment_longer_than_the_survey_allows_is_a_row_error(tmp_path: Path) -> None:
    from joinedup.io.survey_import import COMMENT_MAX_LENGTH

    instrument = load_instrument()
    items = instrument.item_ids()
    path = tmp_path / "answers.csv"
    rows = [f"{'x' * (COMMENT_MAX_LENGTH + 1)}", "x" * COMMENT_MAX_LENGTH]
    body = "".join(f"p,r,Police,practitioner,{','.join(['3'] * len(items))},{comment}\n" for comment in rows)
    path.write_text(
        f"partnership,round,agency,role_group,{','.join(items)},comment_funding\n{body}", encoding="utf-8"
    )
    with pytest.raises(ImportFailed) as refused:
        read_responses(path, instrument)
    (error,) = refused.value.errors
    assert (error.row, error.column) == (2, "comment_funding")
    assert error.reason == "is 2,001 characters long; a comment may be at most 2,000"


def test_a_workbook_spanning_too_many_cells_is_refused_before_calamine(tmp_path: Path) -> None:
    """Rows and columns each within their limit, their rectangle not: 1,000,000 by 1,500 cells."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "agency"
    sheet.cell(row=1, column=1_500, value="FU1")
    sheet.cell(row=1_000_000, column=1, value="Police")
    path = tmp_path / "answers.xlsx"
    workbook.save(path)
    message = _refused_quickly(lambda: read_responses(path, load_instrument()), ImportFailed)
    assert "spans 1,000,000 rows by 1,500 columns, more than the 10,000,000 cells" in message
