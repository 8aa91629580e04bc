"""Pooling learning records: the published shape, practice evidence that finds a real effect and
no false one, the minimum of five partnerships, and benchmarks that cannot be differenced."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.learning.conftest import hand_record

from joinedup.learning.pool import (
    PRACTICE_CAVEAT,
    LearningRecordsRefused,
    pool_records,
    position,
    practice_sentence,
    smoothed_quartiles,
)
from joinedup.learning.record import validate_learning_record
from joinedup.learning.synthetic import synthetic_records

FACTOR = "joint-training"
INTERVENTION = "joint-training"


def test_synthetic_records_are_sound_and_repeatable():
    records = synthetic_records(40, seed=9, rounds=3, effect=1.5, noise=0.5)
    assert all(validate_learning_record(record) == [] for record in records)
    assert records == synthetic_records(40, seed=9, rounds=3, effect=1.5, noise=0.5)


def test_half_of_twelve_adopt_and_only_their_factor_rises():
    pooled = pool_records(synthetic_records(12, seed=7, adopt_share=0.5, effect=0.5))
    (entry,) = [e for e in pooled["practice"] if e["intervention"] == INTERVENTION]
    assert entry["adopted"] == 6
    assert entry["improved"] >= 5
    assert entry["median_change"] > entry["comparison_median_change"]
    assert entry["comparison_partnerships"] == 6


def test_when_nobodys_factor_moves_no_improvement_is_reported():
    pooled = pool_records(synthetic_records(12, seed=7, adopt_share=0.5, effect=0.0))
    (entry,) = [e for e in pooled["practice"] if e["intervention"] == INTERVENTION]
    assert entry["adopted"] == 6
    assert entry["improved"] == 0
    assert abs(entry["median_change"] - entry["comparison_median_change"]) <= 0.1


def test_fewer_than_five_partnerships_are_absent():
    four = synthetic_records(4, seed=1, adopt_share=1.0)
    assert pool_records(four) == {"benchmarks": {}, "practice": []}
    # Twelve partnerships give benchmarks, but an intervention only four adopted stays absent.
    twelve = synthetic_records(12, seed=1, adopt_share=4 / 12)
    pooled = pool_records(twelve)
    assert len(pooled["benchmarks"]) == 16
    assert all(e["intervention"] != INTERVENTION for e in pooled["practice"])


def test_a_partnership_sending_many_rounds_counts_once():
    records = synthetic_records(4, seed=2, rounds=3, adopt_share=1.0)
    assert len(records) == 12
    assert pool_records(records) == {"benchmarks": {}, "practice": []}


def test_the_comparison_allows_for_regression_to_the_mean():
    # Nobody's action works: every partnership drifts back towards 3.25, and the five lowest
    # adopt the intervention. A raw comparison would credit the intervention with the drift.
    records = []
    for index in range(12):
        baseline = 2.0 + index * 0.2
        drift = round(-0.6 * (baseline - 3.25), 2)
        adopted = [(INTERVENTION, FACTOR, "done")] if index < 5 else []
        changes = {FACTOR: (drift, round(drift - 0.1, 2), round(drift + 0.1, 2))}
        records.append(hand_record(index, {FACTOR: round(baseline, 2)}, changes=changes, adopted=adopted))
    (entry,) = pool_records(records)["practice"]
    assert entry["median_change"] >= 0.5  # the adopters did rise ...
    assert entry["comparison_median_change"] == pytest.approx(
        entry["median_change"], abs=0.1
    )  # ... as expected


def test_not_started_and_dropped_actions_are_not_adoption():
    records = [
        hand_record(
            i, {FACTOR: 3.0}, changes={FACTOR: (0.5, 0.3, 0.7)}, adopted=[(INTERVENTION, FACTOR, status)]
        )
        for i, status in enumerate(["not-started", "dropped"] * 3)
    ]
    assert pool_records(records)["practice"] == []


def test_a_bad_record_refuses_the_whole_pool_naming_it():
    records = synthetic_records(6, seed=1)
    records[3]["month"] = "2025-03-14"
    with pytest.raises(LearningRecordsRefused) as refused:
        pool_records(records)
    assert refused.value.errors == ["record 4: month: '2025-03-14' is not a month written YYYY-MM"]


def test_position_in_quartile_words():
    pooled = {"benchmarks": {FACTOR: {"partnerships": 8, "p25": 2.8, "p50": 3.2, "p75": 3.6}}}
    assert position(pooled, FACTOR, 2.5) == "in the lowest quarter of partnerships"
    assert position(pooled, FACTOR, 3.0) == "below the median, above the lowest quarter"
    assert position(pooled, FACTOR, 3.4) == "above the median, below the highest quarter"
    assert position(pooled, FACTOR, 3.9) == "in the highest quarter of partnerships"
    assert position(pooled, "funding", 3.9) == ""


def test_practice_sentence_and_caveat():
    entry = {
        "intervention": INTERVENTION,
        "factor": FACTOR,
        "adopted": 14,
        "improved": 9,
        "median_change": 0.4,
        "comparison_median_change": 0.1,
    }
    assert practice_sentence(entry) == (
        "Adopted by 14 partnerships; the factor rose in 9; median change +0.4 against +0.1 "
        "in comparable partnerships that did not adopt it."
    )
    assert "too few comparable" in practice_sentence({**entry, "comparison_median_change": None})
    assert "\N{MINUS SIGN}0.2" in practice_sentence({**entry, "median_change": -0.2})
    assert "observational, not proof" in PRACTICE_CAVEAT


# --- differencing -------------------------------------------------------------------------

GRID = [round(1 + step / 100, 2) for step in range(401)]
"""Every mean a record can hold (two decimals on the 1-5 scale)."""


def _benchmark(means: list[float]) -> dict:
    records = [hand_record(i, {FACTOR: m}) for i, m in enumerate(means)]
    return pool_records(records)["benchmarks"][FACTOR]


@settings(max_examples=60, deadline=None)
@given(
    others=st.lists(st.sampled_from(GRID), min_size=5, max_size=9),
    first=st.sampled_from(GRID),
    second=st.sampled_from(GRID),
)
def test_one_record_moves_a_published_quartile_by_at_most_a_third_of_its_own_change(others, first, second):
    """Each quartile blends three partnerships' means, so one record's influence is a third of it.

    This is what rounding builds on; it cannot stop someone who knows every other record from
    narrowing a new one where two quartiles' rounding edges happen to meet near it (a brute-force
    search found a record narrowed to 4.49-4.52 that way), which is why the hub publishes only
    when at least five partnerships' records have changed (`web/learning`, tested there).
    """
    before = smoothed_quartiles([*others, first])
    after = smoothed_quartiles([*others, second])
    published = _benchmark([*others, first])
    assert set(published) == {"partnerships", "p25", "p50", "p75"}  # no minimum or maximum
    for old, new in zip(before, after, strict=True):
        assert abs(new - old) <= abs(second - first) / 3 + 1e-9


def test_a_mean_near_the_end_of_the_scale_in_the_failing_example_is_not_pinned():
    """The example that pinned a record to 1.00-1.03 when quartiles were plain order statistics."""
    others = [1.0, 1.0, 3.47, 3.47, 3.47]
    published = _benchmark([*others, 1.0])
    consistent = [value for value in GRID if _benchmark([*others, value]) == published]
    assert len(consistent) >= 5, consistent


def test_each_quartile_blends_several_partnerships():
    values = [1.0, 2.0, 3.0, 4.0, 5.0]
    assert smoothed_quartiles(values) == (2.0, 3.0, 4.0)
    assert smoothed_quartiles([*values, 6.0, 7.0, 8.0, 9.0]) == (3.0, 5.0, 7.0)
    with pytest.raises(ValueError, match="at least 3"):
        smoothed_quartiles([1.0, 2.0])


def test_the_influence_test_would_catch_plain_quartiles(monkeypatch):
    """The test above has teeth: plain order statistics move by a record's whole change, and
    published to two decimals they pin the added value down exactly."""
    from joinedup.learning import pool

    monkeypatch.setattr(pool, "QUARTILE_WINDOW", 1)
    others = [2.0, 2.5, 3.0, 3.5, 4.0, 4.5]
    before, after = smoothed_quartiles([*others, 3.2]), smoothed_quartiles([*others, 3.3])
    moved = [abs(b - a) for a, b in zip(before, after, strict=True)]
    assert max(moved) > 0.1 / 3 + 1e-9
    monkeypatch.setattr(pool, "POOLED_PRECISION", 2)
    published = _benchmark([*others, 3.23])
    consistent = [value for value in GRID if _benchmark([*others, value]) == published]
    assert consistent == [3.23]


CHANGES = [round(-1 + step / 100, 2) for step in range(201)]
"""Changes the test's records hold (two decimals)."""

CANDIDATES = [round(-2 + step / 100, 2) for step in range(401)]
"""Changes someone could guess for the added record: wider than `CHANGES`, since a real change is
not bounded by the test's range; cut off at its ends, the guesses would look few only because the
test stopped counting (an added -1.0 among others at -1.0 and -0.74 fits every change up to -0.97,
and every change below -1.0 as well)."""


def _median_change(changes: list[float]) -> float:
    records = [
        hand_record(
            i,
            {FACTOR: 3.0},
            changes={FACTOR: (c, round(c - 0.2, 2), round(c + 0.2, 2))},
            adopted=[(INTERVENTION, FACTOR, "done")],
        )
        for i, c in enumerate(changes)
    ]
    (entry,) = pool_records(records)["practice"]
    return entry["median_change"]


@settings(max_examples=15, deadline=None)
@given(others=st.lists(st.sampled_from(CHANGES), min_size=5, max_size=8), added=st.sampled_from(CHANGES))
@example(others=[-1.0, -1.0, -0.74, -0.74, -0.74], added=-1.0)
def test_adding_one_adopter_cannot_reveal_its_change(others, added):
    published = _median_change([*others, added])
    consistent = [value for value in CANDIDATES if _median_change([*others, value]) == published]
    assert added in consistent
    assert len(consistent) >= 5, f"only {consistent} fit: the added change is all but revealed"
