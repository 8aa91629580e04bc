"""Change in a factor mean between consecutive rounds of the same partnership.

Answers are anonymous, so a round cannot be matched person by person with the
one before: the rounds are compared as independent samples with Welch's t-test,
which does not assume equal spread or equal size. A change counts as "improved"
or "declined" only when its 95% interval excludes zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from joinedup.analysis.tails import t_ppf, t_sf

SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class Trends:
    """Per group of respondents, against `previous` (the same factor one round earlier)."""

    change: np.ndarray
    low: np.ndarray
    high: np.ndarray
    statistic: np.ndarray
    df: np.ndarray
    p: np.ndarray
    direction: np.ndarray


def welch_trends(
    n: np.ndarray, mean: np.ndarray, variance: np.ndarray, previous: np.ndarray, comparable: np.ndarray
) -> Trends:
    """Welch comparisons of each entry with entry `previous[i]` where `comparable[i]`."""
    before = np.where(previous >= 0, previous, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share_now = variance / n
        share_before = variance[before] / n[before]
        se = np.sqrt(share_now + share_before)
        df = (share_now + share_before) ** 2 / (share_now**2 / (n - 1) + share_before**2 / (n[before] - 1))
        change = np.where(comparable, mean - mean[before], np.nan)
        usable = comparable & (se > 0)
        statistic = np.where(usable, change / se, np.nan)
        df = np.where(usable, df, np.nan)
        p = 2 * t_sf(np.abs(statistic), df)
        half = t_ppf(1 - SIGNIFICANCE / 2, df) * se
    direction = np.full(len(n), "no clear change", dtype=object)
    direction[(p < SIGNIFICANCE) & (change > 0)] = "improved"
    direction[(p < SIGNIFICANCE) & (change < 0)] = "declined"
    return Trends(
        change=change,
        low=change - half,
        high=change + half,
        statistic=statistic,
        df=df,
        p=p,
        direction=direction,
    )
