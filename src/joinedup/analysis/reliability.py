"""Internal consistency of each factor's items: Cronbach's alpha, its Feldt interval,
item-rest correlations and alpha if an item were deleted.

Computed on complete cases (respondents who answered every item of the factor on
the scale). Everything alpha needs is in each group's item sums and item cross
products, and those follow from counting answer patterns: with k items on a
five-point scale there are only 5^k patterns, so one count per (group, pattern)
serves every partnership and round at once. Where patterns would be too many,
pairs of items are counted instead. An item whose removal would raise alpha is
flagged: it may not measure what its siblings measure.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from joinedup.analysis.grouping import tally
from joinedup.analysis.tails import f_isf
from joinedup.instrument.responses import SCALE_MAX

CONFIDENCE = 0.95
PATTERN_BINS_LIMIT = 1 << 22
_RADIX = SCALE_MAX + 1


@dataclass(frozen=True)
class ItemMoments:
    """Per group: complete cases `n`, item sums (group x item), cross products (group x item x item)."""

    n: np.ndarray
    sums: np.ndarray
    cross: np.ndarray


@dataclass(frozen=True)
class Reliability:
    """Per group: complete cases `n`, `alpha` with `low`/`high`, and per item (group x item) arrays."""

    n: np.ndarray
    alpha: np.ndarray
    low: np.ndarray
    high: np.ndarray
    item_rest: np.ndarray
    alpha_if_deleted: np.ndarray


def item_moments(
    values: np.ndarray,
    complete: np.ndarray,
    group: np.ndarray,
    groups: int,
    pattern_limit: int = PATTERN_BINS_LIMIT,
) -> ItemMoments:
    """Sums and cross products of recoded item values (1-5) per group, complete cases only."""
    items = values.shape[1]
    patterns = _RADIX**items
    key_base = group.astype(np.int64)
    if groups * patterns <= pattern_limit:
        key = key_base * patterns
        for column in range(items):
            key += values[:, column].astype(np.int64) * _RADIX**column
        return pattern_moments(tally(key, complete, groups * patterns).reshape(groups, patterns), items)
    pair_values = np.outer(np.arange(_RADIX), np.arange(_RADIX)).ravel().astype(np.float64)
    value_of = np.repeat(np.arange(_RADIX), _RADIX).astype(np.float64)
    cross = np.empty((groups, items, items))
    sums = np.empty((groups, items))
    n = np.zeros(groups)
    for first in range(items):
        for second in range(first, items):
            key = (key_base * _RADIX + values[:, first]) * _RADIX + values[:, second]
            counts = tally(key, complete, groups * _RADIX * _RADIX).reshape(groups, -1).astype(np.float64)
            cross[:, first, second] = cross[:, second, first] = counts @ pair_values
            if first == second:
                sums[:, first] = counts @ value_of
                n = counts.sum(axis=1)
    return ItemMoments(n=n, sums=sums, cross=cross)


def pattern_moments(counts: np.ndarray, items: int) -> ItemMoments:
    """The moments from complete cases counted per (group, pattern of recoded values).

    Pattern `p` holds value `(p // 6**i) % 6` for item `i`, as `item_moments` counts them; a
    caller that has counted patterns some other way gets the same figures from the same counts.
    """
    counts = counts.astype(np.float64)
    digits = np.array(list(itertools.product(range(_RADIX), repeat=items)), dtype=np.float64)[:, ::-1]
    return ItemMoments(
        n=counts.sum(axis=1),
        sums=counts @ digits,
        cross=np.einsum("gp,pi,pj->gij", counts, digits, digits),
    )


def reliability_from_moments(moments: ItemMoments) -> Reliability:
    """Alpha, its Feldt interval and the item statistics, per group."""
    n, item_sum, cross = moments.n, moments.sums, moments.cross
    k = item_sum.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        scale = np.where(n > 1, 1.0 / (n - 1), np.nan)
        covariance = (cross - item_sum[:, :, None] * item_sum[:, None, :] / n[:, None, None]) * scale[
            :, None, None
        ]
        item_var = np.diagonal(covariance, axis1=1, axis2=2)
        total_var = covariance.sum(axis=(1, 2))
        item_total_cov = covariance.sum(axis=2)
        variance_sum = item_var.sum(axis=1)
        # One statement has no alpha (k / (k - 1) is undefined); k is a Python int, so guard it here.
        spread = k / (k - 1) if k > 1 else np.nan
        alpha = np.where(total_var > 0, spread * (1 - variance_sum / total_var), np.nan)
        rest_var = total_var[:, None] - 2 * item_total_cov + item_var
        usable = (item_var > 0) & (rest_var > 0)
        item_rest = np.where(usable, (item_total_cov - item_var) / np.sqrt(item_var * rest_var), np.nan)
        if k > 2:
            deleted = (k - 1) / (k - 2) * (1 - (variance_sum[:, None] - item_var) / rest_var)
            alpha_if_deleted = np.where(rest_var > 0, deleted, np.nan)
        else:
            alpha_if_deleted = np.full_like(item_var, np.nan)
        d1 = n - 1
        d2 = d1 * (k - 1)
        low = 1 - (1 - alpha) * f_isf((1 - CONFIDENCE) / 2, d1, d2)
        high = 1 - (1 - alpha) * f_isf(1 - (1 - CONFIDENCE) / 2, d1, d2)
    return Reliability(
        n=n.astype(np.int64),
        alpha=alpha,
        low=low,
        high=high,
        item_rest=item_rest,
        alpha_if_deleted=alpha_if_deleted,
    )
