"""One rule for matching agency names, whoever typed them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import DATA_DIR

from joinedup.instrument import load_instrument
from joinedup.io.agency_names import agency_key
from joinedup.io.survey_export import write_template
from joinedup.io.survey_import import read_responses

EXPORTS = DATA_DIR / "survey_exports"
AGENCIES = ["Education", "NHS Fife", "Police Scotland", "Social Work"]
DEFAULTS = {"partnership": "Fife", "round": "2025"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("social care", "Social care"),
        ("Social-Care", "Social care"),
        ("  social_care ", "Social care"),
        ("Health and Social Care", "Health & Social Care"),
        ("health visiting nhs ayrshire and arran", "Health visiting (NHS Ayrshire & Arran)"),
        ("Police.", "Police"),
    ],
)
def test_spellings_of_one_agency_share_a_key(typed, stored):
    assert agency_key(typed) == agency_key(stored)


@pytest.mark.parametrize(("one", "other"), [("Health", "Health visiting"), ("School 1", "School 2")])
def test_different_agencies_keep_different_keys(one, other):
    assert agency_key(one) != agency_key(other)


@given(st.text(max_size=30))
def test_the_key_is_settled_after_one_pass(name):
    assert agency_key(agency_key(name)) == agency_key(name)


def test_a_survey_import_matches_agencies_by_the_same_key_and_keeps_the_stored_spelling(tmp_path):
    instrument = load_instrument()
    known = ["Education", "Health & Social Care", "Police Scotland"]
    first = read_responses(
        EXPORTS / "limesurvey_codes.csv", instrument, known_agencies=AGENCIES, defaults=DEFAULTS
    )
    frame = first.frame.copy()
    typed = ["education.", "health and social care", "Police-Scotland"]
    frame["agency"] = [typed[row % len(typed)] for row in range(len(frame))]
    path = tmp_path / "responses.csv"
    write_template(path, instrument, frame)
    again = read_responses(path, instrument, known_agencies=known)
    assert set(again.frame["agency"]) == set(known)
