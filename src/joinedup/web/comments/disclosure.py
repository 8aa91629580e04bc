"""Whose comments may be shown for a round, by the same rule as every other figure.

One rule: comments are quoted or listed only from the agencies the round's published
analysis shows, i.e. not hidden by primary or secondary suppression (the hidden set comes
from the very analysis the round page and report publish, so the two can never disagree).
Nothing is shown while the round is open: a coordinator reloading the page could otherwise
match a new comment to the person who had just answered.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from joinedup.analysis.row_disclosure import hidden_in_analysis
from joinedup.web.partnerships.models import Round, RoundStatus


@dataclass(frozen=True)
class RoundGroups:
    """Respondents per agency in one round, and which agencies may have their comments shown."""

    sizes: dict[str, int]
    listable: frozenset[str]
    min_group: int
    closed: bool

    @property
    def total(self) -> int:
        return sum(self.sizes.values())

    @property
    def enough_responses(self) -> bool:
        return self.total >= self.min_group

    @property
    def reportable(self) -> bool:
        """Comments are shown only for a closed round with at least the minimum of respondents."""
        return self.closed and self.enough_responses


def round_groups(a_round: Round) -> RoundGroups:
    """Every agency the analysis lists for the round is listed (`counted_agencies`), even one with
    no response, so a zero is no clue and the comments pages list the agencies the figures do."""
    from joinedup.web.reporting.services import analysis_min_group, counted_agencies, round_analysis

    sizes = dict.fromkeys(counted_agencies(a_round), 0)
    sizes.update(
        a_round.responses.values("agency__name").annotate(n=Count("pk")).values_list("agency__name", "n")
    )
    groups = RoundGroups(
        sizes=dict(sorted(sizes.items())),
        listable=frozenset(),
        min_group=analysis_min_group(a_round),
        closed=a_round.status == RoundStatus.CLOSED,
    )
    if not groups.reportable:
        return groups
    result = round_analysis(a_round).find(a_round.partnership.name, a_round.name)
    hidden, _ = hidden_in_analysis(result)
    shown = frozenset(name for name, size in sizes.items() if size and name not in hidden)
    return RoundGroups(sizes=groups.sizes, listable=shown, min_group=groups.min_group, closed=groups.closed)
