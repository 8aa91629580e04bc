"""Respondent factor scores: the one place where reverse-worded items are recoded.

A respondent's score on a factor is the mean of their answered items, after
recoding negatively worded items (6 - answer). "Don't know" is not an answer on
the scale, and someone who answered fewer than half of a factor's items is left
out of that factor, so that one answer cannot stand for a whole factor.

Scores are kept as (item total, items answered) pairs: a mean of a few 1-5
answers takes only a few dozen distinct values, so each score is also given the
rank of its value ("level"), which lets every later statistic count instead of sort.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from joinedup.analysis.encoding import DONT_KNOW_CODE
from joinedup.analysis.items import FactorItems
from joinedup.instrument.responses import SCALE_MAX

_AS_GIVEN = np.array([0, 1, 2, 3, 4, 5, 0], dtype=np.int8)
_REVERSED = np.array([0, 5, 4, 3, 2, 1, 0], dtype=np.int8)


def recode_table(reverse: bool) -> np.ndarray:
    """Answer code to scale value (0 where there is no scale answer)."""
    return _REVERSED if reverse else _AS_GIVEN


@dataclass(frozen=True)
class ScoreLevels:
    """Every value a mean of up to `items` answers can take, in increasing order."""

    lookup: np.ndarray
    values: np.ndarray
    stride: int

    def level(self, total: np.ndarray, count: np.ndarray) -> np.ndarray:
        """The rank of total/count among `values` (0 where nothing was answered)."""
        return self.lookup[total.astype(np.int64) * self.stride + count]


def score_levels(items: int) -> ScoreLevels:
    """The distinct values of total/count for 1..`items` answers on the scale."""
    stride = items + 1
    pairs = [(total, count) for count in range(1, items + 1) for total in range(count, SCALE_MAX * count + 1)]
    distinct = sorted({Fraction(total, count) for total, count in pairs})
    position = {value: index for index, value in enumerate(distinct)}
    lookup = np.zeros((SCALE_MAX * items + 1) * stride, dtype=np.int64)
    for total, count in pairs:
        lookup[total * stride + count] = position[Fraction(total, count)]
    return ScoreLevels(lookup=lookup, values=np.array([float(value) for value in distinct]), stride=stride)


@dataclass(frozen=True)
class FactorAnswers:
    """One factor's recoded answers for every respondent and what the statistics need from them."""

    values: np.ndarray
    dont_know: np.ndarray
    total: np.ndarray
    count: np.ndarray
    scored: np.ndarray
    level: np.ndarray
    levels: ScoreLevels

    @property
    def score(self) -> np.ndarray:
        """Respondent scores as floats, NaN for respondents left out of the factor."""
        return np.where(self.scored, self.levels.values[self.level], np.nan)


def factor_answers(answers: np.ndarray, factor: FactorItems) -> FactorAnswers:
    """Recode once and derive each respondent's score with the half-the-items rule."""
    size = len(answers)
    values = np.empty((size, factor.size), dtype=np.int8)
    dont_know = np.zeros(size, dtype=np.int8)
    total = np.zeros(size, dtype=np.int16)
    count = np.zeros(size, dtype=np.int8)
    for column, (position, reverse) in enumerate(zip(factor.positions, factor.reverse, strict=True)):
        codes = answers[:, position]
        recoded = recode_table(reverse)[codes]
        values[:, column] = recoded
        dont_know += codes == DONT_KNOW_CODE
        total += recoded
        count += recoded > 0
    scored = (2 * count.astype(np.int16) >= factor.size) & (count > 0)
    levels = score_levels(factor.size)
    return FactorAnswers(
        values=values,
        dont_know=dont_know,
        total=total,
        count=count,
        scored=scored,
        level=levels.level(total, count),
        levels=levels,
    )
