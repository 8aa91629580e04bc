"""Round-to-round change: Welch's t-test and interval, checked against scipy."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from joinedup.analysis.trends import welch_trends


def summaries(*samples: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (
        np.array([len(s) for s in samples], dtype=float),
        np.array([s.mean() for s in samples]),
        np.array([s.var(ddof=1) for s in samples]),
    )


@settings(max_examples=50, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    before=st.integers(3, 80),
    after=st.integers(3, 80),
    shift=st.floats(-1, 1),
)
def test_change_test_and_interval_match_scipy_welch(seed: int, before: int, after: int, shift: float) -> None:
    rng = np.random.default_rng(seed)
    first, second = rng.normal(3, 0.8, before), rng.normal(3 + shift, 0.6, after)
    n, mean, variance = summaries(first, second)
    trend = welch_trends(n, mean, variance, np.array([-1, 0]), np.array([False, True]))
    expected = stats.ttest_ind(second, first, equal_var=False)
    interval = expected.confidence_interval(0.95)
    assert trend.change[1] == pytest.approx(second.mean() - first.mean())
    assert trend.statistic[1] == pytest.approx(expected.statistic)
    assert trend.p[1] == pytest.approx(expected.pvalue)
    assert (trend.low[1], trend.high[1]) == pytest.approx((interval.low, interval.high))
    assert np.isnan(trend.change[0])


def test_direction_needs_an_interval_that_excludes_zero(rng: np.random.Generator) -> None:
    base = rng.normal(3, 0.5, 200)
    n, mean, variance = summaries(base, base + 0.5, base + 0.52, base - 0.4)
    trend = welch_trends(n, mean, variance, np.array([-1, 0, 1, 2]), np.array([False, True, True, True]))
    assert trend.direction.tolist() == ["no clear change", "improved", "no clear change", "declined"]
