"""The evidence rating of a factor, computed from its claims so that nobody types a rating by hand.

The rule borrows from three published schemes (see docs/evidence.md):
counting distinct works, as EEF padlocks do; a majority rule for consistency, as the
What Works for Children's Social Care evidence store does, with explicit "inconclusive"
and "gap" categories, as EIF and evidence-and-gap maps keep; and a stored explanation of
every judgement, as GRADE-CERQual requires. It rates how well supported a factor is in
the reviewed literature, not how much the factor matters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from joinedup.evidence.models import Basis, Claim, Consistency, Direction, Kind, Rating, RatingLevel, Work

STRONG_MIN_WORKS = 4
STRONG_MIN_SPECIFIC_WORKS = 2
MODERATE_MIN_WORKS = 2

LEVEL_LABELS: dict[RatingLevel, str] = {
    RatingLevel.STRONG: "Strong",
    RatingLevel.MODERATE: "Moderate",
    RatingLevel.LIMITED: "Limited",
    RatingLevel.INCONCLUSIVE: "Inconclusive",
    RatingLevel.GAP: "Evidence gap",
}

_ONE_LEVEL_DOWN: dict[RatingLevel, RatingLevel] = {
    RatingLevel.STRONG: RatingLevel.MODERATE,
    RatingLevel.MODERATE: RatingLevel.LIMITED,
    RatingLevel.LIMITED: RatingLevel.LIMITED,
}


@dataclass(frozen=True)
class _WorkStance:
    """What one work says about the factor once its claims are pooled."""

    key: str
    inconclusive: bool
    specific: bool
    is_review: bool


def _stances(claims: Iterable[Claim], works: Mapping[str, Work]) -> list[_WorkStance]:
    """Pool each work's counted claims: one vote per work, however often the review cites it."""
    pooled: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.basis is not Basis.GENERAL:
            pooled.setdefault(claim.work, []).append(claim)
    return [
        _WorkStance(
            key=key,
            inconclusive=any(c.direction is Direction.INCONCLUSIVE for c in work_claims),
            specific=any(c.basis is Basis.SPECIFIC for c in work_claims),
            is_review=key in works and works[key].kind is Kind.REVIEW,
        )
        for key, work_claims in sorted(pooled.items())
    ]


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _level_by_count(supporting: list[_WorkStance]) -> tuple[RatingLevel, str]:
    """Grade the works that agree, capping at moderate when too few were cited for this factor alone."""
    agreeing = len(supporting)
    specific = sum(1 for stance in supporting if stance.specific)
    if agreeing >= STRONG_MIN_WORKS and specific >= STRONG_MIN_SPECIFIC_WORKS:
        return RatingLevel.STRONG, f"{agreeing} works agree, {specific} of them cited for this factor alone"
    if agreeing >= STRONG_MIN_WORKS:
        how_many = "none" if specific == 0 else f"only {specific}"
        return RatingLevel.MODERATE, (
            f"{agreeing} works agree, but {how_many} cited for this factor alone rather than in a list "
            f"with other factors (strong needs {STRONG_MIN_SPECIFIC_WORKS})"
        )
    if agreeing >= MODERATE_MIN_WORKS:
        return RatingLevel.MODERATE, f"{agreeing} works agree"
    return RatingLevel.LIMITED, "a single work"


def rate_factor(claims: Iterable[Claim], works: Mapping[str, Work]) -> Rating:
    """Rate one factor from the claims made about it.

    - gap: no work is counted (claims with basis `general` are never counted);
    - inconclusive: a review-kind work finds the evidence inconclusive, or the works that
      agree on the factor are not a strict majority of the works counted;
    - strong: 4 or more agreeing works, at least 2 of them cited for this factor itself;
    - moderate: 2 or 3 agreeing works, or 4 or more cited only in lists;
    - limited: a single work.
    Barrier and facilitator claims agree: both say the factor matters. When some works are
    inconclusive but the rest are a majority, the level drops by one, as an EEF padlock is lost.
    """
    claims = list(claims)
    stances = _stances(claims, works)
    counted_keys = {stance.key for stance in stances}
    uncounted = len({claim.work for claim in claims} - counted_keys)
    aside = ""
    if uncounted:
        aside = f" {_plural(uncounted, 'more work')} cited only for barriers in general, not counted."
    if not stances:
        return Rating(
            level=RatingLevel.GAP,
            label=LEVEL_LABELS[RatingLevel.GAP],
            distinct_works=0,
            consistency=Consistency.NONE,
            reason=f"Evidence gap: no work in the evidence base is cited for this factor.{aside}",
        )
    supporting = [stance for stance in stances if not stance.inconclusive]
    doubting = [stance for stance in stances if stance.inconclusive]
    doubting_reviews = [stance.key for stance in doubting if stance.is_review]
    counted = _plural(len(stances), "distinct work")

    if doubting_reviews or 2 * len(supporting) <= len(stances):
        if doubting_reviews:
            why = f"a review ({', '.join(doubting_reviews)}) finds the evidence inconclusive"
        else:
            why = f"only {len(supporting)} of {counted} agree; the others find it can help or hinder"
        return Rating(
            level=RatingLevel.INCONCLUSIVE,
            label=LEVEL_LABELS[RatingLevel.INCONCLUSIVE],
            distinct_works=len(stances),
            consistency=Consistency.MIXED,
            reason=(
                f"Inconclusive: {why} ({counted}: {len(supporting)} agreeing, "
                f"{len(doubting)} inconclusive).{aside}"
            ),
        )

    level, why = _level_by_count(supporting)
    if doubting:
        level = _ONE_LEVEL_DOWN[level]
        why = f"{why}; one level lower because {_plural(len(doubting), 'work')} found it inconclusive"
        consistency = Consistency.MOSTLY_CONSISTENT
    else:
        consistency = Consistency.CONSISTENT
    return Rating(
        level=level,
        label=LEVEL_LABELS[level],
        distinct_works=len(stances),
        consistency=consistency,
        reason=f"{LEVEL_LABELS[level]}: {why}; {consistency.value}.{aside}",
    )
