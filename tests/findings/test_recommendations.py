"""Recommendations come from the evidence base's interventions for the finding's factor."""

from __future__ import annotations

from joinedup.checks.finding import Severity
from joinedup.evidence import Provenance, load_evidence_base
from joinedup.findings import Finding, recommend


def _finding(factor: str, kind: str) -> Finding:
    return Finding(f"band:{factor}", factor, Severity.HIGH, kind, "s", (), 1.0)  # type: ignore[arg-type]


def test_a_concern_gets_every_intervention_for_its_factor_most_directly_supported_first():
    evidence = load_evidence_base()
    suggestions = recommend(_finding("professional-culture", "concern"), evidence)
    expected = evidence.interventions_for("professional-culture")
    assert {s.intervention for s in suggestions} == {item.id for item in expected}
    order = list(Provenance)
    ranks = [order.index(s.provenance) for s in suggestions]
    assert ranks == sorted(ranks)
    for suggestion in suggestions:
        item = next(item for item in expected if item.id == suggestion.intervention)
        assert (suggestion.title, suggestion.what_to_do) == (item.title, item.what_to_do)
        assert (suggestion.provenance, suggestion.basis) == (item.provenance, item.basis)
        assert suggestion.caveats == tuple(item.caveats)
        assert suggestion.factor_works == tuple(item.factor_works)
        assert suggestion.action_works == tuple(item.action_works)
    assert all(s.finding == "band:professional-culture" for s in suggestions)


def test_every_recommendation_carries_provenance_basis_and_caveats_into_its_dict():
    evidence = load_evidence_base()
    for factor in evidence.factors:
        for suggestion in recommend(_finding(factor.id, "concern"), evidence):
            data = suggestion.to_dict()
            assert data["provenance"] in {p.value for p in Provenance} and data["provenance_label"]
            assert data["basis"].strip()
            assert {"caveats", "factor_works", "action_works"} <= data.keys()
            assert "supported_by" not in data


def test_strengths_and_reliability_findings_get_no_suggested_action():
    evidence = load_evidence_base()
    assert recommend(_finding("funding", "strength"), evidence) == []
    assert recommend(_finding("funding", "reliability"), evidence) == []
    assert recommend(_finding("funding", "decline"), evidence)


def test_dont_know_findings_get_no_suggested_action_for_the_factor():
    """Many "don't know" answers say the work is not seen, not that it is lacking."""
    evidence = load_evidence_base()
    for factor in evidence.factors:
        assert recommend(_finding(factor.id, "uncertainty"), evidence) == []
