"""Recognising which tool produced a survey file, and where its header and answers are.

The tools differ only in the rows above the answers: Microsoft Forms and LimeSurvey
write one header row, SurveyMonkey writes the question in one row and the statement
or "Response" in the next, and Qualtrics writes codes, then question texts, then
import ids. Each layout is recognised by the metadata columns the tool always adds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from joinedup.io.tables import Grid, Table, table_from_grid

SourceFormat = Literal["template", "msforms", "surveymonkey", "qualtrics", "limesurvey"]

_MSFORMS_MARKERS = frozenset({"id", "start time", "completion time"})
_SURVEYMONKEY_MARKERS = frozenset({"respondent id", "collector id"})
_QUALTRICS_MARKERS = frozenset({"startdate", "enddate", "responseid"})
_LIMESURVEY_MARKERS = (
    frozenset({"id", "submitdate", "lastpage"}),
    frozenset({"response id", "date submitted", "last page"}),
)
_SURVEYMONKEY_PLACEHOLDERS = frozenset({"", "response", "open-ended response"})


@dataclass(frozen=True)
class SurveyLayout:
    """A survey file's data rows under one usable name per column.

    `alternative_names` holds, per column, the other header text the tool wrote (the
    question text under a Qualtrics code), which may be the one that names an item.
    """

    source_format: SourceFormat
    table: Table
    alternative_names: dict[str, str]


def detect_layout(grid: Grid) -> SurveyLayout:
    """The grid must have at least one row; a file with only header rows gets an empty table."""
    first = {cell.strip().casefold() for cell in grid.rows[0]}
    if first >= _SURVEYMONKEY_MARKERS:
        return _surveymonkey(grid)
    if first >= _QUALTRICS_MARKERS:
        return _qualtrics(grid)
    if any(markers <= first for markers in _LIMESURVEY_MARKERS):
        return SurveyLayout("limesurvey", table_from_grid(grid, grid.rows[0], 1), {})
    if first >= _MSFORMS_MARKERS:
        return SurveyLayout("msforms", table_from_grid(grid, grid.rows[0], 1), {})
    return SurveyLayout("template", table_from_grid(grid, grid.rows[0], 1), {})


def _surveymonkey(grid: Grid) -> SurveyLayout:
    """A matrix question names itself once above its statements, so the question row is filled rightwards."""
    questions = grid.rows[0]
    answers_row = grid.rows[1] if len(grid.rows) > 1 else []
    header: list[str] = []
    combined: list[str] = []
    current_question = ""
    for index in range(max(len(questions), len(answers_row))):
        question = questions[index] if index < len(questions) else ""
        current_question = question or current_question
        sub = answers_row[index] if index < len(answers_row) else ""
        if sub.casefold() in _SURVEYMONKEY_PLACEHOLDERS:
            header.append(current_question if question or sub else "")
            combined.append(header[-1])
        else:
            header.append(sub)
            combined.append(f"{current_question} - {sub}")
    repeated = {name for name in header if name and header.count(name) > 1}
    header = [whole if name in repeated else name for name, whole in zip(header, combined, strict=True)]
    return SurveyLayout(
        "surveymonkey", table_from_grid(grid, header, min(2, len(grid.rows)), header_index=0), {}
    )


def _qualtrics(grid: Grid) -> SurveyLayout:
    """Rows 2 and 3 hold question texts and import ids; old exports lack the import-id row."""
    header = grid.rows[0]
    texts = grid.rows[1] if len(grid.rows) > 1 else []
    skip = 2 if len(grid.rows) > 1 else 1
    if len(grid.rows) > 2 and all(_is_import_id(cell) for cell in grid.rows[2] if cell):
        skip = 3
    alternatives = {
        code.strip(): text for code, text in zip(header, texts, strict=False) if code.strip() and text
    }
    return SurveyLayout("qualtrics", table_from_grid(grid, header, skip, header_index=0), alternatives)


def _is_import_id(cell: str) -> bool:
    try:
        parsed = json.loads(cell)
    except ValueError:
        return False
    return isinstance(parsed, dict) and "ImportId" in parsed
