"""Writing the response template: blank for data entry, or filled from a responses frame.

The template is the one layout joinedup reads without guessing, so a round exported
here and imported into another round gives exactly the same analysis input. In XLSX
the answer cells offer the scale as a drop-down and the header cells show each
statement, so responses gathered on paper can be typed in without the item list.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from joinedup.instrument.model import Instrument
from joinedup.instrument.responses import (
    DONT_KNOW,
    DONT_KNOW_CODE,
    ID_COLUMNS,
    ROUND_OPENS,
    SCALE_MAX,
    SCALE_MIN,
)
from joinedup.io.formulas import protect_row, protect_text

TEMPLATE_SUFFIXES = (".csv", ".xlsx")
_BLANK_SHEET_ROWS = 500
Cell = str | int | None


def template_header(instrument: Instrument, *, round_opens: bool = False) -> list[str]:
    """The template's columns; `round_opens` adds the rounds' opening dates after `round`."""
    identifiers = [*ID_COLUMNS[:2], ROUND_OPENS, *ID_COLUMNS[2:]] if round_opens else list(ID_COLUMNS)
    return [*identifiers, *instrument.item_ids(), *instrument.comment_columns()]


def _frame_header(instrument: Instrument, frame: pd.DataFrame | None) -> list[str]:
    """The header for `frame`: with opening dates when the frame carries them."""
    return template_header(instrument, round_opens=frame is not None and ROUND_OPENS in frame.columns)


def template_rows(instrument: Instrument, frame: pd.DataFrame) -> list[list[Cell]]:
    """One list of cells per response: answers as whole numbers, don't know as its code, blanks as None."""
    header = _frame_header(instrument, frame)
    missing = [column for column in header if column not in frame.columns]
    if missing:
        raise ValueError(f"the responses frame lacks the template columns {missing}")
    item_ids = set(instrument.item_ids())
    rows: list[list[Cell]] = []
    for record in frame[header].itertuples(index=False, name=None):
        rows.append(
            [
                _answer_cell(column, value) if column in item_ids else _text_cell(value)
                for column, value in zip(header, record, strict=True)
            ]
        )
    return rows


def write_template_csv(stream: TextIO, instrument: Instrument, frame: pd.DataFrame | None = None) -> None:
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(protect_row(_frame_header(instrument, frame)))
    if frame is not None:
        writer.writerows(
            ["" if cell is None else cell for cell in row] for row in template_rows(instrument, frame)
        )


def write_template(path: Path, instrument: Instrument, frame: pd.DataFrame | None = None) -> None:
    """CSV (UTF-8 with a byte-order mark, which Excel needs to show accents) or XLSX, by extension."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as stream:
            write_template_csv(stream, instrument, frame)
    elif suffix == ".xlsx":
        _write_workbook(path, instrument, frame)
    else:
        raise ValueError(
            f"{path.name}: a template is written as {' or '.join(TEMPLATE_SUFFIXES)}, not {suffix!r}"
        )


def _answer_cell(column: str, value: object) -> Cell:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value == DONT_KNOW:
        return DONT_KNOW_CODE
    if isinstance(value, int | float) and float(value).is_integer() and SCALE_MIN <= value <= SCALE_MAX:
        return int(value)
    raise ValueError(
        f"column {column!r} holds {value!r}, which is not an answer on the {SCALE_MIN}–{SCALE_MAX} scale"
    )


def _text_cell(value: object) -> Cell:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    return protect_text(str(value))


def _write_workbook(path: Path, instrument: Instrument, frame: pd.DataFrame | None) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Responses"
    header = _frame_header(instrument, frame)
    sheet.append(header)
    statements = {item.id: item.text for item in instrument.items}
    for index, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=index)
        if name in statements:
            cell.comment = Comment(statements[name], "joinedup")
        elif name.startswith("comment_"):
            factor = name.removeprefix("comment_")
            cell.comment = Comment(instrument.comment_prompts[factor], "joinedup")
    rows = template_rows(instrument, frame) if frame is not None else []
    for row in rows:
        sheet.append([None] * len(header))
        for index, value in enumerate(row, start=1):
            _set_literal(sheet, sheet.max_row, index, value)
    _offer_scale(sheet, header, instrument, last_row=max(len(rows) + 1, _BLANK_SHEET_ROWS))
    sheet.freeze_panes = sheet.cell(row=2, column=header.index(ID_COLUMNS[-1]) + 2).coordinate
    _add_reference_sheets(workbook, instrument)
    workbook.save(path)


def _set_literal(sheet: Worksheet, row: int, column: int, value: Cell) -> None:
    """Text is stored as text, so a comment starting with "=" never becomes a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def _offer_scale(sheet: Worksheet, header: Sequence[str], instrument: Instrument, last_row: int) -> None:
    choices = [*(str(point) for point in range(SCALE_MIN, SCALE_MAX + 1)), DONT_KNOW_CODE]
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not on the scale",
        error=f"Use {SCALE_MIN} (strongly disagree) to {SCALE_MAX} (strongly agree), "
        f"or {DONT_KNOW_CODE} for don't know / not applicable.",
    )
    item_positions = [
        index for index, name in enumerate(header, start=1) if name in set(instrument.item_ids())
    ]
    first, last = get_column_letter(item_positions[0]), get_column_letter(item_positions[-1])
    validation.add(f"{first}2:{last}{last_row}")
    sheet.add_data_validation(validation)


def _add_reference_sheets(workbook: Workbook, instrument: Instrument) -> None:
    items = workbook.create_sheet("Items")
    items.append(["id", "factor", "statement", "reverse"])
    for item in instrument.items:
        items.append([item.id, item.factor, item.text, "yes" if item.reverse else ""])
    scale = workbook.create_sheet("Scale")
    scale.append(["answer", "meaning"])
    for point, label in instrument.scale.labels.items():
        scale.append([point, label])
    scale.append([DONT_KNOW_CODE, instrument.scale.dont_know])
    scale.append(["instrument version", instrument.version])
    scale.append(["fingerprint", instrument.fingerprint()])
