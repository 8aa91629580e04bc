"""The confidence rules: the overall level from four judgements, the counts, and the checks on judgements.

Hand-made cases pin each rule; generated claim sets check the invariants the rules promise
(a grouped list counts once however long, the level never follows the number of citations).
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.evidence import (
    Basis,
    Claim,
    ComponentJudgement,
    ConfidenceAssessment,
    ConfidenceLevel,
    Direction,
    Kind,
    Work,
)
from joinedup.evidence.models import COMPONENTS, JUDGEMENTS
from joinedup.evidence.rating import (
    assessment_problems,
    independence_groups,
    independent_works,
    overall_level,
    rate_factor,
    times_reported,
)

NONE, MINOR, MODERATE, SERIOUS = JUDGEMENTS


def _work(key: str, kind: Kind = Kind.STUDY, team: str | None = None, includes=()) -> Work:
    author, year = key.rsplit("-", 1)
    return Work(
        key=key,
        authors=[author.title()],
        et_al=False,
        year=year,
        kind=kind,
        team=team,
        includes=list(includes),
    )


def _claim(work: str, direction=Direction.BARRIER, basis=Basis.SPECIFIC, group: str | None = None) -> Claim:
    """A claim on funding; `group` is kept only for a grouped claim, which always has one."""
    group = (group or "list-a") if basis is Basis.GROUPED else None
    return Claim(factor="funding", work=work, direction=direction, basis=basis, group=group, summary="s")


def _assessment(*judgements: str) -> ConfidenceAssessment:
    judgements = judgements or (NONE,) * 4
    return ConfidenceAssessment(
        factor="funding",
        finding="Funding matters.",
        components={
            name: ComponentJudgement(judgement=j, reason="r") for name, j in zip(COMPONENTS, judgements)
        },
        reason="why",
    )


KEYS = [f"author{i}-2000" for i in range(8)]
WORKS = {key: _work(key) for key in KEYS}


@pytest.mark.parametrize(
    ("judgements", "level"),
    [
        ((NONE, NONE, NONE, NONE), ConfidenceLevel.HIGH),
        ((MINOR, NONE, NONE, NONE), ConfidenceLevel.HIGH),
        ((MINOR, MINOR, NONE, NONE), ConfidenceLevel.MODERATE),
        ((MINOR, MINOR, MINOR, MINOR), ConfidenceLevel.MODERATE),
        ((MODERATE, NONE, NONE, NONE), ConfidenceLevel.MODERATE),
        ((MODERATE, MINOR, NONE, NONE), ConfidenceLevel.MODERATE),
        ((MODERATE, MINOR, MINOR, NONE), ConfidenceLevel.LOW),
        ((MODERATE, MODERATE, NONE, NONE), ConfidenceLevel.LOW),
        ((SERIOUS, NONE, NONE, NONE), ConfidenceLevel.LOW),
        ((SERIOUS, MODERATE, NONE, NONE), ConfidenceLevel.VERY_LOW),
        ((SERIOUS, SERIOUS, SERIOUS, SERIOUS), ConfidenceLevel.VERY_LOW),
    ],
)
def test_the_overall_level_follows_the_published_rule(judgements, level):
    assert overall_level(judgements) is level


@given(
    st.lists(st.sampled_from(JUDGEMENTS), min_size=4, max_size=4),
    st.integers(0, 3),
    st.sampled_from(JUDGEMENTS),
)
def test_more_concern_in_any_component_never_raises_confidence(judgements, index, replacement):
    order = list(ConfidenceLevel)
    worse = list(judgements)
    if JUDGEMENTS.index(replacement) < JUDGEMENTS.index(worse[index]):
        return
    worse[index] = replacement
    assert order.index(overall_level(worse)) >= order.index(overall_level(judgements))


def test_a_grouped_list_counts_once_however_many_works_it_names():
    claims = [_claim(key, basis=Basis.GROUPED, group="success-list") for key in KEYS]
    assert times_reported(claims, WORKS) == 1
    two_lists = [*claims, _claim(KEYS[0], basis=Basis.GROUPED, group="other-list")]
    assert times_reported(two_lists, WORKS) == 2


def test_works_cited_by_name_count_once_each_and_general_citations_not_at_all():
    claims = [_claim(KEYS[0]), _claim(KEYS[0], Direction.FACILITATOR), _claim(KEYS[1])]
    claims.append(_claim(KEYS[2], basis=Basis.GENERAL))
    assert times_reported(claims, WORKS) == 2


def test_works_by_one_team_and_a_review_with_its_studies_count_once():
    works = {
        **WORKS,
        "smith-2001": _work("smith-2001", team="smith-group"),
        "smith-2002": _work("smith-2002", team="smith-group"),
        "review-2005": _work("review-2005", Kind.REVIEW, includes=["author0-2000"]),
    }
    claims = [_claim("smith-2001"), _claim("smith-2002"), _claim("review-2005"), _claim(KEYS[0])]
    assert times_reported(claims, works) == 2
    assert independent_works(claims, works) == 2
    groups = independence_groups(works)
    assert groups["smith-2001"] == groups["smith-2002"]
    assert groups["review-2005"] == groups[KEYS[0]] != groups[KEYS[1]]


def test_guidance_is_reported_but_never_counted_as_an_independent_finding():
    works = {**WORKS, "office-2001": _work("office-2001", Kind.GUIDANCE)}
    claims = [_claim("office-2001", Direction.FACILITATOR)]
    confidence = rate_factor(_assessment(SERIOUS, NONE, SERIOUS, MINOR), claims, works)
    assert (confidence.times_reported, confidence.independent_works) == (1, 0)
    assert confidence.guidance == ["office-2001"]


def test_guidance_alone_must_be_judged_serious_on_methodological_limitations():
    works = {**WORKS, "office-2001": _work("office-2001", Kind.GUIDANCE)}
    claims = [_claim("office-2001", Direction.FACILITATOR)]
    problems = assessment_problems(_assessment(MINOR, NONE, MODERATE, NONE), claims, works)
    assert any("guidance" in problem for problem in problems)
    assert not assessment_problems(_assessment(SERIOUS, NONE, MODERATE, NONE), claims, works)


@pytest.mark.parametrize(
    ("named", "least_concern"),
    [(0, MODERATE), (1, MINOR), (2, MINOR), (3, NONE)],
)
def test_adequacy_cannot_claim_less_concern_than_the_independent_works_allow(named, least_concern):
    claims = [_claim(key) for key in KEYS[:named]] + [_claim(k, basis=Basis.GROUPED) for k in KEYS[named:]]
    for judgement in JUDGEMENTS:
        problems = assessment_problems(_assessment(SERIOUS, NONE, judgement, NONE), claims, WORKS)
        allowed = JUDGEMENTS.index(judgement) >= JUDGEMENTS.index(least_concern)
        assert (not any("adequacy" in p for p in problems)) is allowed, (named, judgement)


def test_an_inconclusive_work_is_a_coherence_concern():
    claims = [_claim(KEYS[0]), _claim(KEYS[1], Direction.INCONCLUSIVE), _claim(KEYS[2])]
    problems = assessment_problems(_assessment(NONE, MINOR, NONE, NONE), claims, WORKS)
    assert any("coherence" in p and KEYS[1] in p for p in problems)
    assert not assessment_problems(_assessment(NONE, MODERATE, NONE, NONE), claims, WORKS)


claim_sets = st.lists(
    st.builds(
        _claim,
        work=st.sampled_from(KEYS),
        direction=st.sampled_from(list(Direction)),
        basis=st.sampled_from(list(Basis)),
        group=st.sampled_from(["list-a", "list-b"]),
    ),
    max_size=20,
)


@given(claim_sets, st.lists(st.sampled_from(KEYS), max_size=8))
def test_adding_works_to_an_existing_list_never_changes_times_reported(claims, extra):
    assume_list = [c for c in claims if c.basis is Basis.GROUPED]
    if not assume_list:
        return
    group = assume_list[0].group
    longer = [*claims, *(_claim(key, basis=Basis.GROUPED, group=group) for key in extra)]
    assert times_reported(longer, WORKS) == times_reported(claims, WORKS)


@given(claim_sets, st.lists(st.sampled_from(JUDGEMENTS), min_size=4, max_size=4))
def test_the_level_comes_from_the_judgements_never_from_the_number_of_citations(claims, judgements):
    assessment = _assessment(*judgements)
    assert rate_factor(assessment, claims, WORKS).level is rate_factor(assessment, [], WORKS).level


@given(claim_sets)
def test_the_counts_ignore_claim_order_and_repetition(claims):
    assessment = _assessment()
    assert rate_factor(assessment, claims, WORKS) == rate_factor(
        assessment, list(reversed(claims)) + claims, WORKS
    )


def test_a_grouped_claim_must_name_its_list_and_only_a_grouped_one():
    with pytest.raises(ValueError, match="group"):
        Claim(factor="funding", work=KEYS[0], direction=Direction.BARRIER, basis=Basis.GROUPED, summary="s")
    with pytest.raises(ValueError, match="group"):
        Claim(factor="funding", work=KEYS[0], direction=Direction.BARRIER, group="list-a", summary="s")


def test_an_assessment_needs_all_four_components():
    with pytest.raises(ValueError, match="missing relevance"):
        ConfidenceAssessment(
            factor="funding",
            finding="f",
            components={name: {"judgement": NONE, "reason": "r"} for name in COMPONENTS[:3]},
            reason="r",
        )
