"""Real survey-tool exports read as their users expect (issue 14, item 8).

The fixtures keep each tool's layout and quirks with our statements in place of the
questions: Qualtrics' legacy V1…V10 layout and current three header rows (import ids
in either quoting), preview and test runs, unfinished and unsubmitted responses, rows
with no answers, and a title row above the header. Every fixture holds the same seven
real responses as the other tool fixtures, so each must read to exactly those.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from tests.io.test_survey_import import (
    AGENCIES,
    DEFAULTS,
    EXPECTED_AGENCIES,
    EXPECTED_ANSWERS,
    EXPECTED_ROLES,
    EXPORTS,
    FIXTURE_ITEMS,
)
from tests.io.test_survey_properties import PROPERTY_SETTINGS
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.instrument import load_instrument
from joinedup.io.survey_export import template_header
from joinedup.io.survey_import import HEADER_SEARCH_ROWS, ImportFailed, ImportResult, read_responses

INSTRUMENT = load_instrument("1")


def _read(path: Path, **kwargs: object) -> ImportResult:
    options: dict[str, object] = {"known_agencies": AGENCIES, "defaults": DEFAULTS, **kwargs}
    return read_responses(path, INSTRUMENT, **options)  # type: ignore[arg-type]


def _failure(path: Path, **kwargs: object) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        _read(path, **kwargs)
    return [str(error) for error in caught.value.errors]


def _rows(path: Path, delimiter: str = ",") -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream, delimiter=delimiter))


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def _assert_the_seven_responses(result: ImportResult) -> None:
    frame = result.frame
    assert frame["agency"].tolist() == EXPECTED_AGENCIES
    assert frame["role_group"].tolist() == EXPECTED_ROLES
    np.testing.assert_array_equal(frame[FIXTURE_ITEMS].to_numpy(), np.array(EXPECTED_ANSWERS, dtype=float))


# --- Qualtrics ----------------------------------------------------------------------------------------


def test_a_legacy_qualtrics_export_is_read_by_the_statements_in_its_second_row() -> None:
    result = _read(EXPORTS / "qualtrics_legacy.csv")
    assert result.source_format == "qualtrics"
    assert result.header_row == 2
    assert {code: result.column_mapping[code] for code in ("Q1", "Q2", "Q3_1", "Q3_9", "Q4")} == {
        "Q1": "agency",
        "Q2": "role_group",
        "Q3_1": "RR1",
        "Q3_9": "JT3",
        "Q4": "comment_joint-training",
    }
    assert {"ResponseID", "EmailAddress", "IPAddress", "Status", "Finished"} <= set(result.unmapped_columns)
    _assert_the_seven_responses(result)


def test_legacy_qualtrics_preview_test_and_unfinished_rows_are_left_out_by_their_numeric_codes() -> None:
    result = _read(EXPORTS / "qualtrics_legacy.csv")
    left = result.left_out
    assert (left.preview, left.test, left.incomplete, left.unanswered) == ([3], [8], [9], [13])
    assert result.notes()[:4] == [
        "1 preview response left out (row 3).",
        "1 test response left out (row 8).",
        "1 incomplete response left out (row 9).",
        "1 row with no answers left out (row 13).",
    ]


def test_current_qualtrics_preview_and_test_rows_named_in_words_are_left_out_and_counted() -> None:
    result = _read(EXPORTS / "qualtrics_current_flags.csv")
    assert (result.left_out.preview, result.left_out.test) == ([4], [7])
    assert result.left_out.count() == 4
    _assert_the_seven_responses(result)


def test_a_quoted_newline_in_a_comment_survives_and_later_rows_keep_their_spreadsheet_numbers() -> None:
    result = _read(EXPORTS / "qualtrics_current_flags.csv")
    assert result.frame["comment_joint-training"].iloc[-1] == (
        "Sessions are always in Glenrothes.\nThe bus takes an hour."
    )
    assert result.left_out.unanswered == [12]


@pytest.mark.parametrize(
    ("status", "kept"),
    [
        ("IP Address", True),
        ("0", True),
        ("Imported", True),
        ("4", True),
        ("Offline", True),
        ("16", True),
        ("Survey Preview", False),
        ("survey preview", False),
        ("1", False),
        ("Survey Test", False),
        ("2", False),
        ("9", False),
        ("17", False),
        ("Offline Survey Preview", False),
    ],
)
def test_each_qualtrics_response_type_is_kept_or_left_out(tmp_path: Path, status: str, kept: bool) -> None:
    rows = _rows(EXPORTS / "qualtrics_export.csv")
    rows[3][rows[0].index("Status")] = status
    result = _read(_write(tmp_path / "q.csv", rows))
    assert len(result.frame) == (7 if kept else 6)
    assert result.left_out.count() == (0 if kept else 1)


@pytest.mark.parametrize(
    ("finished", "progress", "complete"),
    [("True", "100", True), ("1", "100", True), ("TRUE", "100", True), ("False", "60", False),
     ("0", "60", False), ("FALSE", "60", False)],
)  # fmt: skip
def test_a_qualtrics_response_is_incomplete_when_finished_is_false_in_any_spelling(
    tmp_path: Path, finished: str, progress: str, complete: bool
) -> None:
    rows = _rows(EXPORTS / "qualtrics_export.csv")
    rows[4][rows[0].index("Finished")] = finished
    rows[4][rows[0].index("Progress")] = progress
    path = _write(tmp_path / "q.csv", rows)
    result = _read(path)
    assert len(result.frame) == (7 if complete else 6)
    assert result.left_out.incomplete == ([] if complete else [5])
    kept = _read(path, keep_partial=True)
    assert len(kept.frame) == 7
    assert kept.left_out.partial_kept == ([] if complete else [5])


@pytest.mark.parametrize(
    "import_ids",
    [
        lambda code: f'{{"ImportId":"{code}"}}',
        lambda code: f"{{'ImportId': '{code.replace('_', '-')}'}}",
        lambda code: f"{{ 'ImportId' : '{code}', 'timeZone': 'Europe/London' }}",
        lambda code: f'{{"ImportId": "{code.replace("Q", "QID")}", "choiceId": "4"}}',
    ],
    ids=["json", "single-quoted", "spaced", "json-with-more-keys"],
)
def test_the_import_id_row_is_recognised_in_either_quoting(tmp_path: Path, import_ids: object) -> None:
    rows = _rows(EXPORTS / "qualtrics_export.csv")
    rows[2] = [import_ids(code) if code else "" for code in rows[0]]  # type: ignore[operator]
    result = _read(_write(tmp_path / "q.csv", rows))
    assert result.skipped_rows == []
    _assert_the_seven_responses(result)
    assert min(result.frame.index) == 0 and len(result.frame) == 7


def test_a_qualtrics_export_without_an_import_id_row_reads_from_row_3(tmp_path: Path) -> None:
    rows = _rows(EXPORTS / "qualtrics_export.csv")
    del rows[2]
    result = _read(_write(tmp_path / "q.csv", rows))
    _assert_the_seven_responses(result)


def test_a_preview_row_naming_an_unknown_agency_cannot_fail_the_import(tmp_path: Path) -> None:
    rows = _rows(EXPORTS / "qualtrics_export.csv")
    preview = list(rows[3])
    preview[rows[0].index("Status")] = "Survey Preview"
    preview[rows[0].index("Q1")] = "Testing agency"
    preview[rows[0].index("Q3_1")] = "asdf"
    rows.insert(3, preview)
    result = _read(_write(tmp_path / "q.csv", rows))
    assert result.left_out.preview == [4]
    _assert_the_seven_responses(result)


# --- LimeSurvey ---------------------------------------------------------------------------------------


def test_limesurvey_responses_without_a_submitdate_are_left_out_unless_partial_ones_are_kept() -> None:
    path = EXPORTS / "limesurvey_incomplete.csv"
    result = _read(path)
    assert (result.left_out.incomplete, result.left_out.unanswered) == ([3], [6, 9])
    _assert_the_seven_responses(result)
    kept = _read(path, keep_partial=True)
    assert kept.left_out.partial_kept == [3]
    assert kept.left_out.unanswered == [6, 9]
    assert len(kept.frame) == 8
    partial = kept.frame.iloc[1]
    assert partial[["RR1", "RR2", "RR3", "CO1"]].tolist() == [3.0, 4.0, 3.0, 4.0]
    assert partial[["CO2", "CO3", "JT1", "JT2", "JT3"]].isna().all()


def test_a_response_with_no_answer_is_never_attributed_to_the_default_agency() -> None:
    """The unanswered LimeSurvey rows have a blank agency: the default must not turn them into responses."""
    for keep_partial in (False, True):
        result = _read(
            EXPORTS / "limesurvey_incomplete.csv",
            defaults={**DEFAULTS, "agency": "Education"},
            keep_partial=keep_partial,
        )
        assert result.frame["agency"].tolist().count("Education") == 3 + keep_partial
        assert result.left_out.unanswered == [6, 9]


def test_limesurvey_full_text_export_uses_date_submitted(tmp_path: Path) -> None:
    rows = _rows(EXPORTS / "limesurvey_text.csv", delimiter=";")
    assert rows[0][1] == "Date submitted"
    rows[2][1] = ""
    path = _write(tmp_path / "lime.csv", rows, delimiter=";")
    result = _read(path)
    assert result.source_format == "limesurvey"
    assert result.left_out.incomplete == [3]
    assert len(result.frame) == 6
    assert len(_read(path, keep_partial=True).frame) == 7


# --- rows with no answers in any layout ---------------------------------------------------------------


def test_a_surveymonkey_respondent_who_answered_nothing_is_not_a_response(tmp_path: Path) -> None:
    rows = _rows(EXPORTS / "surveymonkey_export.csv")
    opened = [*rows[2][:9], "Education", "Front-line practitioner"] + [""] * (len(rows[2]) - 11)
    rows.insert(4, opened)
    result = _read(_write(tmp_path / "sm.csv", rows))
    assert result.left_out.unanswered == [5]
    _assert_the_seven_responses(result)


def test_a_file_whose_every_row_is_left_out_says_so_instead_of_importing_nothing(tmp_path: Path) -> None:
    rows = _rows(EXPORTS / "qualtrics_export.csv")[:5]
    rows[3][rows[0].index("Status")] = "Survey Preview"
    rows[4][rows[0].index("Status")] = "Survey Test"
    assert _failure(_write(tmp_path / "q.csv", rows)) == [
        "q.csv, row 1: has no responses to import: every row under the header was left out "
        "(1 preview response, 1 test response)"
    ]


def test_the_notes_name_the_option_that_keeps_incomplete_responses() -> None:
    result = _read(EXPORTS / "limesurvey_incomplete.csv")
    notes = result.notes("pass --keep-partial to keep the ones that have answers")
    assert notes == [
        "1 incomplete response left out (row 3).",
        "2 rows with no answers left out (rows 6, 9).",
        "Incomplete responses were never finished or submitted in the survey tool; "
        "pass --keep-partial to keep the ones that have answers if their answers should count.",
    ]


def test_long_lists_of_rows_are_cut_short_in_the_notes(tmp_path: Path) -> None:
    header = ["agency", "role_group", "FU1"]
    blank = [["Education", "practitioner", ""]] * 14
    path = _write(tmp_path / "t.csv", [header, ["Education", "practitioner", "4"], *blank])
    assert _read(path).notes() == [
        "14 rows with no answers left out (rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 4 more)."
    ]


# --- the header under a title row -----------------------------------------------------------------------


def test_an_msforms_workbook_with_a_merged_title_row_is_read_from_row_2_and_says_so() -> None:
    result = _read(EXPORTS / "msforms_banner.xlsx")
    assert result.source_format == "msforms"
    assert (result.header_row, result.rows_above_header) == (2, 1)
    assert result.notes() == [
        "The header was found on row 2; the row above it (a title or banner) was not read."
    ]
    _assert_the_seven_responses(result)


def test_a_csv_with_title_lines_and_a_blank_line_above_the_template_header(tmp_path: Path) -> None:
    header = template_header(INSTRUMENT)
    answer = ["Fife", "2025", "Education", "practitioner", "4"] + [""] * (len(header) - 5)
    path = tmp_path / "t.csv"
    path.write_text(
        "Fife partnership self-assessment\r\nExported 3 March 2025,by the coordinator\r\n\r\n"
        + ",".join(header)
        + "\r\n"
        + ",".join(answer)
        + "\r\n",
        encoding="utf-8",
    )
    result = _read(path)
    assert (result.header_row, result.rows_above_header) == (4, 2)
    assert result.frame["FU1"].tolist() == [4.0]
    assert result.notes() == [
        "The header was found on row 4; the 2 rows above it (titles or banners) were not read."
    ]


def test_a_title_above_a_header_that_names_no_statement_points_at_the_header_row(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Budget 2025\nbudget line,amount,year\nYouth work,12000,2025\n", encoding="utf-8")
    assert _failure(path) == [
        't.csv, row 1: "Budget 2025" is a title, not a header. The header looks like it is on row 2: '
        '"budget line", "amount", "year"; but none of those columns is an item id or a statement of '
        "instrument version 1"
    ]


def test_a_header_further_down_than_the_rows_searched_is_not_guessed(tmp_path: Path) -> None:
    titles = [[f"note {number}"] for number in range(HEADER_SEARCH_ROWS)]
    path = _write(
        tmp_path / "t.csv", [*titles, ["agency", "role_group", "FU1"], ["Education", "practitioner", "4"]]
    )
    assert _failure(path) == [
        't.csv, row 1: "note 0" is a title, not a header. The header looks like it is on row 11: "agency", '
        '"role_group", "FU1"; delete the rows above it, since the header is looked for in the first 10 '
        "rows only"
    ]


def test_the_header_search_stops_at_the_first_row_naming_a_statement(tmp_path: Path) -> None:
    """Answers that happen to be item ids further down never move the header."""
    path = _write(
        tmp_path / "t.csv",
        [["agency", "role_group", "FU1", "comment_funding"], ["Education", "practitioner", "4", "FU2"]],
    )
    result = _read(path)
    assert (result.header_row, result.rows_above_header) == (1, 0)
    assert result.frame["comment_funding"].tolist() == ["FU2"]


def test_a_banner_row_in_a_workbook_written_by_hand_is_found(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Responses to the spring round"])
    sheet.merge_cells("A1:E1")
    sheet.append(["partnership", "round", "agency", "role_group", "FU1"])
    sheet.append(["Fife", "2025", "Education", "practitioner", 5])
    workbook.save(tmp_path / "t.xlsx")
    result = _read(tmp_path / "t.xlsx")
    assert result.header_row == 2 and result.frame["FU1"].tolist() == [5.0]


# --- properties ------------------------------------------------------------------------------------------

_answers = st.lists(st.sampled_from(["", "", "1", "3", "5", "DK", "Agree"]), min_size=3, max_size=3)
_status = st.sampled_from(["IP Address", "Survey Preview", "Survey Test", "0", "1", "2", "Imported"])
_finished = st.sampled_from(["True", "False", "1", "0"])


@PROPERTY_SETTINGS
@given(
    rows=st.lists(st.tuples(_status, _finished, _answers), min_size=1, max_size=12),
    keep_partial=st.booleans(),
)
def test_every_qualtrics_row_is_either_a_response_or_counted_once_as_left_out(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, list[str]]], keep_partial: bool
) -> None:
    statements = [item.text for item in INSTRUMENT.items[:3]]
    codes = ["StartDate", "EndDate", "Status", "Finished", "ResponseId", "Q1", "Q2_1", "Q2_2", "Q2_3"]
    texts = [
        "Start Date",
        "End Date",
        "Response Type",
        "Finished",
        "Response ID",
        "Which agency do you work for?",
    ] + [f"How far do you agree? - {text}" for text in statements]
    ids = [f"{{'ImportId': '{code}'}}" for code in codes]
    body = [["", "", status, finished, f"R_{n}", "Education", *answers]
            for n, (status, finished, answers) in enumerate(rows)]  # fmt: skip
    buffer = io.StringIO()
    csv.writer(buffer).writerows([codes, texts, ids, *body])
    path = tmp_path_factory.mktemp("q") / "q.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    try:
        result = read_responses(
            path, INSTRUMENT, defaults={"partnership": "P", "round": "R", "role_group": "practitioner"},
            keep_partial=keep_partial,
        )  # fmt: skip
    except ImportFailed as failure:
        (error,) = failure.errors
        assert "has no responses to import" in error.reason
        frame_rows = 0
        left = None
    else:
        frame_rows = len(result.frame)
        left = result.left_out
        assert result.frame[INSTRUMENT.item_ids()[:3]].notna().any(axis=1).all()
    expected_preview = [4 + n for n, (status, _, _) in enumerate(rows) if status in ("Survey Preview", "1")]
    expected_test = [4 + n for n, (status, _, _) in enumerate(rows) if status in ("Survey Test", "2")]
    real = [(4 + n, finished, answers) for n, (status, finished, answers) in enumerate(rows)
            if 4 + n not in expected_preview + expected_test]  # fmt: skip
    unanswered = [row for row, _, answers in real if not any(answers)]
    incomplete = [row for row, finished, answers in real if any(answers) and finished in ("False", "0")]
    responses = len(real) - len(unanswered) - (0 if keep_partial else len(incomplete))
    assert frame_rows == responses
    if left is not None:
        assert (left.preview, left.test, left.unanswered) == (expected_preview, expected_test, unanswered)
        assert (left.partial_kept if keep_partial else left.incomplete) == incomplete


@PROPERTY_SETTINGS
@given(answered=st.lists(st.booleans(), min_size=1, max_size=10))
def test_template_rows_with_no_answer_never_become_responses(tmp_path_factory: pytest.TempPathFactory,
                                                             answered: list[bool]) -> None:  # fmt: skip
    header = ["partnership", "round", "agency", "role_group", "FU1", "comment_funding"]
    rows = [["P", "R", "Education", "practitioner", "4" if has else "", ""] for has in answered]
    path = _write(tmp_path_factory.mktemp("t") / "t.csv", [header, *rows])
    expected_blank = [2 + n for n, has in enumerate(answered) if not has]
    if not any(answered):
        with pytest.raises(ImportFailed):
            read_responses(path, INSTRUMENT)
        return
    result = read_responses(path, INSTRUMENT)
    assert len(result.frame) == sum(answered)
    assert result.left_out.unanswered == expected_blank
    pd.testing.assert_series_equal(
        result.frame["FU1"], pd.Series([4.0] * sum(answered), name="FU1"), check_names=True
    )


# --- the command line's summary -------------------------------------------------------------------------


def _validate(*args: str) -> Result:
    return CliRunner().invoke(app, ["validate", *args, "--partnership", "Fife", "--round", "2025"])


def test_validate_reports_what_was_left_out_and_the_flag_that_keeps_partial_responses() -> None:
    path = str(EXPORTS / "qualtrics_current_flags.csv")
    result = _validate(path)
    assert result.exit_code == 0, result.output
    assert "7 responses" in result.output
    for note in (
        "1 preview response left out (row 4).",
        "1 test response left out (row 7).",
        "1 incomplete response left out (row 9).",
        "1 row with no answers left out (row 12).",
        "pass --keep-partial to keep the ones that have answers",
    ):
        assert note in " ".join(result.output.split())
    kept = _validate(path, "--keep-partial", "--format", "json")
    summary = json.loads(kept.stdout)
    assert summary["responses"] == 8
    assert summary["left_out"] == {
        "preview": [4],
        "test": [7],
        "incomplete": [],
        "partial_kept": [9],
        "unanswered": [12],
    }
    assert summary["notes"][-1] == "1 incomplete response with answers kept, as asked (row 9)."


def test_validate_says_on_which_row_it_found_the_header() -> None:
    result = _validate(str(EXPORTS / "msforms_banner.xlsx"), "--format", "json")
    summary = json.loads(result.stdout)
    assert (summary["responses"], summary["header_row"]) == (7, 2)
    assert summary["notes"] == [
        "The header was found on row 2; the row above it (a title or banner) was not read."
    ]
