"""Recognising which tool produced a survey file, and where its header and answers are.

The tools differ in the rows above the answers: Microsoft Forms and LimeSurvey write one
header row, SurveyMonkey writes the question in one row and the statement or "Response"
in the next, and Qualtrics writes codes, then question texts, then import ids (current
exports) or a V1…V10 row above the metadata names and the question texts (legacy
exports). Each layout is recognised by the metadata columns the tool always adds.

The tools also say, in those metadata columns, which rows are not real responses: a
Qualtrics preview or test run (`Status`), a Qualtrics response left unfinished
(`Finished`) and a LimeSurvey response never submitted (`submitdate`). `SurveyLayout`
names those columns so the importer can leave such rows out and say how many it did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from joinedup.io.tables import Grid, Table, table_from_grid

SourceFormat = Literal["template", "msforms", "surveymonkey", "qualtrics", "limesurvey"]
RowKind = Literal["response", "preview", "test", "incomplete"]

_MSFORMS_MARKERS = frozenset({"id", "start time", "completion time"})
_SURVEYMONKEY_MARKERS = frozenset({"respondent id", "collector id"})
_QUALTRICS_MARKERS = frozenset({"startdate", "enddate", "responseid"})
_QUALTRICS_LEGACY_CODES = frozenset(f"v{number}" for number in range(1, 11))
_QUALTRICS_LEGACY_NAMES = frozenset({"responseid", "responseset"})
_LIMESURVEY_MARKERS = (
    frozenset({"id", "submitdate", "lastpage"}),
    frozenset({"response id", "date submitted", "last page"}),
)
_LIMESURVEY_SUBMITTED = ("submitdate", "date submitted")
_SURVEYMONKEY_PLACEHOLDERS = frozenset({"", "response", "open-ended response"})
# Qualtrics' response types: 0 a real response, 1 preview, 2 test, 4 imported, 8 spam,
# 9 preview spam, 16 offline, 17 offline preview; choice-text exports write the words.
_QUALTRICS_PREVIEW_CODES = frozenset({"1", "9", "17"})
_QUALTRICS_TEST_CODES = frozenset({"2"})
_QUALTRICS_UNFINISHED = frozenset({"false", "0"})
# An import id is a JSON object, but some exports (and Excel round trips) write it with
# Python-style single quotes: {'ImportId': 'QID2-1'}.
_IMPORT_ID = re.compile(r"""^\{\s*["']ImportId["']\s*:""")


@dataclass(frozen=True)
class HeaderGuess:
    """Where a tool's header is in a grid, before the data rows are attached to it.

    `header_index` is the grid row that messages about the header point at;
    `first_data_index` the first grid row holding a response.
    """

    source_format: SourceFormat
    header: list[str]
    alternative_names: dict[str, str]
    header_index: int
    first_data_index: int
    status_column: str | None = None
    finished_column: str | None = None
    submitted_column: str | None = None


@dataclass(frozen=True)
class SurveyLayout:
    """A survey file's data rows under one usable name per column.

    `alternative_names` holds, per column, the other header text the tool wrote (the
    question text under a Qualtrics code), which may be the one that names an item.
    `status_column`, `finished_column` and `submitted_column` are the tool's own record of
    preview and test runs, unfinished and unsubmitted responses, when the file has them.
    """

    source_format: SourceFormat
    table: Table
    alternative_names: dict[str, str]
    status_column: str | None = None
    finished_column: str | None = None
    submitted_column: str | None = None

    def row_kinds(self) -> list[RowKind]:
        """What each data row is by the tool's own account; a row it says nothing about is a response."""
        table = self.table
        status = table.column(self.status_column) if self.status_column else None
        finished = table.column(self.finished_column) if self.finished_column else None
        submitted = table.column(self.submitted_column) if self.submitted_column else None
        kinds: list[RowKind] = []
        for position in range(len(table.rows)):
            kind: RowKind = "response"
            if status is not None:
                kind = _qualtrics_status(status[position])
            if kind == "response" and finished is not None and _unfinished(finished[position]):
                kind = "incomplete"
            if kind == "response" and submitted is not None and not submitted[position].strip():
                kind = "incomplete"
            kinds.append(kind)
        return kinds


def guess_header(grid: Grid, start: int = 0) -> HeaderGuess:
    """The layout of the grid read as if its header began at row `start` (which must exist)."""
    first = {cell.strip().casefold() for cell in grid.rows[start]}
    if first >= _SURVEYMONKEY_MARKERS:
        return _surveymonkey(grid, start)
    if first >= _QUALTRICS_MARKERS:
        return _qualtrics(grid, start)
    if len(first & _QUALTRICS_LEGACY_CODES) >= 3 and len(grid.rows) > start + 1:
        second = {cell.strip().casefold() for cell in grid.rows[start + 1]}
        if second >= _QUALTRICS_LEGACY_NAMES:
            return _qualtrics_legacy(grid, start)
    header = grid.rows[start]
    if any(markers <= first for markers in _LIMESURVEY_MARKERS):
        submitted = next((name for name in header if name.strip().casefold() in _LIMESURVEY_SUBMITTED), None)
        return HeaderGuess("limesurvey", header, {}, start, start + 1, submitted_column=submitted)
    if first >= _MSFORMS_MARKERS:
        return HeaderGuess("msforms", header, {}, start, start + 1)
    return HeaderGuess("template", header, {}, start, start + 1)


def layout_from_guess(grid: Grid, guess: HeaderGuess) -> SurveyLayout:
    """Attach the data rows to the guessed header; a `TableError` if the header is unusable."""
    first_data = min(guess.first_data_index, len(grid.rows))
    table = table_from_grid(grid, guess.header, first_data, header_index=guess.header_index)
    present = set(table.header)
    return SurveyLayout(
        guess.source_format,
        table,
        guess.alternative_names,
        status_column=guess.status_column if guess.status_column in present else None,
        finished_column=guess.finished_column if guess.finished_column in present else None,
        submitted_column=guess.submitted_column if guess.submitted_column in present else None,
    )


def detect_layout(grid: Grid) -> SurveyLayout:
    """The grid must have at least one row; a file with only header rows gets an empty table."""
    return layout_from_guess(grid, guess_header(grid))


def _surveymonkey(grid: Grid, start: int) -> HeaderGuess:
    """A matrix question names itself once above its statements, so the question row is filled rightwards."""
    questions = grid.rows[start]
    answers_row = grid.rows[start + 1] if len(grid.rows) > start + 1 else []
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
    return HeaderGuess("surveymonkey", header, {}, start, start + 2)


def _qualtrics(grid: Grid, start: int) -> HeaderGuess:
    """The row under the codes holds question texts, the next import ids (which old exports lack)."""
    header = grid.rows[start]
    texts = grid.rows[start + 1] if len(grid.rows) > start + 1 else []
    skip = 2 if texts else 1
    if len(grid.rows) > start + 2 and all(_is_import_id(cell) for cell in grid.rows[start + 2] if cell):
        skip = 3
    alternatives = {
        code.strip(): text for code, text in zip(header, texts, strict=False) if code.strip() and text
    }
    return HeaderGuess(
        "qualtrics",
        header,
        alternatives,
        start,
        start + skip,
        status_column=_named(header, "status"),
        finished_column=_named(header, "finished"),
    )


def _qualtrics_legacy(grid: Grid, start: int) -> HeaderGuess:
    """V1…V10 stand for ResponseID…Finished, named in the row below, which also holds the question texts."""
    codes = grid.rows[start]
    names = grid.rows[start + 1]
    header: list[str] = []
    alternatives: dict[str, str] = {}
    for index in range(max(len(codes), len(names))):
        code = codes[index].strip() if index < len(codes) else ""
        name = names[index].strip() if index < len(names) else ""
        if code.casefold() in _QUALTRICS_LEGACY_CODES or not code:
            header.append(name)
        else:
            header.append(code)
            if name:
                alternatives[code] = name
    return HeaderGuess(
        "qualtrics",
        header,
        alternatives,
        start + 1,
        start + 2,
        status_column=_named(header, "status"),
        finished_column=_named(header, "finished"),
    )


def _named(header: list[str], name: str) -> str | None:
    return next((cell for cell in header if cell.strip().casefold() == name), None)


def _qualtrics_status(value: str) -> RowKind:
    folded = value.strip().casefold()
    if folded in _QUALTRICS_PREVIEW_CODES or "preview" in folded:
        return "preview"
    if folded in _QUALTRICS_TEST_CODES or folded == "survey test":
        return "test"
    return "response"


def _unfinished(value: str) -> bool:
    return value.strip().casefold() in _QUALTRICS_UNFINISHED


def _is_import_id(cell: str) -> bool:
    return bool(_IMPORT_ID.match(cell.strip()))
