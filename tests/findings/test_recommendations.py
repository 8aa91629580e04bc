"""Recommendations come from the evidence base's interventions for the finding's factor."""

from __future__ import annotations

from joinedup.checks.finding import Severity
from joinedup.evidence import load_evidence_base
from joinedup.findings import Finding, recommend


def _finding(factor: str, kind: str) -> Finding:
    return Finding(f"band:{factor}", factor, Severity.HIGH, kind, "s", (), 1.0)  # type: ignore[arg-type]


def test_a_concern_gets_every_intervention_for_its_factor_best_supported_first():
    evidence = load_evidence_base()
    suggestions = recommend(_finding("professional-culture", "concern"), evidence)
    expected = evidence.interventions_for("professional-culture")
    assert {s.intervention for s in suggestions} == {item.id for item in expected}
    support = [len(s.supported_by) for s in suggestions]
    assert support == sorted(support, reverse=True)
    first = next(item for item in expected if item.id == suggestions[0].intervention)
    assert (suggestions[0].title, suggestions[0].what_to_do) == (first.title, first.what_to_do)
    assert suggestions[0].supported_by == tuple(first.supported_by)
    assert all(s.finding == "band:professional-culture" for s in suggestions)


def test_strengths_and_reliability_findings_get_no_suggested_action():
    evidence = load_evidence_base()
    assert recommend(_finding("funding", "strength"), evidence) == []
    assert recommend(_finding("funding", "reliability"), evidence) == []
    assert recommend(_finding("funding", "decline"), evidence)
