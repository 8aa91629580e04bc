"""Counting per group for every group at once.

Group keys are combined integer codes (cell, or cell x agency, and so on), so a
single `np.bincount` counts every partnership, round and agency in one compiled
pass; means and variances of scores then follow from counts of score levels.
"""

from __future__ import annotations

import numpy as np


def tally(keys: np.ndarray, include: np.ndarray, groups: int) -> np.ndarray:
    """How many included rows carry each key 0..groups-1."""
    return np.bincount(np.where(include, keys, groups), minlength=groups + 1)[:groups]


def level_moments(counts: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count, mean and sample variance from counts of each value (values on the last axis).

    Undefined figures (no respondent, or one for the variance) are NaN.
    """
    counts = counts.astype(np.float64)
    n = counts.sum(axis=-1)
    first = counts @ values
    second = counts @ (values * values)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, first / n, np.nan)
        variance = np.where(n > 1, np.maximum(second - n * mean * mean, 0.0) / (n - 1), np.nan)
    return n.astype(np.int64), mean, variance
