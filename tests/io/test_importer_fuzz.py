"""Fuzzing every file importer: whatever the bytes, a reader returns its result or raises its
documented error (`ImportFailed` for responses, `StructureImportFailed` for structure sheets),
never anything else. Workbooks are fuzzed by damaging real ones, since random bytes rarely get
past the zip signature; CSVs by random text under each survey tool's real header.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from tests.io.hostile_files import ods, ods_cell, ods_row

from joinedup.instrument import load_instrument
from joinedup.io.structure_sheets import (
    StructureImportFailed,
    read_actions,
    read_funding,
    read_meetings,
    read_roles,
    read_targets,
)
from joinedup.io.survey_import import ImportFailed, read_responses

INSTRUMENT = load_instrument()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
STRUCTURE_READERS: dict[str, Callable[[Path], object]] = {
    "roles": read_roles,
    "targets": read_targets,
    "meetings": read_meetings,
    "funding": read_funding,
    "actions": read_actions,
}
TOOL_HEADERS = {
    "template": [
        "partnership",
        "round",
        "agency",
        "role_group",
        *INSTRUMENT.item_ids()[:4],
        "comment_funding",
    ],
    "msforms": ["ID", "Start time", "Completion time", "Email", "Name", *INSTRUMENT.item_ids()[:4]],
    "surveymonkey": ["Respondent ID", "Collector ID", "Start Date", "IP Address", *INSTRUMENT.item_ids()[:4]],
    "qualtrics": ["StartDate", "EndDate", "ResponseId", "IPAddress", *INSTRUMENT.item_ids()[:4]],
    "limesurvey": ["id", "submitdate", "lastpage", "startlanguage", *INSTRUMENT.item_ids()[:4]],
}
_cell = st.text(max_size=20)
_rows = st.lists(st.lists(_cell, max_size=10), max_size=6)


def _workbook(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VALID_XLSX = _workbook([["task", "competence", "Police"], ["Budget", "", "A/R"]])
VALID_ODS = ods(ods_row(ods_cell("task") + ods_cell("Police")) + ods_row(ods_cell("Budget") + ods_cell("R")))


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """The file with some bytes overwritten, or cut short, or both."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8", "surrogatepass")


def _responses_or_import_failed(path: Path) -> None:
    try:
        read_responses(path, INSTRUMENT, defaults={"partnership": "p", "round": "r"})
    except ImportFailed as failure:
        assert failure.errors, "a refusal says why"


def _structure_or_refused(reader: Callable[[Path], object], path: Path) -> None:
    try:
        reader(path)
    except StructureImportFailed as failure:
        assert failure.errors, "a refusal says why"


@FUZZ
@given(tool=st.sampled_from(sorted(TOOL_HEADERS)), rows=_rows)
def test_each_survey_tool_layout_with_random_cells(tmp_path: Path, tool: str, rows: list[list[str]]) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(_csv(TOOL_HEADERS[tool], rows))
    _responses_or_import_failed(path)


@FUZZ
@given(content=st.one_of(damaged(VALID_XLSX), damaged(VALID_ODS)))
def test_damaged_workbooks_as_survey_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / ("answers.xlsx" if content[:2] == b"PK" and b"xl/" in content else "answers.ods")
    path.write_bytes(content)
    _responses_or_import_failed(path)


# Surrogates are left out: no spreadsheet can hold them, so openpyxl cannot write the fixture.
_sheet_text = st.text(st.characters(min_codepoint=32, exclude_categories=("Cs",)), max_size=20)


@FUZZ
@given(rows=st.lists(st.lists(_sheet_text, max_size=8), max_size=6))
def test_random_template_workbooks(tmp_path: Path, rows: list[list[str]]) -> None:
    path = tmp_path / "answers.xlsx"
    header = ["partnership", "round", "agency", "role_group", *INSTRUMENT.item_ids()[:4]]
    path.write_bytes(_workbook([header, *rows]))
    _responses_or_import_failed(path)


@FUZZ
@given(kind=st.sampled_from(sorted(STRUCTURE_READERS)), content=st.binary(max_size=400))
def test_structure_readers_on_random_bytes(tmp_path: Path, kind: str, content: bytes) -> None:
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(content)
    _structure_or_refused(STRUCTURE_READERS[kind], path)


@FUZZ
@given(kind=st.sampled_from(sorted(STRUCTURE_READERS)), rows=_rows, data=st.data())
def test_structure_readers_on_random_cells_under_their_headers(
    tmp_path: Path, kind: str, rows: list[list[str]], data: st.DataObject
) -> None:
    from joinedup.io.structure_layouts import SHEETS

    header = [*SHEETS[kind][0].column_names, *data.draw(st.lists(_cell, max_size=3))]  # type: ignore[index]
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(_csv(header, rows))
    _structure_or_refused(STRUCTURE_READERS[kind], path)


@FUZZ
@given(kind=st.sampled_from(sorted(STRUCTURE_READERS)), content=damaged(VALID_XLSX))
def test_structure_readers_on_damaged_workbooks(tmp_path: Path, kind: str, content: bytes) -> None:
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(content)
    _structure_or_refused(STRUCTURE_READERS[kind], path)


@pytest.mark.parametrize("kind", sorted(STRUCTURE_READERS))
def test_the_valid_originals_are_read(tmp_path: Path, kind: str) -> None:
    """The damaged files start from files that read, so the fuzzing reaches the parsers."""
    path = tmp_path / "roles.xlsx"
    path.write_bytes(VALID_XLSX)
    assert read_roles(path).tasks[0].name == "Budget"
    ods_path = tmp_path / "roles.ods"
    ods_path.write_bytes(VALID_ODS)
    assert read_roles(ods_path).agencies == ("Police",)
