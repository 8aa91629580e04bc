"""Counting a factor's answer patterns, so that per-respondent work is done once per pattern.

A factor of k items can be answered in only 7^k ways (each item unanswered, 1-5 or don't know;
343 for the usual three items), while a national analysis has a million respondents. So every
per-respondent quantity the figures need (score level, whether scored, don't knows, items
answered, recoded values) is worked out once per pattern by the same `factor_answers` rule, and
the respondents are only counted: per (cell, pattern) for everything a round's figure needs, and
per (cell, agency, role group, score level) for the breakdowns, two passes over them in all.
Every count is an exact integer sum of the same respondents, so the figures are those worked out
respondent by respondent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from joinedup.analysis.encoding import ANSWER_CODES
from joinedup.analysis.items import FactorItems
from joinedup.analysis.scores import FactorAnswers, factor_answers

PATTERN_BINS = 1 << 22
"""Largest (cell x pattern) table counted at once (32 MB of counts); larger factors count per respondent."""


@dataclass(frozen=True)
class RespondentGroups:
    """Respondents by (cell, agency, role group), the finest grouping any breakdown needs.

    Groups are numbered in the order of their key (cell, then agency, then role group).
    """

    row: np.ndarray
    cell: np.ndarray
    agency_key: np.ndarray
    role_key: np.ndarray
    _starts: dict[tuple[str, int], np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    @property
    def count(self) -> int:
        return len(self.agency_key)

    def start(self, by: str, width: int) -> np.ndarray:
        """Each respondent's cell (`by="cell"`) or group (`by="group"`) times `width`: where its row
        of a (cell or group) x `width` table starts. Kept, since every factor of a size uses it."""
        if (by, width) not in self._starts:
            self._starts[by, width] = (self.cell if by == "cell" else self.row) * np.int64(width)
        return self._starts[by, width]


def respondent_groups(
    cell: np.ndarray, agency_key: np.ndarray, role: np.ndarray, cells: int, agencies: int, roles: int
) -> RespondentGroups:
    """Group respondents by their `agency_key` (cell x agency) and role group, counting not sorting."""
    key = agency_key.astype(np.int64) * roles + role
    span = cells * agencies * roles
    if span <= max(4 * len(key), 1 << 20):
        present = np.bincount(key, minlength=span) > 0
        keys = np.flatnonzero(present)
        row = (np.cumsum(present) - 1)[key]
    else:
        keys, row = np.unique(key, return_inverse=True)
    return RespondentGroups(
        row=row.astype(np.int64),
        cell=cell.astype(np.int64),
        agency_key=keys // roles,
        role_key=keys // (agencies * roles) * roles + keys % roles,
    )


@dataclass(frozen=True)
class PatternCounts:
    """A factor's respondents counted two ways, and what each answer pattern means for the factor.

    `by_cell` counts respondents per (cell, pattern); pattern `p` holds answer code
    `(p // 7**i) % 7` for the factor's item `i`. `by_group` counts scored respondents per
    (respondent group, score level). `scoring` is `factor_answers` applied to the patterns
    themselves, one row per pattern.
    """

    by_cell: np.ndarray
    by_group: np.ndarray
    codes: np.ndarray
    scoring: FactorAnswers


def count_patterns(
    answers: np.ndarray, factor: FactorItems, groups: RespondentGroups, cells: int
) -> PatternCounts | None:
    """The factor's pattern counts, or None when the cell table would exceed `PATTERN_BINS`."""
    patterns = ANSWER_CODES**factor.size
    if cells * patterns > PATTERN_BINS:
        return None
    codes = ((np.arange(patterns)[:, None] // ANSWER_CODES ** np.arange(factor.size)) % ANSWER_CODES).astype(
        np.int8
    )
    scoring = factor_answers(
        codes, FactorItems(factor.factor, factor.item_ids, tuple(range(factor.size)), factor.reverse)
    )
    width = len(scoring.levels.values)
    pattern = np.zeros(len(answers), dtype=np.int64)
    for item, position in enumerate(factor.positions):
        pattern += answers[:, position] * np.int64(ANSWER_CODES**item)
    by_cell = np.bincount(groups.start("cell", patterns) + pattern, minlength=cells * patterns)
    level = np.where(scoring.scored, scoring.level, width)[pattern]
    by_group = np.bincount(groups.start("group", width + 1) + level, minlength=groups.count * (width + 1))
    return PatternCounts(
        by_cell=by_cell.reshape(cells, patterns),
        by_group=by_group.reshape(groups.count, width + 1)[:, :width],
        codes=codes,
        scoring=scoring,
    )
