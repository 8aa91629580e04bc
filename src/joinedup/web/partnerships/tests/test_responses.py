"""Responses between the database and the responses frame: reading rounds out, storing frames in."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.instrument import load_instrument
from joinedup.instrument.responses import DONT_KNOW, ID_COLUMNS
from joinedup.io.survey_export import write_template
from joinedup.io.survey_import import ImportFailed, ImportResult, read_frame, read_responses
from joinedup.web.partnerships.demo import ROLE_GROUPS, demo_import
from joinedup.web.partnerships.models import Agency, ImportBatch, Invitation, Response
from joinedup.web.partnerships.responses import frame_for_rounds, invitations_frame, store_import

from .builders import make_round
from .conftest import FIXTURE_AGENCIES

INSTRUMENT = load_instrument("1")
ITEMS = INSTRUMENT.item_ids()
COMMENTS = INSTRUMENT.comment_columns()

pytestmark = pytest.mark.django_db


def frame_of(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A responses frame as the core's reader makes it: every column, strings as `str`, answers as floats."""
    full = [
        {
            "partnership": "fife",
            "round": "Spring",
            **dict.fromkeys(ITEMS, math.nan),
            **dict.fromkeys(COMMENTS, None),
            **row,
        }
        for row in rows
    ]
    frame = pd.DataFrame(full, columns=[*ID_COLUMNS, *ITEMS, *COMMENTS])
    return frame.astype({**dict.fromkeys([*ID_COLUMNS, *COMMENTS], "str"), **dict.fromkeys(ITEMS, "float64")})


def read(frame: pd.DataFrame, name: str = "paper.csv") -> ImportResult:
    """The frame as the reader reads it back from a template file, against the fixture's agencies."""
    return read_frame(frame, INSTRUMENT, name=name, known_agencies=FIXTURE_AGENCIES)


def test_a_round_becomes_one_row_per_response_with_dont_know_and_blanks_kept_apart(spring):
    education = Agency.objects.get(name="Education")
    Response.objects.create(
        round=spring,
        agency=education,
        role_group="practitioner",
        answers={ITEMS[0]: 5, ITEMS[1]: 0},
        comments={"funding": "Budgets are yearly"},
    )
    frame = frame_for_rounds([spring])
    assert list(frame.columns) == [*ID_COLUMNS, *ITEMS, *COMMENTS]
    row = frame.iloc[0]
    assert (row["partnership"], row["round"], row["agency"], row["role_group"]) == (
        "fife",
        "Spring",
        "Education",
        "practitioner",
    )
    assert row[ITEMS[0]] == 5.0
    assert row[ITEMS[1]] == DONT_KNOW
    assert math.isnan(row[ITEMS[2]])
    assert row["comment_funding"] == "Budgets are yearly"
    assert pd.isna(row["comment_leadership"])
    assert frame[ITEMS].dtypes.eq("float64").all()


def test_rounds_stack_in_the_order_given_and_an_empty_round_gives_the_columns(spring, autumn):
    health = Agency.objects.get(name="NHS Fife")
    for a_round in (spring, autumn, spring):
        Response.objects.create(round=a_round, agency=health, role_group="team-leader", answers={ITEMS[0]: 3})
    stacked = frame_for_rounds([autumn, spring])
    assert stacked["round"].tolist() == ["Autumn", "Spring", "Spring"]
    empty = make_round(spring.partnership, name="Winter")
    assert frame_for_rounds([empty]).shape == (0, len(ID_COLUMNS) + len(ITEMS) + len(COMMENTS))


def test_invitations_travel_apart_and_only_where_the_number_is_known(spring):
    Invitation.objects.filter(round=spring, agency__name="Education").update(invited=40)
    Invitation.objects.filter(round=spring, agency__name="NHS Fife").update(invited=12)
    frame = invitations_frame([spring])
    assert frame.to_dict("records") == [
        {"partnership": "fife", "round": "Spring", "agency": "Education", "invited": 40},
        {"partnership": "fife", "round": "Spring", "agency": "NHS Fife", "invited": 12},
    ]


def test_storing_a_frame_makes_one_batch_and_one_response_per_row(spring):
    frame = frame_of(
        [
            {
                "agency": "Education",
                "role_group": "practitioner",
                ITEMS[0]: 4.0,
                "comment_funding": "Short-term",
            },
            {"agency": "Social Work", "role_group": "service-manager", ITEMS[0]: 0.0},
        ]
    )
    batch = store_import(spring, read(frame))
    assert (batch.filename, batch.source_format, batch.rows) == ("paper.csv", "template", 2)
    first, second = Response.objects.filter(import_batch=batch).order_by("pk")
    assert first.answers == {ITEMS[0]: 4}
    assert first.comments == {"funding": "Short-term"}
    assert second.answers == {ITEMS[0]: 0}
    assert second.agency.name == "Social Work"
    assert first.idempotency_key is None


def _nothing_stored() -> bool:
    return not Response.objects.exists() and not ImportBatch.objects.exists()


def test_an_unknown_agency_is_refused_once_with_the_readers_message(spring):
    frame = frame_of(
        [
            {"agency": "Education", "role_group": "practitioner", ITEMS[0]: 4.0},
            {"agency": "Fire and Rescue", "role_group": "practitioner", ITEMS[0]: 4.0},
        ]
    )
    with pytest.raises(ImportFailed) as failure:
        store_import(spring, read(frame))
    [error] = failure.value.errors
    assert (error.file, error.row, error.column, error.value) == ("paper.csv", 3, "agency", "Fire and Rescue")
    assert "is not one of the agencies in this partnership" in error.reason
    assert not Agency.objects.filter(name="Fire and Rescue").exists()
    assert _nothing_stored()


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        (ITEMS[3], "6", "scale"),
        (ITEMS[3], "2.5", "scale"),
        ("role_group", "shoe-fitter", "is not a role group"),
    ],
)
def test_a_bad_value_is_refused_once_by_the_reader_and_nothing_is_stored(
    spring, tmp_path, column, value, reason
):
    path = tmp_path / "paper.csv"
    write_template(
        path, INSTRUMENT, frame_of([{"agency": "Education", "role_group": "practitioner", ITEMS[0]: 3.0}])
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index(column)] = value
    path.write_text("\n".join([lines[0], ",".join(cells)]) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        store_import(spring, read_responses(path, INSTRUMENT, known_agencies=FIXTURE_AGENCIES))
    [error] = failure.value.errors
    assert (error.file, error.row, error.column, error.value) == ("paper.csv", 2, column, value)
    assert reason in error.reason
    assert _nothing_stored()


def test_a_result_left_empty_by_skipping_bad_rows_is_refused(spring, tmp_path):
    path = tmp_path / "f.csv"
    write_template(
        path,
        INSTRUMENT,
        frame_of([{"agency": "Fire and Rescue", "role_group": "practitioner", ITEMS[0]: 3.0}]),
    )
    result = read_responses(path, INSTRUMENT, known_agencies=FIXTURE_AGENCIES, skip_bad_rows=True)
    with pytest.raises(ImportFailed) as failure:
        store_import(spring, result)
    assert [str(error) for error in failure.value.errors] == ["f.csv: has no responses left to import"]
    assert _nothing_stored()


def test_the_demos_frames_pass_the_readers_check_and_a_bad_one_is_refused_by_it(spring):
    rows = [{"agency": "Education", "role_group": group, ITEMS[0]: 3.0} for group in ROLE_GROUPS]
    result = demo_import(spring, frame_of(rows))
    assert result.frame["role_group"].tolist() == list(ROLE_GROUPS)
    store_import(spring, result)
    assert spring.responses.count() == len(ROLE_GROUPS)
    with pytest.raises(ImportFailed) as failure:
        demo_import(
            spring, frame_of([{"agency": "Fire and Rescue", "role_group": "practitioner", ITEMS[0]: 3.0}])
        )
    [error] = failure.value.errors
    assert (error.file, error.column, error.value) == ("demo.csv", "agency", "Fire and Rescue")


answer = st.sampled_from([math.nan, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0])
response_rows = st.lists(
    st.fixed_dictionaries(
        {
            "agency": st.sampled_from(FIXTURE_AGENCIES),
            "role_group": st.sampled_from(["practitioner", "team-leader", "named-person"]),
            ITEMS[0]: st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0, 5.0]),
            **{item_id: answer for item_id in ITEMS[1:6]},
            "comment_funding": st.one_of(
                st.none(),
                st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=40),
            ),
        }
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=response_rows)
def test_a_stored_frame_reads_back_identically(spring, rows):
    Response.objects.all().delete()
    ImportBatch.objects.all().delete()
    frame = frame_of(rows)
    store_import(spring, read(frame, "f.csv"))
    pd.testing.assert_frame_equal(frame_for_rounds([spring]), frame)
    assert np.array_equal(frame_for_rounds([spring])[ITEMS].isna(), frame[ITEMS].isna())
