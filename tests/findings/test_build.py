"""Survey and structural findings, their evidence and the documented ranking rules."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from tests.findings.builders import ITEMS, analysed, crafted, frame, steady

from joinedup.analysis import analyse
from joinedup.checks import finding as check_finding
from joinedup.checks.finding import CheckFinding, Severity
from joinedup.checks.records import RaciMatrix, RaciRole, RaciTask, RoleAssignment
from joinedup.checks.roles import check_roles
from joinedup.evidence import load_evidence_base
from joinedup.findings import KIND_ORDER, Finding, build_findings, ranked, structure_findings


@pytest.fixture(scope="module")
def evidence():
    return load_evidence_base()


@pytest.fixture(scope="module")
def findings(evidence):
    result = analysed(("Round 1", crafted))
    return build_findings(result.find("P", "Round 1"), [], evidence)


def by_key(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.key: finding for finding in findings}


def test_a_factor_whose_whole_interval_is_below_three_is_a_high_concern(findings):
    funding = by_key(findings)["band:funding"]
    assert (funding.kind, funding.severity) == ("concern", Severity.HIGH)
    assert "mean 1.50" in funding.evidence_of[0]


def test_strengths_are_reported_and_listed_after_every_problem(findings):
    leadership = by_key(findings)["band:leadership"]
    assert (leadership.kind, leadership.severity) == ("strength", Severity.INFO)
    first_strength = next(index for index, finding in enumerate(findings) if finding.kind == "strength")
    assert all(finding.kind == "strength" for finding in findings[first_strength:])


def test_agencies_that_differ_are_named_with_both_means_the_gap_and_the_test_behind_it(findings):
    divergence = by_key(findings)["divergence:communication"]
    # A large effect, lowered one step because the evidence that communication matters is low.
    assert divergence.severity == Severity.MEDIUM
    assert "rate it 1.0, Education 5.0: a gap of 4.0 points" in divergence.statement
    assert {(g.name, g.mean, g.n) for g in divergence.groups} >= {("Education", 5.0, 20)}
    assert "Kruskal-Wallis across 3 agencies" in divergence.evidence_of[0]
    assert "Kruskal" not in divergence.statement


def test_many_dont_knows_are_an_uncertainty(findings):
    uncertainty = by_key(findings)["dont-know:joint-training"]
    assert uncertainty.kind == "uncertainty"
    assert uncertainty.severity == Severity.MEDIUM
    assert uncertainty.evidence_of == ('40% of answers on this factor were "don\'t know"',)
    assert "invisible" in uncertainty.statement and "what is done" in uncertainty.statement


def test_each_finding_carries_its_factors_confidence_works_and_interventions(findings, evidence):
    funding = by_key(findings)["band:funding"]
    assert funding.confidence == evidence.confidence["funding"].level.value
    assert funding.works == tuple(work.key for work in evidence.works_for("funding", include_general=False))
    assert funding.interventions == tuple(item.id for item in evidence.interventions_for("funding"))
    assert funding.works and funding.interventions


def test_a_decline_across_a_band_is_high_and_an_improvement_is_a_strength(evidence):
    result = analysed(("Round 1", steady), ("Round 2", crafted))
    now, before = result.find("P", "Round 2"), result.find("P", "Round 1")
    found = by_key(build_findings(now, [], evidence, previous=before))
    assert found["decline:funding"].severity == Severity.HIGH
    assert "from borderline to concern" in found["decline:funding"].statement
    assert found["improved:leadership"].kind == "strength"
    assert "decline:leadership" not in found


def test_a_change_states_both_rounds_means_and_its_size(evidence):
    result = analysed(("Round 1", steady), ("Round 2", crafted))
    now, before = result.find("P", "Round 2"), result.find("P", "Round 1")
    found = by_key(build_findings(now, [], evidence, previous=before))
    assert "since Round 1: from 3.50 to 1.50, a fall of 2.00;" in found["decline:funding"].statement
    assert "since Round 1: from 3.50 to 5.00, a rise of 1.50." in found["improved:leadership"].statement


def test_a_missing_voice_is_named_without_its_count(evidence):
    result = analysed(("Round 1", crafted)).find("P", "Round 1")
    assert not [f for f in build_findings(result, [], evidence) if f.kind == "voice"]
    small = frame(crafted, "Round 1").head(3).assign(agency="Youth justice")
    combined = analyse(pd.concat([frame(crafted, "Round 1"), small], ignore_index=True), ITEMS)
    found = by_key(build_findings(combined.find("P", "Round 1"), [], evidence))
    missing = found["voice:missing"]
    assert missing.factor == ""
    assert missing.label == "non-response"
    assert "commitment" not in missing.statement
    assert "Youth justice" in missing.statement
    assert "3" not in missing.statement + " ".join(missing.evidence_of)


def test_structural_findings_keep_a_stable_key_per_record(evidence):
    matrix = RaciMatrix(
        agencies=("Health", "Police"),
        tasks=(RaciTask("Joint training plan"), RaciTask("Triage")),
        assignments=(RoleAssignment("Triage", "Health", RaciRole.ACCOUNTABLE),),
    )
    checks = check_roles(matrix, today=date(2025, 1, 1))
    keys = [finding.key for finding in structure_findings(checks)]
    assert "check:roles:no-accountable:Joint training plan" in keys
    assert "check:roles:no-responsible:Triage" in keys
    result = analysed(("Round 1", crafted)).find("P", "Round 1")
    built = build_findings(result, checks, evidence)
    structural = [finding for finding in built if finding.kind == "structure"]
    assert {finding.confidence for finding in structural} <= {"high", "moderate", "low", "very-low"}


def test_a_key_used_twice_is_numbered():
    twice = [
        CheckFinding("funding", "funding", Severity.LOW, f"message {n}", ["F1"], rule="funding.line-ending")
        for n in (1, 2)
    ]
    assert [f.key for f in structure_findings(twice)] == [
        "check:funding:line-ending:F1",
        "check:funding:line-ending:F1#2",
    ]


def _finding(key: str, severity: Severity, kind: str, weight: float) -> Finding:
    return Finding(key, "funding", severity, kind, "statement", (), weight)  # type: ignore[arg-type]


def test_ranking_is_by_severity_then_kind_then_weight_then_key():
    findings = [
        _finding("d", Severity.LOW, "concern", 1.0),
        _finding("c", Severity.HIGH, "divergence", 0.5),
        _finding("b", Severity.HIGH, "concern", 0.1),
        _finding("a", Severity.HIGH, "concern", 0.9),
        _finding("z", Severity.HIGH, "concern", 0.9),
        _finding("s", Severity.INFO, "strength", 4.5),
        _finding("i", Severity.INFO, "structure", 0.0),
    ]
    assert [f.key for f in ranked(findings)] == ["a", "z", "b", "c", "d", "i", "s"]


def test_every_kind_has_a_place_in_the_order():
    assert set(KIND_ORDER) == {
        "strength",
        "concern",
        "divergence",
        "uncertainty",
        "reliability",
        "decline",
        "voice",
        "structure",
        "unclear",
    }
    assert KIND_ORDER[-1] == "strength"


def test_check_severities_pass_through_unchanged(evidence):
    check = CheckFinding(
        "roles", "accountability", Severity.MEDIUM, "m", ["x"], rule="roles.several-accountable"
    )
    (finding,) = structure_findings([check])
    assert finding.severity is check_finding.Severity.MEDIUM
