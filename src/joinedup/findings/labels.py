"""Labels that claim only what a factor's 95% interval supports, and the summary's rule for naming
the strongest and weakest factors.

A mean of 2.99 from 15 people is not evidence that a factor is lacking when its interval runs from
2.56 to 3.42: the label follows the whole interval, never the mean alone. The rules and the reasons
for them are in `docs/findings.md`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from joinedup.analysis.result import FactorResult

CONCERN_BELOW = 3.0
STRENGTH_FROM = 4.0

Label = Literal["concern", "borderline", "strength", "unclear"]
"""`concern`: the whole interval lies below `CONCERN_BELOW`. `strength`: the whole interval lies at
or above `STRENGTH_FROM`. `borderline`: the whole interval lies between the two, so the data do
settle where the factor stands. `unclear`: the interval crosses a threshold (or there is none), so
more answers would tell."""

SUMMARY_SIZE = 3


def interval(factor: FactorResult) -> tuple[float, float] | None:
    """The factor's 95% interval; None when it has fewer than two scores (no interval exists)."""
    if factor.mean is None or factor.ci is None:
        return None
    return (float(factor.ci[0]), float(factor.ci[1]))


def factor_label(
    factor: FactorResult, *, concern_below: float = CONCERN_BELOW, strength_from: float = STRENGTH_FROM
) -> Label | None:
    """The label the factor's interval supports; None when the factor has no published mean."""
    if factor.suppressed or factor.mean is None:
        return None
    bounds = interval(factor)
    if bounds is None:
        return "unclear"
    low, high = bounds
    if high < concern_below:
        return "concern"
    if low >= strength_from:
        return "strength"
    if low >= concern_below and high < strength_from:
        return "borderline"
    return "unclear"


def bounds_words(bounds: tuple[float, float]) -> str:
    """An interval's bounds in words, to two decimals wherever a label rests on them: at one decimal
    a concern whose interval ends at 2.99 reads "between 2.8 and 3.0", as if it touched 3."""
    low, high = bounds
    return f"between {low:.2f} and {high:.2f}"


def interval_words(factor: FactorResult) -> str:
    """The interval in plain words, with what it means for the label."""
    bounds = interval(factor)
    if bounds is None:
        return "too few answers to give a range"
    return bounds_words(bounds) + (": more answers would tell" if factor_label(factor) == "unclear" else "")


def label_words(factor: FactorResult) -> str:
    """The label and the interval in one phrase, e.g. "unclear: between 2.56 and 3.42: more answers
    would tell"."""
    label = factor_label(factor)
    return "" if label is None else f"{label}: {interval_words(factor)}"


@dataclass(frozen=True)
class Extremes:
    """The factors the summary may name as strongest and weakest.

    `separable` is True when both lists have a factor. When it is False the highest- and
    lowest-scoring factors' intervals overlap, and the summary names no factor and says the data
    cannot yet tell the factors apart.
    """

    strongest: tuple[FactorResult, ...]
    weakest: tuple[FactorResult, ...]
    separable: bool


def extremes(factors: Sequence[FactorResult], size: int = SUMMARY_SIZE) -> Extremes:
    """Strongest and weakest factors, named only where their intervals do not overlap.

    The rule is pairwise: a factor is named among the strongest only if its whole interval lies
    above the whole interval of the lowest-scoring factor, and among the weakest only if its whole
    interval lies below that of the highest-scoring factor. Where several factors share the lowest
    (or highest) mean, a factor must clear every one of them: which of two tied factors counts as
    "the lowest" is arbitrary, and a summary must not name a factor as stronger than one whose
    interval it overlaps. Non-overlapping 95% intervals are a conservative test of a difference
    (roughly p < 0.01 for two equal-width intervals), which suits a summary that a board will read
    as settled. Up to `size` of each, by mean.
    """
    bounds = {
        factor.id: bound
        for factor in factors
        if factor.mean is not None and (bound := interval(factor)) is not None
    }
    shown = [factor for factor in factors if factor.id in bounds]
    if len(shown) < 2:
        return Extremes((), (), False)
    by_mean = sorted(shown, key=lambda factor: (-(factor.mean or 0.0), factor.id))
    highest, lowest = by_mean[0].mean, by_mean[-1].mean
    top_low = min(bounds[factor.id][0] for factor in shown if factor.mean == highest)
    bottom_high = max(bounds[factor.id][1] for factor in shown if factor.mean == lowest)
    strongest = tuple(factor for factor in by_mean if bounds[factor.id][0] > bottom_high)[:size]
    weakest = tuple(factor for factor in reversed(by_mean) if bounds[factor.id][1] < top_low)[:size]
    return Extremes(strongest, weakest, bool(strongest and weakest))
