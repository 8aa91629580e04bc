"""Kruskal-Wallis from level counts, checked against scipy; Dunn pairs against scikit-posthocs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scikit_posthocs
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.multitest import multipletests

from joinedup.analysis.divergence import consensus_level, holm, kruskal_wallis
from joinedup.analysis.scores import score_levels

LEVELS = score_levels(3)


def level_counts(samples: list[np.ndarray]) -> np.ndarray:
    """Counts shaped (1 group, agencies, levels) from each agency's scores (multiples of 1/6 from 1 to 5)."""
    index = {value: position for position, value in enumerate(np.round(LEVELS.values, 9))}
    counts = np.zeros((1, len(samples), len(LEVELS.values)), dtype=np.int64)
    for agency, sample in enumerate(samples):
        for value in np.round(sample, 9):
            counts[0, agency, index[value]] += 1
    return counts


def scores(rng: np.random.Generator, size: int, shift: float = 0.0) -> np.ndarray:
    totals = np.clip(np.rint(rng.normal(10 + 3 * shift, 2.5, size)), 3, 15)
    return totals / 3


def test_hand_worked_kruskal_wallis() -> None:
    """Ranks 1-6 without ties: agency A holds 1, 2, 3 and B holds 4, 5, 6."""
    result = kruskal_wallis(
        level_counts([np.array([1, 2, 3.0]), np.array([4, 5, 4 + 2 / 3])]), np.ones((1, 2), bool)
    )
    expected = 12 / (6 * 7) * (6**2 / 3 + 15**2 / 3) - 3 * 7
    assert result.statistic[0] == pytest.approx(expected)
    assert result.df[0] == 1
    assert result.effect[0] == pytest.approx(expected / 5)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), agencies=st.integers(2, 5), size=st.integers(3, 40))
def test_statistic_and_p_match_scipy_kruskal(seed: int, agencies: int, size: int) -> None:
    rng = np.random.default_rng(seed)
    samples = [scores(rng, size + a, shift=0.3 * a) for a in range(agencies)]
    result = kruskal_wallis(level_counts(samples), np.ones((1, agencies), bool))
    if len(np.unique(np.concatenate(samples))) == 1:
        assert np.isnan(result.statistic[0])
        return
    expected = stats.kruskal(*samples)
    assert result.statistic[0] == pytest.approx(expected.statistic)
    assert result.p[0] == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-300)


def test_agencies_not_taking_part_are_left_out_of_the_ranking(rng: np.random.Generator) -> None:
    samples = [scores(rng, 30), scores(rng, 30, 0.5), scores(rng, 4, -1)]
    result = kruskal_wallis(level_counts(samples), np.array([[True, True, False]]))
    assert result.statistic[0] == pytest.approx(stats.kruskal(samples[0], samples[1]).statistic)
    assert result.df[0] == 1


def test_one_agency_is_not_a_comparison(rng: np.random.Generator) -> None:
    result = kruskal_wallis(level_counts([scores(rng, 30), scores(rng, 30)]), np.array([[True, False]]))
    assert np.isnan(result.statistic[0]) and np.isnan(result.p[0])


def test_dunn_pairs_match_scikit_posthocs_with_holm(rng: np.random.Generator) -> None:
    samples = [scores(rng, 40), scores(rng, 35, 0.6), scores(rng, 50, 1.2), scores(rng, 20, 0.1)]
    result = kruskal_wallis(level_counts(samples), np.ones((1, 4), bool))
    frame = pd.DataFrame(
        {"score": np.concatenate(samples), "agency": np.repeat(np.arange(4), [len(s) for s in samples])}
    )
    expected = scikit_posthocs.posthoc_dunn(frame, val_col="score", group_col="agency", p_adjust="holm")
    for index, (first, second) in enumerate(zip(result.pair_first, result.pair_second, strict=True)):
        assert result.pair_p_adjusted[0, index] == pytest.approx(expected.loc[first, second], rel=1e-9)


def test_holm_matches_statsmodels_and_skips_missing_comparisons(rng: np.random.Generator) -> None:
    p_values = rng.uniform(0, 0.2, 6)
    with_gaps = np.r_[p_values[:3], np.nan, p_values[3:]]
    adjusted = holm(with_gaps[None, :])[0]
    expected = multipletests(p_values, method="holm")[1]
    np.testing.assert_allclose(np.r_[adjusted[:3], adjusted[4:]], expected)
    assert np.isnan(adjusted[3])


@pytest.mark.parametrize(
    ("sd", "level"),
    [(0.4, "consensus"), (1.0, "some disagreement"), (1.5, "some disagreement"), (1.6, "high disagreement")],
)
def test_consensus_levels(sd: float, level: str) -> None:
    assert consensus_level(sd) == level
