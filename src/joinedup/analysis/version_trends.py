"""Factor trends across a change of instrument version: computed only on what compares.

When a partnership's round uses a newer version of the item bank than the round
before, a factor's mean in each round rests on different statements. The crosswalk
between the versions (`joinedup.instrument.versions`) says which statements compare;
the trend is then recomputed on those alone, with the same scoring rule in both rounds
(the mean of the answered comparable statements, at least half of them answered), and
flagged with how many of the factor's statements it rests on. A factor with too few
comparable statements gets no trend, and the result says why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from joinedup.analysis.encoding import EncodedResponses, _answer_codes
from joinedup.analysis.items import FactorItems
from joinedup.analysis.result import Trend
from joinedup.analysis.scores import recode_table
from joinedup.analysis.trends import welch_trends
from joinedup.instrument.bank import InstrumentError
from joinedup.instrument.versions import FactorBridge, load_version_crosswalk


@dataclass(frozen=True)
class Withheld:
    """No factor trend across the change of version, and the reason in words."""

    reason: str


def _label(before: str, after: str) -> str:
    return f"instrument changed from version {before} to version {after}"


def _bridged_moments(
    frame: pd.DataFrame, rows: np.ndarray, columns: list[str], reverse: tuple[bool, ...]
) -> tuple[int, float, float]:
    """Scored respondents, mean and variance of the mean of the answered `columns`."""
    part = frame.iloc[rows]
    total = np.zeros(len(rows), dtype=np.int64)
    count = np.zeros(len(rows), dtype=np.int64)
    for column, flipped in zip(columns, reverse, strict=True):
        recoded = recode_table(flipped)[_answer_codes(part, column)]
        total += recoded
        count += recoded > 0
    scored = (2 * count >= len(columns)) & (count > 0)
    scores = total[scored] / count[scored]
    n = int(scored.sum())
    if n < 2:
        return n, float("nan"), float("nan")
    return n, float(scores.mean()), float(scores.var(ddof=1))


def _bridged_trend(
    frame: pd.DataFrame,
    encoded: EncodedResponses,
    cell: int,
    previous: int,
    factor: FactorItems,
    bridge: FactorBridge,
    label: str,
    min_group: int,
) -> Trend | Withheld:
    share = f"{bridge.comparable} of {bridge.items} statements comparable"
    if not bridge.trend_allowed:
        return Withheld(f"{label}: only {share}, too few for a factor trend")
    reverse_of = dict(zip(factor.item_ids, factor.reverse, strict=True))
    reverse = tuple(reverse_of[new] for _, new in bridge.pairs)
    old_columns = [old for old, _ in bridge.pairs]
    new_columns = [new for _, new in bridge.pairs]
    absent = [column for column in old_columns if column not in frame.columns]
    if absent:
        return Withheld(f"{label}: the earlier answers to {', '.join(absent)} are not in the data")
    n, mean, variance = (
        np.array(values)
        for values in zip(
            _bridged_moments(frame, np.flatnonzero(encoded.cell == previous), old_columns, reverse),
            _bridged_moments(frame, np.flatnonzero(encoded.cell == cell), new_columns, reverse),
            strict=True,
        )
    )
    if n.min() < min_group:
        return Withheld(f"{label}: too few answers to the {share} for a trend")
    trends = welch_trends(
        n.astype(np.float64), mean, variance, np.array([-1, 0]), np.array([False, True])
    )
    low, high = float(trends.low[1]), float(trends.high[1])
    pairs = ", ".join(new if old == new else f"{new} (was {old})" for old, new in bridge.pairs)
    only = "" if bridge.comparable == bridge.items else "only "
    return Trend(
        previous_round=encoded.cells[previous][1],
        change=float(trends.change[1]),
        ci=None if np.isnan(low) or np.isnan(high) else (low, high),
        statistic=None if np.isnan(trends.statistic[1]) else float(trends.statistic[1]),
        df=None if np.isnan(trends.df[1]) else float(trends.df[1]),
        p=None if np.isnan(trends.p[1]) else float(trends.p[1]),
        direction=trends.direction[1],
        comparable_items=bridge.comparable,
        note=f"{label}: {only}{share}; this trend uses {pairs}",
    )


def version_crossings(
    frame: pd.DataFrame,
    encoded: EncodedResponses,
    factors: tuple[FactorItems, ...],
    round_versions: Mapping[str, str],
    min_group: int,
) -> dict[tuple[int, str], Trend | Withheld]:
    """For every (cell, factor) whose round changed version since the previous round,
    the trend computed on comparable statements only, or why there is none."""
    unknown = sorted({r for _, r in encoded.cells} - set(round_versions))
    if unknown:
        raise ValueError(f"round_versions has no instrument version for rounds {unknown}")
    crossings: dict[tuple[int, str], Trend | Withheld] = {}
    for cell, previous in enumerate(encoded.previous_cell.tolist()):
        if previous < 0:
            continue
        before, after = round_versions[encoded.cells[previous][1]], round_versions[encoded.cells[cell][1]]
        if before == after:
            continue
        label = _label(before, after)
        try:
            crosswalk = load_version_crosswalk(before, after)
        except InstrumentError:
            no_crosswalk = Withheld(f"{label}, with no crosswalk between them: no trend")
            for factor in factors:
                crossings[cell, factor.factor] = no_crosswalk
            continue
        for factor in factors:
            crossings[cell, factor.factor] = _bridged_trend(
                frame, encoded, cell, previous, factor, crosswalk.bridge(factor.factor), label, min_group
            )
    return crossings
