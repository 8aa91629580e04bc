"""What people said, per factor, without exposing anyone.

The report and dashboard show, for each factor, how many comments were about it and
a few representative ones. A comment is quoted only when its agency had at least the
minimum number of respondents, and only after scrubbing; comments from smaller
groups still count towards the factor's total, which is never broken down by group,
so nothing about a small group can be read or worked out from the summary.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.responses import MIN_GROUP_SIZE
from joinedup.tagging.scrubbing import scrub

NEAR_DUPLICATE = 0.6
"""Word-set overlap (Jaccard) above which a candidate quote adds nothing new."""


@dataclass(frozen=True)
class CommentRecord:
    """A tagged comment with its respondent's agency and how many responded from that agency."""

    text: str
    agency: str
    group_size: int
    factors: Sequence[str]
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class FactorComments:
    """A factor's comment count (all groups) and its quotable, scrubbed examples."""

    factor: str
    count: int
    examples: list[str]


def summarise(
    comments: Sequence[CommentRecord],
    *,
    min_group: int = MIN_GROUP_SIZE,
    per_factor: int = 3,
    names: Collection[str] = (),
    agencies: Collection[str] = (),
    hidden: Collection[str] = (),
) -> dict[str, FactorComments]:
    """Count tagged comments per factor and pick up to `per_factor` quotes for each.

    Quotes are the highest-scoring comments from groups of at least `min_group` that are
    not `hidden` (the agencies the published analysis hides, by primary or secondary
    suppression: a quote would speak for a group no figure may show), skipping
    near-duplicates and, until every agency has had a turn, agencies already
    quoted. Every agency named in the comments is scrubbed from every quote, along with
    the extra `names` and `agencies` (abbreviations, say) the caller knows of.
    """
    if min_group < MIN_GROUP_SIZE:
        raise ValueError(f"min_group is {min_group}; it may be raised but never set below {MIN_GROUP_SIZE}")
    if per_factor < 0:
        raise ValueError(f"per_factor is {per_factor}; it must be zero or more")
    unknown = sorted({factor for comment in comments for factor in comment.factors} - set(FACTOR_IDS))
    if unknown:
        raise ValueError(f"comments are tagged with unknown factor ids {unknown}")
    known_agencies = {comment.agency for comment in comments if comment.agency.strip()} | set(agencies)
    summary = {}
    for factor in FACTOR_IDS:
        tagged = [comment for comment in comments if factor in comment.factors]
        quotable = [
            comment
            for comment in tagged
            if comment.group_size >= min_group and comment.agency not in hidden and comment.text.strip()
        ]
        ranked = sorted(quotable, key=lambda comment: -comment.scores.get(factor, 0.0))
        chosen = _diverse_choice(ranked, per_factor)
        summary[factor] = FactorComments(
            factor=factor,
            count=len(tagged),
            examples=[scrub(comment.text, names=names, agencies=known_agencies) for comment in chosen],
        )
    return summary


def _diverse_choice(ranked: Sequence[CommentRecord], limit: int) -> list[CommentRecord]:
    """Best first, one per agency while other agencies remain, never two near-duplicates."""
    chosen: list[CommentRecord] = []
    for one_per_agency in (True, False):
        for candidate in ranked:
            if len(chosen) >= limit:
                return chosen
            if candidate in chosen:
                continue
            if one_per_agency and any(candidate.agency == quote.agency for quote in chosen):
                continue
            if any(_overlap(candidate.text, quote.text) > NEAR_DUPLICATE for quote in chosen):
                continue
            chosen.append(candidate)
    return chosen


def _overlap(first: str, second: str) -> float:
    first_words = set(re.findall(r"\w+", first.casefold()))
    second_words = set(re.findall(r"\w+", second.casefold()))
    if not first_words or not second_words:
        return 0.0
    return len(first_words & second_words) / len(first_words | second_words)
