"""Cronbach's alpha and item statistics, checked against pingouin and pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pingouin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.analysis.reliability import item_moments, reliability_from_moments


def correlated_answers(rng: np.random.Generator, size: int, items: int) -> np.ndarray:
    latent = rng.normal(3, 1, size)[:, None]
    return np.clip(np.rint(latent + rng.normal(0, 0.8, (size, items))), 1, 5).astype(np.int8)


def one_group(values: np.ndarray, pattern_limit: int = 1 << 22):
    complete = (values > 0).all(axis=1)
    moments = item_moments(values, complete, np.zeros(len(values), dtype=np.int32), 1, pattern_limit)
    return reliability_from_moments(moments)


def test_hand_worked_alpha() -> None:
    values = np.array([[1, 2, 2], [2, 2, 3], [3, 4, 3], [4, 4, 5], [5, 5, 4]], dtype=np.int8)
    item_variances = values.var(axis=0, ddof=1).sum()  # 2.5 + 1.8 + 1.3
    total_variance = values.sum(axis=1).var(ddof=1)  # totals 5, 7, 10, 13, 14: 14.7
    expected = 3 / 2 * (1 - item_variances / total_variance)
    assert one_group(values).alpha[0] == pytest.approx(expected)
    assert expected == pytest.approx(1.5 * (1 - 5.6 / 14.7))


@pytest.mark.parametrize("items", [2, 3, 5])
def test_alpha_and_its_feldt_interval_match_pingouin(rng: np.random.Generator, items: int) -> None:
    """Complete cases are given to pingouin, whose interval counts dropped rows in its degrees of freedom."""
    values = correlated_answers(rng, 150, items)
    values[rng.random(values.shape) < 0.05] = 0
    result = one_group(values)
    frame = pd.DataFrame(np.where(values > 0, values, np.nan)).dropna()
    alpha, (low, high) = pingouin.cronbach_alpha(frame)
    assert result.alpha[0] == pytest.approx(alpha, abs=1e-9)
    assert (result.low[0], result.high[0]) == pytest.approx((low, high), abs=1e-3)
    assert result.n[0] == len(frame)


def test_item_rest_correlations_and_alpha_if_deleted_match_direct_computation(
    rng: np.random.Generator,
) -> None:
    values = correlated_answers(rng, 200, 4)
    values[:, 3] = rng.integers(1, 6, 200)  # an item unrelated to the rest
    result = one_group(values)
    frame = pd.DataFrame(values.astype(float))
    for item in range(4):
        rest = frame.drop(columns=item).sum(axis=1)
        assert result.item_rest[0, item] == pytest.approx(frame[item].corr(rest))
        assert result.alpha_if_deleted[0, item] == pytest.approx(
            pingouin.cronbach_alpha(frame.drop(columns=item))[0]
        )
    assert result.alpha_if_deleted[0, 3] > result.alpha[0], "the unrelated item lowers alpha"


def test_counting_patterns_and_counting_pairs_agree(rng: np.random.Generator) -> None:
    values = correlated_answers(rng, 300, 4)
    groups = rng.integers(0, 3, 300).astype(np.int32)
    complete = rng.random(300) < 0.9
    by_patterns = item_moments(values, complete, groups, 3)
    by_pairs = item_moments(values, complete, groups, 3, pattern_limit=0)
    np.testing.assert_allclose(by_patterns.n, by_pairs.n)
    np.testing.assert_allclose(by_patterns.sums, by_pairs.sums)
    np.testing.assert_allclose(by_patterns.cross, by_pairs.cross)


def test_groups_are_computed_independently(rng: np.random.Generator) -> None:
    first, second = correlated_answers(rng, 80, 3), correlated_answers(rng, 60, 3)
    together = np.vstack([first, second])
    groups = np.r_[np.zeros(80), np.ones(60)].astype(np.int32)
    moments = item_moments(together, np.ones(140, dtype=bool), groups, 2)
    alphas = reliability_from_moments(moments).alpha
    assert alphas[0] == pytest.approx(one_group(first).alpha[0])
    assert alphas[1] == pytest.approx(one_group(second).alpha[0])


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), size=st.integers(5, 60))
def test_alpha_does_not_depend_on_respondent_order(seed: int, size: int) -> None:
    rng = np.random.default_rng(seed)
    values = correlated_answers(rng, size, 3)
    shuffled = values[rng.permutation(size)]
    original, reordered = one_group(values), one_group(shuffled)
    np.testing.assert_allclose(original.alpha, reordered.alpha, equal_nan=True)
    np.testing.assert_allclose(original.item_rest, reordered.item_rest, equal_nan=True)


def test_a_single_statement_has_no_alpha_instead_of_a_crash() -> None:
    """k / (k - 1) with one statement divided a Python int by zero and stopped the analysis."""
    values = np.array([[1], [2], [3], [4], [5], [4]], dtype=np.int8)
    result = one_group(values)
    assert np.isnan(result.alpha[0])
    assert np.isnan(result.low[0]) and np.isnan(result.high[0])
    assert result.n[0] == 6
