"""The bundled confidence judgements, inferred-field flags and kinds of advice, pinned factor by factor.

A change to confidence.yaml, claims.yaml or works.yaml that moves a factor's confidence must
change this table too, on purpose, with its reason in docs/evidence.md.
"""

from collections import Counter

import pytest

from joinedup.evidence import (
    Basis,
    ConfidenceLevel,
    InferredField,
    Kind,
    Provenance,
    load_evidence_base,
)
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.evidence.keys import author_key

N, MI, MO, S = "no-or-very-minor-concerns", "minor-concerns", "moderate-concerns", "serious-concerns"
H, M, L, VL = ConfidenceLevel.HIGH, ConfidenceLevel.MODERATE, ConfidenceLevel.LOW, ConfidenceLevel.VERY_LOW

# factor: (level, (methodological limitations, coherence, adequacy, relevance), times reported)
EXPECTED = {
    "funding": (M, (MO, N, N, MI), 6),
    "professional-culture": (M, (MO, N, N, MI), 9),
    "roles-responsibilities": (M, (MI, N, N, MI), 9),
    "shared-purpose": (M, (MI, N, MI, MI), 5),
    "accountability": (VL, (S, N, S, MI), 1),
    "commitment": (M, (MO, N, MI, N), 5),
    "leadership": (M, (MO, N, MI, N), 5),
    "communication": (L, (MO, N, MO, N), 1),
    "joint-planning": (L, (MO, N, MO, N), 1),
    "joint-training": (VL, (MO, N, S, N), 1),
    "staff-support": (L, (MO, N, MO, N), 2),
    "recruitment": (VL, (MO, N, S, N), 1),
    "shared-resources": (VL, (MO, N, S, N), 1),
    "monitoring-evaluation": (L, (MO, N, MO, N), 2),
    "organisational-climate": (M, (MI, N, MI, MI), 3),
    "co-location": (VL, (MO, S, MI, MI), 4),
}
COMPONENTS = ("methodological-limitations", "coherence", "adequacy", "relevance")


@pytest.fixture(scope="module")
def base():
    return load_evidence_base()


def test_the_table_covers_all_sixteen_factors():
    assert list(EXPECTED) == list(FACTOR_IDS)


@pytest.mark.parametrize("factor_id", list(EXPECTED))
def test_each_factors_confidence_components_and_times_reported(base, factor_id):
    level, judgements, reported = EXPECTED[factor_id]
    confidence = base.confidence[factor_id]
    assert confidence.level is level
    assert tuple(confidence.components) == COMPONENTS
    assert tuple(c.judgement for c in confidence.components.values()) == judgements
    assert confidence.times_reported == reported
    for component in confidence.components.values():
        assert len(component.reason) > 20 and "\n" not in component.reason
    assert confidence.reason.startswith(confidence.label + ":")
    assert confidence.finding


def test_nothing_is_graded_high_from_one_narrative_review(base):
    assert H not in {confidence.level for confidence in base.confidence.values()}
    assert all(c.components["methodological-limitations"].judgement != N for c in base.confidence.values())


def test_organisational_climate_is_not_ranked_below_factors_that_are_only_cited_more_often(base):
    order = list(ConfidenceLevel)
    climate = order.index(base.confidence["organisational-climate"].level)
    assert all(order.index(c.level) >= climate for c in base.confidence.values())


def test_commitment_and_leadership_are_coded_and_graded_alike(base):
    def coded(factor_id):
        return {(c.work, c.basis, c.group, c.direction) for c in base.claims_for(factor_id)}

    assert coded("commitment") == coded("leadership")
    commitment, leadership = base.confidence["commitment"], base.confidence["leadership"]
    assert commitment.level is leadership.level
    assert commitment.times_reported == leadership.times_reported
    assert [c.judgement for c in commitment.components.values()] == [
        c.judgement for c in leadership.components.values()
    ]


def test_each_grouped_list_is_coded_alike_for_every_factor_it_names(base):
    lists: dict[str, dict[str, set[str]]] = {}
    for claim in base.claims:
        if claim.basis is Basis.GROUPED:
            lists.setdefault(claim.group, {}).setdefault(claim.factor, set()).add(claim.work)
    assert set(lists) == {"success-factors-list-1", "success-factors-list-2"}
    for by_factor in lists.values():
        assert len({frozenset(works) for works in by_factor.values()}) == 1
    assert len(lists["success-factors-list-1"]) == 6 and len(lists["success-factors-list-2"]) == 5


def test_the_eleven_work_list_counts_once_for_each_of_its_factors(base):
    for factor_id in ("communication", "joint-planning"):
        assert len(base.works_for(factor_id, include_general=False)) == 11
        assert base.confidence[factor_id].times_reported == 1


def test_guidance_is_marked_and_never_counted_as_an_independent_finding(base):
    guidance = {work.key for work in base.works if work.kind is Kind.GUIDANCE}
    assert "national-audit-office-2001" in guidance
    assert base.confidence["accountability"].guidance == ["national-audit-office-2001"]
    for factor_id, confidence in base.confidence.items():
        named = {c.work for c in base.claims_for(factor_id) if c.basis is Basis.SPECIFIC}
        assert confidence.independent_works <= len(named - guidance)
        assert set(confidence.guidance) <= guidance


def test_works_by_one_team_count_once(base):
    assert [w.key for w in base.related_works("atkinson-2001")] == ["atkinson-2002"]
    assert [w.key for w in base.related_works("cameron-2003")] == ["cameron-2002"]
    assert base.confidence["commitment"].independent_works == 4


def test_every_work_says_why_it_has_its_kind_and_inferred_kinds_are_flagged(base):
    for work in base.works:
        assert work.kind_reason, work.key
        kinds = [flag for flag in work.inferred if flag.field is InferredField.KIND]
        assert bool(kinds) is work.kind_inferred, work.key
    stated = {w.key for w in base.works if not w.kind_inferred}
    assert {"cameron-2003", "national-audit-office-2001", "craig-2004", "wasoff-2004", "webb-2001"} <= stated
    assert base.work("sloper-2004").kind_inferred


def test_every_pair_of_works_with_one_first_author_carries_an_identity_flag(base):
    by_author: dict[str, list[str]] = {}
    for work in base.works:
        by_author.setdefault(author_key(work.authors[0]), []).append(work.key)
    shared = [keys for keys in by_author.values() if len(keys) > 1]
    assert len(shared) == 3
    for keys in shared:
        for key in keys:
            fields = {flag.field for flag in base.work(key).flags}
            assert InferredField.IDENTITY in fields, key


@pytest.mark.parametrize(
    ("key", "field", "words"),
    [
        ("rushmer-2002", InferredField.SPELLING, "Rushmore"),
        ("glisson-1998", InferredField.SPELLING, "Hemmelgarn"),
        ("webb-2001", InferredField.SPELLING, "Vulliamy"),
        ("park-2003", InferredField.YEAR, "without a year"),
        ("atkinson-2002", InferredField.TEAM, "one research team"),
    ],
)
def test_probable_spellings_years_and_teams_are_flagged_with_the_reason(base, key, field, words):
    flags = [flag for flag in base.work(key).flags if flag.field is field]
    assert flags and words in flags[0].reason


def test_every_intervention_says_what_kind_of_advice_it_is(base):
    assert len(base.interventions) == 20
    for item in base.interventions:
        assert isinstance(item.provenance, Provenance) and item.basis.strip()
        if item.provenance in (Provenance.INVERSE_OF_BARRIER, Provenance.JOINEDUP_SUGGESTION):
            assert not item.action_works, item.id
        if item.provenance is Provenance.TESTED_REMEDY:
            assert item.action_works, item.id
    kinds = [item.provenance for item in base.interventions]
    assert Provenance.TESTED_REMEDY not in kinds
    assert kinds.count(Provenance.INVERSE_OF_BARRIER) + kinds.count(Provenance.JOINEDUP_SUGGESTION) >= 10


def test_joinedups_own_operational_detail_is_said_in_the_caveats(base):
    for item in base.interventions:
        if item.provenance is not Provenance.JOINEDUP_SUGGESTION:
            assert any("joinedup" in text for text in [item.basis, *item.caveats]) or item.id in {
                "confront-professional-tension",
                "accountability-minimums",
            }, item.id


def test_co_location_advice_keeps_its_caveat(base):
    item = next(i for i in base.interventions if i.id == "co-locate-with-care")
    assert item.provenance is Provenance.JOINEDUP_SUGGESTION
    assert any("inconclusive" in caveat for caveat in item.caveats)


def test_a_work_cited_only_in_a_list_never_supports_an_action(base):
    """action_works are works that recommend or evaluated the action itself. A work whose finding on
    the factor is "not stated" (cited only in a list) says the factor matters, nothing more; the
    review's own unsourced report of an action names no work."""
    for item in base.interventions:
        if any("not stated" in caveat for caveat in item.caveats):
            assert not item.action_works, item.id
    supported = {item.id: tuple(item.action_works) for item in base.interventions if item.action_works}
    assert supported == {
        "confront-professional-tension": ("craig-2004",),
        "set-roles-in-formal-policies": ("rushmer-2002",),
        "accountability-minimums": ("national-audit-office-2001",),
        "review-the-partnership-as-it-evolves": ("percy-smith-2005",),
        "time-and-support-for-staff": ("wasoff-2004",),
    }
    kinds = Counter(item.provenance for item in base.interventions)
    assert kinds == {
        Provenance.REPORTED_REMEDY: 8,
        Provenance.INVERSE_OF_BARRIER: 10,
        Provenance.JOINEDUP_SUGGESTION: 2,
    }
