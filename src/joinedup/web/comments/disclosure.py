"""Whose comments may be shown for a round, by the same rule as every other figure.

Quotes come only from agencies with at least the round's minimum number of respondents.
The full list of comments a coordinator checks tags in is stricter: it also leaves out the
agencies that secondary suppression hides on the round page, because a complete list set
against a factor's total would otherwise give away how many comments a small group made.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Count

from joinedup.analysis.disclosure import suppress_small_groups
from joinedup.web.partnerships.models import Round


@dataclass(frozen=True)
class RoundGroups:
    """Respondents per agency in one round, and which agencies may have their comments listed."""

    sizes: dict[str, int]
    listable: frozenset[str]
    min_group: int

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def reportable(self) -> bool:
        """A round with fewer respondents than the minimum shows no comment figure at all."""
        return self.total >= self.min_group


def round_groups(a_round: Round) -> RoundGroups:
    """Every agency of the partnership is listed, even one with no response, so a zero is no clue."""
    sizes = dict.fromkeys(a_round.partnership.agencies.values_list("name", flat=True), 0)
    sizes.update(
        a_round.responses.values("agency__name").annotate(n=Count("pk")).values_list("agency__name", "n")
    )
    names = sorted(sizes)
    counts = np.array([sizes[name] for name in names], dtype=np.int64)
    hidden = suppress_small_groups(counts, np.ones(len(names), dtype=bool), a_round.min_group_size)
    listable = frozenset(name for name, is_hidden in zip(names, hidden, strict=True) if not is_hidden)
    return RoundGroups(
        sizes={name: sizes[name] for name in names}, listable=listable, min_group=a_round.min_group_size
    )
