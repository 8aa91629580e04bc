"""Respondent scores: reverse coding once, don't know excluded, the half-the-items rule."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from joinedup.analysis.encoding import DONT_KNOW_CODE, UNANSWERED_CODE
from joinedup.analysis.items import FactorItems
from joinedup.analysis.scores import factor_answers, score_levels

FACTOR = FactorItems(
    factor="f", item_ids=("x", "y", "z", "w"), positions=(0, 1, 2, 3), reverse=(False, False, True, False)
)


def scores(rows: list[list[int]], factor: FactorItems = FACTOR) -> list[float]:
    return factor_answers(np.array(rows, dtype=np.int8), factor).score.tolist()


def test_hand_worked_scores() -> None:
    result = scores(
        [
            [5, 4, 1, 4],  # reverse item 1 counts as 5: (5 + 4 + 5 + 4) / 4
            [5, DONT_KNOW_CODE, 2, UNANSWERED_CODE],  # two answered of four: (5 + 4) / 2
            [3, DONT_KNOW_CODE, DONT_KNOW_CODE, UNANSWERED_CODE],  # one of four: left out
            [DONT_KNOW_CODE] * 4,
        ]
    )
    assert result[:2] == [4.5, 4.5]
    assert np.isnan(result[2]) and np.isnan(result[3])


def test_dont_know_is_counted_but_never_scored() -> None:
    answers = factor_answers(np.array([[DONT_KNOW_CODE, 4, 4, DONT_KNOW_CODE]], dtype=np.int8), FACTOR)
    assert answers.dont_know.tolist() == [2]
    assert answers.count.tolist() == [2]
    assert answers.score.tolist() == [3.0]


def test_every_mean_of_answers_has_its_own_level_in_order() -> None:
    levels = score_levels(3)
    assert levels.values[0] == 1.0 and levels.values[-1] == 5.0
    assert np.all(np.diff(levels.values) > 0)
    assert levels.values[levels.level(np.array([7]), np.array([2]))][0] == 3.5


answer_codes = hnp.arrays(np.int8, st.tuples(st.integers(1, 30), st.just(4)), elements=st.integers(0, 6))


@given(answer_codes)
def test_reverse_coding_is_applied_exactly_once(codes: np.ndarray) -> None:
    """Flipping a reverse item's raw answers and calling it a plain item gives the same scores."""
    flipped = codes.copy()
    on_scale = (codes[:, 2] >= 1) & (codes[:, 2] <= 5)
    flipped[on_scale, 2] = 6 - codes[on_scale, 2]
    plain = FactorItems(
        factor="f", item_ids=FACTOR.item_ids, positions=FACTOR.positions, reverse=(False,) * 4
    )
    np.testing.assert_array_equal(factor_answers(codes, FACTOR).score, factor_answers(flipped, plain).score)


@given(answer_codes)
def test_scores_are_the_mean_of_answered_recoded_items(codes: np.ndarray) -> None:
    values = codes.astype(float)
    values[(codes == 0) | (codes == 6)] = np.nan
    values[:, 2] = 6 - values[:, 2]
    answered = (~np.isnan(values)).sum(axis=1)
    with np.errstate(invalid="ignore"):
        expected = np.where(
            answered >= 2, np.nanmean(np.where(answered[:, None] > 0, values, 0), axis=1), np.nan
        )
    np.testing.assert_allclose(factor_answers(codes, FACTOR).score, expected)
