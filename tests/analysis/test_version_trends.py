"""A factor trend across a change of instrument version rests only on statements that compare."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from joinedup.analysis import analyse
from joinedup.analysis.result import FactorResult
from joinedup.analysis.synthetic import generate_factor_model_responses
from joinedup.instrument import load_instrument

V1, V2 = load_instrument("1"), load_instrument("2")
VERSIONS = {"Round 1": "1", "Round 2": "2"}


def _two_rounds(seed: int = 1, responses: int = 120) -> pd.DataFrame:
    before = generate_factor_model_responses(V1.items, responses=responses, seed=seed, round_label="Round 1")
    after = generate_factor_model_responses(
        V2.items, responses=responses, seed=seed + 1, round_label="Round 2"
    )
    return pd.concat([before, after], ignore_index=True)


def _latest(frame: pd.DataFrame, versions: dict[str, str] | None = VERSIONS) -> dict[str, FactorResult]:
    result = analyse(frame, V2.items, instrument_version="2", round_versions=versions)
    return {factor.id: factor for factor in result.find("Partnership 01", "Round 2").factors}


def _bridged_mean(rows: pd.DataFrame, columns: list[str], reverse: list[bool]) -> tuple[np.ndarray, float]:
    values = rows[columns].where(rows[columns] >= 1)
    for column, flipped in zip(columns, reverse, strict=True):
        if flipped:
            values[column] = 6 - values[column]
    counted = values.notna().sum(axis=1)
    scores = values.mean(axis=1)[(2 * counted >= len(columns)) & (counted > 0)]
    return scores.to_numpy(), float(scores.mean())


def test_a_factor_trend_uses_only_its_comparable_statements_and_says_so() -> None:
    frame = _two_rounds()
    second = frame["round"] == "Round 2"
    frame.loc[second, "CM4"] = 1.0  # the new statement, reverse-worded: scores 5 for everyone
    commitment = _latest(frame)["commitment"]
    assert commitment.trend is not None and commitment.trend_withheld is None
    assert commitment.trend.comparable_items == 2
    assert "instrument changed from version 1 to version 2: only 2 of 3 statements comparable" in (
        commitment.trend.note or ""
    )
    before, _ = _bridged_mean(frame[~second], ["CM1", "CM2"], [False, False])
    after, _ = _bridged_mean(frame[second], ["CM1", "CM2"], [False, False])
    expected = stats.ttest_ind(after, before, equal_var=False)
    assert commitment.trend.change == pytest.approx(after.mean() - before.mean(), rel=1e-5)
    assert commitment.trend.p == pytest.approx(expected.pvalue, rel=1e-4)
    assert commitment.trend.direction == "no clear change"


def test_reworded_comparable_statements_are_paired_with_their_source() -> None:
    leadership = _latest(_two_rounds())["leadership"]
    assert leadership.trend is not None and leadership.trend.comparable_items == 3
    note = leadership.trend.note or ""
    assert "3 of 3 statements comparable" in note and "only" not in note
    assert "LD4 (was LD2)" in note and "LD5 (was LD3)" in note


def test_a_factor_with_too_few_comparable_statements_gets_no_trend_and_a_reason() -> None:
    factors = _latest(_two_rounds())
    for factor_id in ("funding", "joint-training", "recruitment"):
        assert factors[factor_id].trend is None
        assert "too few for a factor trend" in (factors[factor_id].trend_withheld or "")
    assert "only 1 of 3 statements comparable" in (factors["funding"].trend_withheld or "")
    assert "0 of 3" in (factors["joint-training"].trend_withheld or "")


def test_rounds_of_one_version_keep_their_ordinary_trends() -> None:
    frame = pd.concat(
        [
            generate_factor_model_responses(V2.items, responses=60, seed=5, round_label="Round 1"),
            generate_factor_model_responses(V2.items, responses=60, seed=6, round_label="Round 2"),
        ],
        ignore_index=True,
    )
    with_versions = _latest(frame, {"Round 1": "2", "Round 2": "2"})
    without = _latest(frame, None)
    assert with_versions == without
    assert all(
        f.trend is not None and f.trend.note is None and f.trend_withheld is None for f in without.values()
    )


def test_a_change_with_no_crosswalk_withholds_every_trend() -> None:
    factors = _latest(_two_rounds(), {"Round 1": "2", "Round 2": "1"})
    assert all(f.trend is None and "no crosswalk" in (f.trend_withheld or "") for f in factors.values())


def test_every_round_needs_its_version() -> None:
    with pytest.raises(ValueError, match="no instrument version for rounds \\['Round 2'\\]"):
        _latest(_two_rounds(), {"Round 1": "1"})


def test_the_earlier_answers_must_be_there() -> None:
    factors = _latest(_two_rounds().drop(columns=["LD2"]))
    assert factors["leadership"].trend is None
    assert "earlier answers to LD2 are not in the data" in (factors["leadership"].trend_withheld or "")


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), shift=st.sampled_from([-2.0, -1.0, 1.0, 2.0]))
def test_a_shift_in_new_statements_never_moves_a_bridged_trend(seed: int, shift: float) -> None:
    frame = _two_rounds(seed=seed, responses=40)
    reference = _latest(frame)
    second = frame["round"] == "Round 2"
    for item_id in ("CO4", "SS1"):  # CO4 is new in communication; SS1 is carried over
        answered = second & (frame[item_id] >= 1)
        frame.loc[answered, item_id] = np.clip(frame.loc[answered, item_id] + shift, 1, 5)
    shifted = _latest(frame)
    assert shifted["communication"].trend == reference["communication"].trend
    assert shifted["staff-support"].trend != reference["staff-support"].trend
