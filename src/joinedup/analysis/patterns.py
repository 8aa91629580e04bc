"""Counting a factor's answer patterns per group of respondents, in one pass over the respondents.

A factor of k items can be answered in only 7^k ways (each item unanswered, 1-5 or don't know;
343 for the usual three items), while a national analysis has a million respondents. So each
factor counts how many respondents of each (cell, agency, role group) gave each pattern, and
every per-respondent quantity the figures need (score level, whether scored, don't knows, items
answered, recoded values) is worked out once per pattern instead of once per respondent, by the
same `factor_answers` rule. Every count that follows is an exact integer sum of the same
respondents, so the figures are those counted respondent by respondent.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from joinedup.analysis.encoding import ANSWER_CODES
from joinedup.analysis.items import FactorItems
from joinedup.analysis.scores import FactorAnswers, factor_answers

PATTERN_BINS = 1 << 23
"""Largest (group x pattern) table counted at once (64 MB of counts); larger factors count per respondent."""


@dataclass(frozen=True)
class RespondentGroups:
    """Respondents by (cell, agency, role group), the finest grouping any figure needs.

    Groups are numbered in the order of their key (cell, then agency, then role group), so
    the groups of one cell are consecutive and start at `cell_starts`.
    """

    row: np.ndarray
    agency_key: np.ndarray
    role_key: np.ndarray
    cell_starts: np.ndarray
    _bases: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    @property
    def count(self) -> int:
        return len(self.agency_key)

    def base(self, patterns: int) -> np.ndarray:
        """Each respondent's group times `patterns`: the start of its row in a (group, pattern) table."""
        if patterns not in self._bases:
            self._bases[patterns] = self.row * np.int64(patterns)
        return self._bases[patterns]


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
    group_cell = keys // (agencies * roles)
    return RespondentGroups(
        row=row.astype(np.int64),
        agency_key=keys // roles,
        role_key=group_cell * roles + keys % roles,
        cell_starts=np.searchsorted(group_cell, np.arange(cells)),
    )


@dataclass(frozen=True)
class PatternCounts:
    """Respondents per (group, answer pattern), and what each pattern means for the factor.

    Pattern `p` holds answer code `(p // 7**i) % 7` for the factor's item `i`; `scoring` is
    `factor_answers` applied to the patterns themselves, one row per pattern.
    """

    joint: np.ndarray
    codes: np.ndarray
    scoring: FactorAnswers


def count_patterns(
    answers: np.ndarray, factor: FactorItems, groups: RespondentGroups
) -> PatternCounts | None:
    """The factor's pattern counts, or None when the table would exceed `PATTERN_BINS`."""
    patterns = ANSWER_CODES**factor.size
    if groups.count * patterns > PATTERN_BINS:
        return None
    pattern = np.zeros(len(answers), dtype=np.int32)
    for item, position in enumerate(factor.positions):
        pattern += answers[:, position] * np.int32(ANSWER_CODES**item)
    joint = np.bincount(groups.base(patterns) + pattern, minlength=groups.count * patterns)
    codes = (np.arange(patterns)[:, None] // ANSWER_CODES ** np.arange(factor.size)) % ANSWER_CODES
    own_columns = FactorItems(factor.factor, factor.item_ids, tuple(range(factor.size)), factor.reverse)
    return PatternCounts(
        joint=joint.reshape(groups.count, patterns),
        codes=codes.astype(np.int8),
        scoring=factor_answers(codes.astype(np.int8), own_columns),
    )
