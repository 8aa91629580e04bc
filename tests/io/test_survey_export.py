from __future__ import annotations

import csv
import io
import math
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from joinedup.instrument import Instrument, load_instrument
from joinedup.instrument.responses import DONT_KNOW, ID_COLUMNS
from joinedup.io.survey_export import template_header, write_template, write_template_csv


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument("1")


def _frame(instrument: Instrument, comment: str) -> pd.DataFrame:
    columns: dict[str, object] = {
        "partnership": ["Fife"],
        "round": ["2025"],
        "agency": ["-"],
        "role_group": ["x"],
    }
    columns.update({item_id: [float(i % 5 + 1)] for i, item_id in enumerate(instrument.item_ids())})
    columns["FU2"], columns["FU3"] = [DONT_KNOW], [math.nan]
    columns.update({column: [None] for column in instrument.comment_columns()})
    columns["comment_funding"] = [comment]
    return pd.DataFrame(columns)


def test_the_blank_template_header_has_identifiers_every_item_and_comments(instrument: Instrument) -> None:
    stream = io.StringIO()
    write_template_csv(stream, instrument)
    header = next(csv.reader(io.StringIO(stream.getvalue())))
    assert header[:4] == list(ID_COLUMNS)
    assert header[4 : 4 + len(instrument.items)] == instrument.item_ids()
    assert header[4 + len(instrument.items) :] == instrument.comment_columns()
    assert header == template_header(instrument)
    assert stream.getvalue().count("\r\n") == 1


def test_csv_template_opens_in_excel_as_utf8_and_defuses_formulas(
    tmp_path: Path, instrument: Instrument
) -> None:
    path = tmp_path / "t.csv"
    write_template(path, instrument, _frame(instrument, '=HYPERLINK("http://x")'))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["comment_funding"] == '\'=HYPERLINK("http://x")'
    assert record["agency"] == "'-"
    assert (record["FU1"], record["FU2"], record["FU3"]) == ("1", "DK", "")


def test_xlsx_template_keeps_text_as_text_and_offers_the_scale(
    tmp_path: Path, instrument: Instrument
) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path, instrument, _frame(instrument, "=1+1"))
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Responses", "Items", "Scale"]
    sheet = workbook["Responses"]
    header = [cell.value for cell in sheet[1]]
    comment_cell = sheet.cell(row=2, column=header.index("comment_funding") + 1)
    assert comment_cell.data_type == "s" and comment_cell.value == "'=1+1"
    assert sheet.cell(row=2, column=header.index("FU1") + 1).value == 1
    assert sheet["E1"].comment is not None and sheet["E1"].comment.text == instrument.items[0].text
    (validation,) = sheet.data_validations.dataValidation
    assert validation.formula1 == '"1,2,3,4,5,DK"'
    assert str(validation.sqref) == "E2:AZ500"
    items = list(workbook["Items"].iter_rows(values_only=True))
    assert len(items) == len(instrument.items) + 1


def test_a_frame_with_an_answer_off_the_scale_is_refused(tmp_path: Path, instrument: Instrument) -> None:
    frame = _frame(instrument, "fine")
    frame.loc[0, "CL3"] = 2.5
    with pytest.raises(
        ValueError, match=re.escape("column 'CL3' holds 2.5, which is not an answer on the 1–5 scale")
    ):
        write_template(tmp_path / "t.csv", instrument, frame)


def test_a_frame_missing_template_columns_is_refused(tmp_path: Path, instrument: Instrument) -> None:
    frame = _frame(instrument, "fine").drop(columns=["round", "OC2"])
    with pytest.raises(ValueError, match="lacks the template columns \\['round', 'OC2'\\]"):
        write_template(tmp_path / "t.csv", instrument, frame)


def test_only_csv_and_xlsx_templates_are_written(tmp_path: Path, instrument: Instrument) -> None:
    with pytest.raises(ValueError, match=re.escape("t.ods: a template is written as .csv or .xlsx")):
        write_template(tmp_path / "t.ods", instrument)
    assert list(tmp_path.iterdir()) == []
