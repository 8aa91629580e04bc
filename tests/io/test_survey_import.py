from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook
from tests.conftest import DATA_DIR

from joinedup.instrument import Instrument, load_instrument
from joinedup.instrument.responses import DONT_KNOW, ID_COLUMNS
from joinedup.io.survey_export import write_template
from joinedup.io.survey_import import ImportFailed, ImportResult, read_responses

EXPORTS = DATA_DIR / "survey_exports"
AGENCIES = ["Education", "NHS Fife", "Police Scotland", "Social Work"]
DEFAULTS = {"partnership": "Fife", "round": "2025"}
FIXTURE_ITEMS = ["RR1", "RR2", "RR3", "CO1", "CO2", "CO3", "JT1", "JT2", "JT3"]
# The answers every fixture export holds, in its own tool's words (0.0 is don't know).
EXPECTED_ANSWERS = [
    [4, 4, 2, 5, 4, 2, 4, 5, 4],
    [3, 4, 3, 4, 4, 3, 2, 3, 3],
    [2, 2, 4, 2, 3, 4, DONT_KNOW, 3, math.nan],
    [5, 4, 1, 4, 5, 1, 4, 4, 5],
    [4, 3, 2, 3, 4, 3, 3, 4, 3],
    [4, 5, 2, 4, 4, 2, 5, 5, 4],
    [1, 2, 5, 2, 2, 4, 2, 2, DONT_KNOW],
]
EXPECTED_AGENCIES = [
    "Education",
    "Education",
    "Police Scotland",
    "NHS Fife",
    "Social Work",
    "Education",
    "Police Scotland",
]
PRACTITIONER = "practitioner"
EXPECTED_ROLES = [
    PRACTITIONER, "team-leader", PRACTITIONER, "service-manager", PRACTITIONER, "named-person", PRACTITIONER,
]  # fmt: skip

TOOL_EXPORTS = [
    ("msforms_export.xlsx", "msforms"),
    ("surveymonkey_export.csv", "surveymonkey"),
    ("qualtrics_export.csv", "qualtrics"),
    ("limesurvey_codes.csv", "limesurvey"),
    ("limesurvey_text.csv", "limesurvey"),
    # The same seven responses in the layouts of issue 14: with preview, test, unfinished and
    # unanswered rows around them, and under a title row.
    ("qualtrics_legacy.csv", "qualtrics"),
    ("qualtrics_current_flags.csv", "qualtrics"),
    ("limesurvey_incomplete.csv", "limesurvey"),
    ("msforms_banner.xlsx", "msforms"),
]


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument("1")


def _read(path: Path, instrument: Instrument, **kwargs: object) -> ImportResult:
    options: dict[str, object] = {"known_agencies": AGENCIES, "defaults": DEFAULTS, **kwargs}
    return read_responses(path, instrument, **options)  # type: ignore[arg-type]


def _failure(path: Path, instrument: Instrument, **kwargs: object) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        _read(path, instrument, **kwargs)
    return [str(error) for error in caught.value.errors]


def _rewrite_csv(source: Path, target: Path, edit: object, delimiter: str = ",") -> Path:
    with source.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=delimiter))
    edit(rows)  # type: ignore[operator]
    with target.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return target


@pytest.mark.parametrize(("name", "source_format"), TOOL_EXPORTS)
def test_every_tool_export_gives_the_same_responses(
    instrument: Instrument, name: str, source_format: str
) -> None:
    result = _read(EXPORTS / name, instrument)
    assert result.source_format == source_format
    assert result.skipped_rows == []
    frame = result.frame
    assert list(frame.columns) == [*ID_COLUMNS, *instrument.item_ids(), *instrument.comment_columns()]
    assert frame["agency"].tolist() == EXPECTED_AGENCIES
    assert frame["role_group"].tolist() == EXPECTED_ROLES
    assert set(frame["partnership"]) == {"Fife"} and set(frame["round"]) == {"2025"}
    np.testing.assert_array_equal(frame[FIXTURE_ITEMS].to_numpy(), np.array(EXPECTED_ANSWERS, dtype=float))
    assert frame.drop(columns=[*ID_COLUMNS, *FIXTURE_ITEMS, *instrument.comment_columns()]).isna().all().all()
    assert result.missing_items == [i for i in instrument.item_ids() if i not in FIXTURE_ITEMS]


@pytest.mark.parametrize(("name", "source_format"), TOOL_EXPORTS)
def test_respondent_metadata_is_reported_unmapped_and_never_read(
    instrument: Instrument, name: str, source_format: str
) -> None:
    result = _read(EXPORTS / name, instrument)
    identifying = {
        "Email",
        "Name",
        "IP Address",
        "Email Address",
        "IPAddress",
        "RecipientEmail",
        "First Name",
    }
    present = identifying & set(result.unmapped_columns)
    assert present or source_format == "limesurvey"
    assert not present & set(result.column_mapping)
    assert not any("mail" in column.lower() for column in result.frame.columns)


CODED_COMMENTS = ("limesurvey_codes.csv", "limesurvey_incomplete.csv")  # the comment is named by a code


@pytest.mark.parametrize("name", [n for n, _ in TOOL_EXPORTS if n not in CODED_COMMENTS])
def test_the_comment_question_is_found_by_its_prompt(instrument: Instrument, name: str) -> None:
    comments = _read(EXPORTS / name, instrument).frame["comment_joint-training"]
    assert comments.iloc[0] == "No joint training budget this year."
    assert comments.isna().tolist() == [False, True, False, True, True, True, False]


def test_statement_columns_are_mapped_by_their_text_and_codes_by_id(instrument: Instrument) -> None:
    monkey = _read(EXPORTS / "surveymonkey_export.csv", instrument).column_mapping
    assert monkey["Which agency do you work for?"] == "agency"
    assert monkey["I know what my part in the partnership\u2019s joint work is and where it ends."] == "RR1"
    lime = _read(EXPORTS / "limesurvey_codes.csv", instrument).column_mapping
    assert lime["G02Q03[CO2]"] == "CO2"
    assert lime["role"] == "role_group"
    qualtrics = _read(EXPORTS / "qualtrics_export.csv", instrument).column_mapping
    assert qualtrics["Q3_4"] == "CO1"


def test_the_template_round_trip_gives_identical_analysis_input(
    tmp_path: Path, instrument: Instrument
) -> None:
    first = _read(EXPORTS / "qualtrics_export.csv", instrument).frame
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"round{suffix}"
        write_template(path, instrument, first)
        again = read_responses(path, instrument, known_agencies=AGENCIES)
        assert again.source_format == "template"
        assert again.unmapped_columns == [] and again.missing_items == []
        pd.testing.assert_frame_equal(again.frame, first)


def test_out_of_range_answers_name_file_row_column_and_value(tmp_path: Path, instrument: Instrument) -> None:
    frame = _read(EXPORTS / "limesurvey_codes.csv", instrument).frame
    path = tmp_path / "responses.csv"
    write_template(path, instrument, frame)
    _rewrite_csv(path, path, lambda rows: rows[2].__setitem__(rows[0].index("RR3"), "6"))
    assert _failure(path, instrument) == ['responses.csv, row 3, column "RR3": "6" is not on the 1–5 scale']


def test_msforms_export_with_an_answer_off_the_scale_fails_whole(
    tmp_path: Path, instrument: Instrument
) -> None:
    workbook = load_workbook(EXPORTS / "msforms_export.xlsx")
    sheet = workbook.active
    assert sheet is not None
    sheet["I5"] = "Sometimes"
    sheet["J7"] = 7
    workbook.save(tmp_path / "forms.xlsx")
    errors = _failure(tmp_path / "forms.xlsx", instrument)
    assert errors[0].startswith(
        "forms.xlsx, row 5, column \"I know what my part in the partnership's joint work is"
    )
    assert errors[0].endswith('"Sometimes" is not an answer on the scale: use 1–5, a label such as "Agree", '
                              "or DK for don't know / not applicable")  # fmt: skip
    assert errors[1].startswith('forms.xlsx, row 7, column "Who does what') and errors[1].endswith(
        '"7" is not on the 1–5 scale'
    )


def test_surveymonkey_export_naming_an_unknown_agency_fails(tmp_path: Path, instrument: Instrument) -> None:
    path = _rewrite_csv(
        EXPORTS / "surveymonkey_export.csv",
        tmp_path / "monkey.csv",
        lambda rows: rows[4].__setitem__(9, "Fire"),
    )
    (error,) = _failure(path, instrument)
    assert error == (
        'monkey.csv, row 5, column "Which agency do you work for?": "Fire" is not one of the agencies '
        "in this partnership (Education, NHS Fife, Police Scotland, Social Work)"
    )


def test_surveymonkey_export_with_a_duplicated_question_fails(tmp_path: Path, instrument: Instrument) -> None:
    def duplicate(rows: list[list[str]]) -> None:
        rows[0][10] = "Which agency do you work for?"

    (error,) = _failure(
        _rewrite_csv(EXPORTS / "surveymonkey_export.csv", tmp_path / "dup.csv", duplicate), instrument
    )
    assert error == (
        'dup.csv, row 1, column "Which agency do you work for?": appears 2 times in the header '
        "(columns J, K); each column needs its own name"
    )


def test_qualtrics_export_without_a_role_column_or_default_says_what_is_missing(
    tmp_path: Path, instrument: Instrument
) -> None:
    def drop_role(rows: list[list[str]]) -> None:
        for row in rows:
            del row[18]

    path = _rewrite_csv(EXPORTS / "qualtrics_export.csv", tmp_path / "q.csv", drop_role)
    assert _failure(path, instrument) == [
        'q.csv, row 1: has no "role_group" column; add one or give a default role_group'
    ]
    assert len(_read(path, instrument, defaults={**DEFAULTS, "role_group": "practitioner"}).frame) == 7


def test_limesurvey_bad_rows_are_skipped_and_listed_only_on_request(
    tmp_path: Path, instrument: Instrument
) -> None:
    def spoil(rows: list[list[str]]) -> None:
        rows[2][9] = "6"
        rows[5][7] = ""
        rows[5][10] = "x"

    path = _rewrite_csv(EXPORTS / "limesurvey_codes.csv", tmp_path / "lime.csv", spoil)
    expected = [
        'lime.csv, row 3, column "G02Q03[RR1]": "6" is not on the 1–5 scale',
        'lime.csv, row 6, column "agency": the cell is blank; every response needs an agency',
        'lime.csv, row 6, column "G02Q03[RR2]": "x" is not an answer on the scale: use 1–5, a label such as '
        '"Agree", or DK for don\'t know / not applicable',
    ]
    assert _failure(path, instrument) == expected
    result = _read(path, instrument, skip_bad_rows=True)
    assert [str(error) for error in result.skipped_rows] == expected
    assert result.frame["agency"].tolist() == [EXPECTED_AGENCIES[i] for i in (0, 2, 3, 5, 6)]


def test_a_blank_identifier_falls_back_to_the_default(tmp_path: Path, instrument: Instrument) -> None:
    path = _rewrite_csv(
        EXPORTS / "limesurvey_codes.csv", tmp_path / "lime.csv", lambda rows: rows[1].__setitem__(7, "")
    )
    frame = _read(path, instrument, defaults={**DEFAULTS, "agency": "police scotland"}).frame
    assert frame["agency"].iloc[0] == "Police Scotland"


def test_agencies_and_role_groups_match_whatever_the_case(tmp_path: Path, instrument: Instrument) -> None:
    path = tmp_path / "t.csv"
    path.write_text("partnership,round,agency,role_group,FU1\nFife,1,EDUCATION,Front-Line Practitioner,4\n")
    frame = _read(path, instrument).frame
    assert frame[["agency", "role_group"]].iloc[0].tolist() == ["Education", "practitioner"]


def test_an_unknown_role_group_is_refused(tmp_path: Path, instrument: Instrument) -> None:
    path = tmp_path / "t.csv"
    path.write_text("partnership,round,agency,role_group,FU1\nFife,1,Education,boss,4\n")
    (error,) = _failure(path, instrument)
    assert error.startswith(
        't.csv, row 2, column "role_group": "boss" is not a role group; use an id or name'
    )


def test_any_agency_is_accepted_when_the_partnership_list_is_not_given(
    tmp_path: Path, instrument: Instrument
) -> None:
    path = tmp_path / "t.csv"
    path.write_text("agency,role_group,FU1\nSome Charity,practitioner,DK\n")
    frame = read_responses(path, instrument, defaults=DEFAULTS).frame
    assert frame["agency"].tolist() == ["Some Charity"] and frame["FU1"].tolist() == [DONT_KNOW]


def test_defaults_must_be_identifier_columns_and_known_values(tmp_path: Path, instrument: Instrument) -> None:
    path = EXPORTS / "limesurvey_codes.csv"
    with pytest.raises(ValueError, match="not \\['colour'\\]"):
        read_responses(path, instrument, defaults={"colour": "red"})
    errors = _failure(path, instrument, defaults={**DEFAULTS, "role_group": "boss"})
    assert errors[0].startswith(
        'limesurvey_codes.csv, column "default role_group": "boss" is not a role group'
    )


def test_two_columns_holding_one_item_fail(tmp_path: Path, instrument: Instrument) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"agency,role_group,FU1,{instrument.items[0].text}\nEducation,practitioner,4,5\n")
    assert _failure(path, instrument) == [
        f't.csv, row 1, column "{instrument.items[0].text}": '
        'holds FU1, which column "FU1" holds already; keep one'
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty.csv: is empty"),
        (
            b"partnership,round,agency,role_group,FU1\r\n",
            "empty.csv, row 1: has a header but no responses under it",
        ),
        (
            "a,b\n\u00e9,\x81\n".encode("latin-1"),
            'empty.csv, row 2: "0x81" is a byte that is not valid UTF-8',
        ),
        (
            b"budget line,amount,year\nYouth work,12000,2025\n",
            'empty.csv, row 1: does not look like a survey export: none of its columns ("budget line", '
            '"amount", "year") is an item id or a statement of instrument version 1',
        ),
    ],
)
def test_files_that_are_not_usable_survey_files_fail_clearly(
    tmp_path: Path, instrument: Instrument, content: bytes, message: str
) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    (error,) = _failure(path, instrument)
    assert error.startswith(message)


def test_a_missing_file_fails_as_an_import_error(tmp_path: Path, instrument: Instrument) -> None:
    (error,) = _failure(tmp_path / "gone.csv", instrument)
    assert error == "gone.csv: cannot be read: No such file or directory"


@pytest.mark.parametrize(
    ("spelling", "value"),
    [
        ("Strongly agree", 5.0),
        ("strongly AGREE.", 5.0),
        ("4.0", 4.0),
        ("4.00", 4.0),
        ("Neutral", 3.0),
        ("Don\u2019t know / not applicable", DONT_KNOW),
        ("dk", DONT_KNOW),
        ("N/A", DONT_KNOW),
        ("Not applicable", DONT_KNOW),
    ],
)
def test_answer_spellings_people_use_are_understood(
    tmp_path: Path, instrument: Instrument, spelling: str, value: float
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(f"agency,role_group,FU1\nEducation,practitioner,{spelling}\n", encoding="utf-8")
    assert _read(path, instrument).frame["FU1"].tolist() == [value]
