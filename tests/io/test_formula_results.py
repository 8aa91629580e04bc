"""A formula cell with no saved result must be refused, never read as an unanswered item."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from joinedup.instrument import load_instrument
from joinedup.io.structure_sheets import read_roles
from joinedup.io.survey_import import ImportFailed, read_responses
from joinedup.io.tables import TableError, read_table

REASON = "is a formula with no saved result: open and save the file in Excel, or paste values"


def _errors(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(TableError) as raised:
        read_table(path, **kwargs)  # type: ignore[arg-type]
    return [str(error) for error in raised.value.errors]


def _with_sheet_xml(path: Path, replace: dict[str, str]) -> Path:
    """Rewrite sheet1's XML, standing in for a program that saves results beside its formulas."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    text = parts["xl/worksheets/sheet1.xml"].decode()
    for old, new in replace.items():
        assert old in text
        text = text.replace(old, new)
    parts["xl/worksheets/sheet1.xml"] = text.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def _book(path: Path, rows: list[list[object]], title: str = "Answers") -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_a_formula_written_without_its_result_is_refused_naming_file_sheet_cell_and_formula(
    tmp_path: Path,
) -> None:
    path = _book(tmp_path / "a.xlsx", [["agency", "FU1", "FU2"], ["Police", "=1+1", 3], ["Health", 4, "=B2"]])
    assert _errors(path) == [
        f'a.xlsx, row 2, column "B": "=1+1" (sheet \'Answers\', cell B2) {REASON}',
        f'a.xlsx, row 3, column "C": "=B2" (sheet \'Answers\', cell C3) {REASON}',
    ]


def test_saved_results_are_read_and_an_empty_text_result_is_blank(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx", [["agency", "FU1", "FU2"], ["Police", "=1+1", '=""']])
    _with_sheet_xml(
        path,
        {
            '<c r="B2"><f>1+1</f><v></v></c>': '<c r="B2"><f>1+1</f><v>2</v></c>',
            '<c r="C2"><f>""</f><v></v></c>': '<c r="C2" t="str"><f>""</f><v></v></c>',
        },
    )
    assert read_table(path).rows == [["Police", "2", ""]]


def test_cells_without_positions_and_shared_formulas_are_found(tmp_path: Path) -> None:
    path = _book(tmp_path / "a.xlsx", [["agency", "FU1"], ["Police", "=1+1"], ["Health", "=1+2"]])
    _with_sheet_xml(
        path,
        {
            '<row r="2"><c r="A2" t="inlineStr">': '<row><c t="inlineStr">',
            '<c r="B2"><f>1+1</f>': '<c><f t="shared" ref="B2:B3" si="0">1+1</f>',
            '<c r="B3"><f>1+2</f><v></v></c>': '<c r="B3"><f t="shared" si="0"/></c>',
        },
    )
    assert _errors(path) == [
        f'a.xlsx, row 2, column "B": "=1+1" (sheet \'Answers\', cell B2) {REASON}',
        f"a.xlsx, row 3, column \"B\": (sheet 'Answers', cell B3) {REASON}",
    ]


def test_only_the_sheet_read_matters_and_many_formulas_are_summarised(tmp_path: Path) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.append(["agency", "FU1"])
    first.append(["Police", 4])
    other = workbook.create_sheet("Other")
    other.append(["agency", "FU1"])
    for number in range(25):
        other.append([f"Agency {number}", "=1+1"])
    workbook.save(tmp_path / "a.xlsx")
    assert read_table(tmp_path / "a.xlsx").rows == [["Police", "4"]]
    errors = _errors(tmp_path / "a.xlsx", sheet="Other")
    assert len(errors) == 21
    assert errors[-1] == "a.xlsx: has 5 more formula cells with no saved result in sheet 'Other'"


def _ods(path: Path, cells: str) -> Path:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>agency</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>FU1</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>FU2</text:p></table:table-cell>'
        '</table:table-row><table:table-row><table:table-cell office:value-type="string">'
        f"<text:p>Police</text:p></table:table-cell>{cells}</table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
            'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>",
        )
        archive.writestr("content.xml", content)
    return path


def test_ods_formulas_without_a_value_are_refused_and_with_one_are_read(tmp_path: Path) -> None:
    saved = _ods(
        tmp_path / "saved.ods",
        '<table:table-cell table:formula="of:=1+1" office:value-type="float" office:value="2">'
        "<text:p>2</text:p></table:table-cell>"
        '<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell>',
    )
    assert read_table(saved).rows == [["Police", "2", "3"]]
    unsaved = _ods(
        tmp_path / "unsaved.ods",
        '<table:table-cell table:formula="of:=[.B1]*2" table:number-columns-repeated="2"/>',
    )
    assert _errors(unsaved) == [
        f'unsaved.ods, row 2, column "B": "=[.B1]*2" (sheet \'Sheet1\', cell B2) {REASON}',
        f'unsaved.ods, row 2, column "C": "=[.B1]*2" (sheet \'Sheet1\', cell C2) {REASON}',
    ]


def test_a_survey_answer_set_to_a_formula_by_pandas_is_refused_not_read_as_unanswered(tmp_path: Path) -> None:
    """The reviewer's case: answers edited in pandas, one set to "=1+1", written with `to_excel`."""
    instrument = load_instrument()
    items = instrument.item_ids()
    answers = {item: ["3", "4", "2", "5", "4"] for item in items}
    frame = pd.DataFrame({"agency": ["Police", "Health", "Police", "Health", "Police"], **answers})
    frame.loc[2, items[0]] = "=1+1"
    frame.to_excel(tmp_path / "answers.xlsx", index=False)
    with pytest.raises(ImportFailed) as raised:
        read_responses(
            tmp_path / "answers.xlsx", instrument, defaults={"partnership": "Fife", "round": "2025"}
        )
    assert [str(error) for error in raised.value.errors] == [
        f'answers.xlsx, row 4, column "B": "=1+1" (sheet \'Sheet1\', cell B4) {REASON}'
    ]


def test_a_structure_sheet_with_an_unsaved_formula_is_refused(tmp_path: Path) -> None:
    path = _book(tmp_path / "roles.xlsx", [["task", "Police", "Health"], ["Plan", '=IF(1,"R","A")', "A"]])
    with pytest.raises(TableError) as raised:
        read_roles(path)
    assert f'roles.xlsx, row 2, column "B": "=IF(1,"R","A")" (sheet \'Answers\', cell B2) {REASON}' in [
        str(error) for error in raised.value.errors
    ]
