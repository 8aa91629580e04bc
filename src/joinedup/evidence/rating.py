"""Confidence in each factor's evidence, graded on GRADE-CERQual's four components, not on counts.

The judgement on each component (methodological limitations, coherence, adequacy, relevance)
is a person's, written with its reason in `data/confidence.yaml`. This module does the rest, so
that nothing in the grade depends on how often a work happens to be cited:

- the overall level follows from the four judgements by one published rule (`overall_level`);
- the judgements are checked against what the claims show (`assessment_problems`): a factor
  cited by one work cannot have "no concerns" about adequacy, guidance alone cannot have fewer
  than serious methodological concerns, and a work that finds the factor inconclusive is a
  coherence concern;
- `times_reported` counts how often the review reports the factor, with a list of works cited
  together counted once and related works (one team; a review and the studies it includes)
  counted once. It is shown beside the grade and never feeds it.

The confidence is in the review's claims that a factor matters to integrated working. Unlike an
EIF or EEF rating, it says nothing about whether any action works.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from joinedup.evidence.models import (
    CONFIDENCE_LABELS,
    JUDGEMENTS,
    Basis,
    Claim,
    Confidence,
    ConfidenceAssessment,
    ConfidenceLevel,
    Direction,
    Judgement,
    Kind,
    Work,
)

LEVELS: tuple[ConfidenceLevel, ...] = tuple(ConfidenceLevel)
"""High first; each step down the tuple is one level lower."""

STEPS_DOWN: dict[Judgement, int] = {
    "no-or-very-minor-concerns": 0,
    "minor-concerns": 0,
    "moderate-concerns": 1,
    "serious-concerns": 2,
}
"""How many levels each judgement lowers confidence on its own."""

MINOR_CONCERNS_FOR_A_STEP = 2
"""Minor concerns in this many components together lower confidence by one level."""

ADEQUACY_FLOOR: tuple[tuple[int, Judgement], ...] = (
    (0, "moderate-concerns"),
    (2, "minor-concerns"),
)
"""(at most N independent works cited by name, least concern the adequacy judgement may show)."""


def overall_level(judgements: Iterable[Judgement]) -> ConfidenceLevel:
    """Start at high; a moderate concern lowers one level, a serious one two; minor concerns in two
    or more components together lower one. Never below very low."""
    judgements = list(judgements)
    steps = sum(STEPS_DOWN[judgement] for judgement in judgements)
    if sum(1 for judgement in judgements if judgement == "minor-concerns") >= MINOR_CONCERNS_FOR_A_STEP:
        steps += 1
    return LEVELS[min(steps, len(LEVELS) - 1)]


def independence_groups(works: Mapping[str, Work]) -> dict[str, str]:
    """Work key → the key that stands for its group of related works (same team; review and included).

    Related works are joined transitively, so a review that includes one of a team's studies
    joins the whole team. The representative is the smallest key, so the result is stable.
    """
    parent = {key: key for key in works}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def join(first: str, second: str) -> None:
        a, b = root(first), root(second)
        if a != b:
            parent[max(a, b)] = min(a, b)

    by_team: dict[str, str] = {}
    for key, work in works.items():
        if work.team is not None:
            join(key, by_team.setdefault(work.team, key))
        for included in work.includes:
            if included in parent:
                join(key, included)
    return {key: root(key) for key in works}


def _group_of(key: str, groups: Mapping[str, str]) -> str:
    return groups.get(key, key)


def times_reported(claims: Iterable[Claim], works: Mapping[str, Work]) -> int:
    """How often the review reports the factor: each list cited together once, each group of related
    works cited by name once. Claims of basis `general` are not reports of this factor."""
    groups = independence_groups(works)
    named: set[str] = set()
    lists: set[str] = set()
    for claim in claims:
        if claim.basis is Basis.SPECIFIC:
            named.add(_group_of(claim.work, groups))
        elif claim.basis is Basis.GROUPED and claim.group is not None:
            lists.add(claim.group)
    return len(named) + len(lists)


def _named_works(claims: Iterable[Claim]) -> set[str]:
    return {claim.work for claim in claims if claim.basis is Basis.SPECIFIC}


def _is_guidance(key: str, works: Mapping[str, Work]) -> bool:
    return key in works and works[key].kind is Kind.GUIDANCE


def independent_works(claims: Iterable[Claim], works: Mapping[str, Work]) -> int:
    """Independent works, guidance apart, that the review cites for this factor by name."""
    groups = independence_groups(works)
    return len({_group_of(key, groups) for key in _named_works(claims) if not _is_guidance(key, works)})


def _adequacy_floor(independent: int) -> Judgement:
    for at_most, floor in ADEQUACY_FLOOR:
        if independent <= at_most:
            return floor
    return "no-or-very-minor-concerns"


def _better_than(judgement: Judgement, floor: Judgement) -> bool:
    return JUDGEMENTS.index(judgement) < JUDGEMENTS.index(floor)


def assessment_problems(
    assessment: ConfidenceAssessment, claims: Iterable[Claim], works: Mapping[str, Work]
) -> list[str]:
    """Ways the stored judgements claim less concern than the claims allow; empty when consistent."""
    claims = list(claims)
    problems: list[str] = []
    components = assessment.components
    independent = independent_works(claims, works)
    floor = _adequacy_floor(independent)
    if _better_than(components["adequacy"].judgement, floor):
        problems.append(
            f"adequacy is {components['adequacy'].judgement} but only {independent} independent work(s) "
            f"other than guidance are cited for the factor by name; it must be at least {floor}"
        )
    named = _named_works(claims)
    only_guidance = bool(named) and all(_is_guidance(key, works) for key in named)
    if only_guidance and _better_than(components["methodological-limitations"].judgement, "serious-concerns"):
        problems.append(
            "methodological-limitations must be serious-concerns: the only works cited for the "
            "factor by name are guidance, which is normative and not a finding"
        )
    doubting = sorted(
        {c.work for c in claims if c.direction is Direction.INCONCLUSIVE and c.basis is not Basis.GENERAL}
    )
    if doubting and _better_than(components["coherence"].judgement, "moderate-concerns"):
        problems.append(
            f"coherence must be at least moderate-concerns: {', '.join(doubting)} find(s) the evidence "
            "inconclusive"
        )
    return problems


def rate_factor(
    assessment: ConfidenceAssessment, claims: Iterable[Claim], works: Mapping[str, Work]
) -> Confidence:
    """The confidence in one factor's finding: the stored judgements, the level they give, the counts.

    Call `assessment_problems` first (the loader does): this function trusts the judgements.
    """
    claims = list(claims)
    level = overall_level(component.judgement for component in assessment.components.values())
    reporting = {claim.work for claim in claims if claim.basis is not Basis.GENERAL}
    guidance = sorted(key for key in reporting if _is_guidance(key, works))
    return Confidence(
        level=level,
        label=CONFIDENCE_LABELS[level],
        finding=assessment.finding,
        components=dict(assessment.components),
        reason=assessment.reason,
        times_reported=times_reported(claims, works),
        independent_works=independent_works(claims, works),
        guidance=guidance,
    )
