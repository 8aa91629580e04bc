from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import (
    Correction,
    CorrectionError,
    ModelFileError,
    deserialise_model,
    load_tagger,
    parse_corrections_csv,
    retrain,
    serialise_model,
)

CANTEEN = "The canteen queue at lunchtime is far too long."
CHILD_CARE = "Parents ask us about childcare over the summer."


def factors_of(tagger, text):
    [result] = tagger.tag([text])
    return result.factors


def test_corrections_change_later_tags_for_that_partnership_only():
    shipped = load_tagger()
    assert factors_of(shipped, CANTEEN) == []
    north = retrain(shipped, [Correction(CANTEEN, ["shared-resources"])])
    south = retrain(shipped, [Correction(CHILD_CARE, ["funding"])])

    assert factors_of(north, CANTEEN) == ["shared-resources"]
    assert factors_of(south, CANTEEN) == []
    assert factors_of(load_tagger(), CANTEEN) == []
    assert factors_of(south, CHILD_CARE) == ["funding"]
    assert factors_of(north, CHILD_CARE) == factors_of(shipped, CHILD_CARE)


def test_a_correction_also_shifts_the_model_for_similar_wording():
    text = "Nobody tells us when the youth club is closed for the holidays."
    shipped = load_tagger()
    corrected = retrain(shipped, [Correction(text, ["shared-purpose"])])
    similar = "Nobody tells us when the youth club is shut for the holidays."
    assert (
        corrected.score_matrix([similar])[0][FACTOR_IDS.index("shared-purpose")]
        > (shipped.score_matrix([similar])[0][FACTOR_IDS.index("shared-purpose")])
    )


def test_a_correction_can_remove_a_tag_and_the_latest_correction_wins():
    text = "nobody knows whose budget pays for the new family support worker"
    shipped = load_tagger()
    assert "funding" in factors_of(shipped, text)
    cleared = retrain(shipped, [Correction(text, ["recruitment"]), Correction(text.upper(), [])])
    assert factors_of(cleared, text) == []
    assert len(cleared.corrections) == 1


def test_retraining_keeps_earlier_corrections():
    first = retrain(load_tagger(), [Correction(CANTEEN, ["co-location"])])
    second = retrain(first, [Correction(CHILD_CARE, ["funding"])])
    assert factors_of(second, CANTEEN) == ["co-location"]
    assert factors_of(second, CHILD_CARE) == ["funding"]


def test_a_saved_model_loads_back_to_the_same_tagger():
    partnership = retrain(load_tagger(), [Correction(CANTEEN, ["co-location", "funding"])])
    restored = deserialise_model(serialise_model(partnership), source="north.json")
    texts = [CANTEEN, CHILD_CARE, "Our budget is never agreed in time."]
    assert restored.tag(texts) == partnership.tag(texts)
    assert restored.kind == partnership.kind


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{", "north.json: not JSON"),
        ('{"format": "other"}', "not a joinedup tagger model"),
        ('{"format": "joinedup-tagger-model", "version": 9}', "field 'version': value 9 is not supported"),
        (
            '{"format": "joinedup-tagger-model", "version": 1, "kind": "gpt"}',
            "field 'kind': unknown tagger kind",
        ),
        (
            '{"format": "joinedup-tagger-model", "version": 1, "kind": "lexical", "corrections": '
            '[{"text": "hi", "factors": ["cash"]}]}',
            "correction 1: correction of 'hi': 'cash' is not a factor id",
        ),
    ],
)
def test_bad_model_files_are_rejected_with_the_reason(content, message):
    with pytest.raises(ModelFileError, match=r"north\.json") as raised:
        deserialise_model(content, source="north.json")
    assert message in str(raised.value)


def test_a_correction_rejects_unknown_factors_and_empty_texts():
    with pytest.raises(CorrectionError, match="'money' is not a factor id"):
        Correction("text", ["money"])
    with pytest.raises(CorrectionError, match="non-empty text"):
        Correction("  ", [])


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1).filter(
    lambda text: text.strip() == text != ""
)
factor_lists = st.lists(st.sampled_from(FACTOR_IDS), unique=True, max_size=4)


@given(st.lists(st.tuples(texts, factor_lists), min_size=1, max_size=10))
def test_corrections_written_as_csv_read_back_unchanged(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["text", "factors"])
    for text, factors in rows:
        writer.writerow([text, ";".join(factors)])
    parsed = parse_corrections_csv(buffer.getvalue(), source="c.csv")
    assert [(c.text, c.factors) for c in parsed] == [(text, factors) for text, factors in rows]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("words,factors\nhi,funding\n", "c.csv: row 1 (header): column 'text' is missing"),
        ("text,factors\nhi,funding\n,leadership\n", "c.csv: row 3, column 'text': value '' is empty"),
        ("text,factors\nhi,funding;cash\n", "row 2, column 'factors': value 'cash' is not a factor id"),
        ("text,factors\n", "no corrections found"),
    ],
)
def test_bad_correction_csvs_name_the_row_column_value_and_reason(content, message):
    with pytest.raises(CorrectionError) as raised:
        parse_corrections_csv(content, source="c.csv")
    assert message in str(raised.value)
