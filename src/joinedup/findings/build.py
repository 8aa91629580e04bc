"""`build_findings`: the survey and structural findings of one round, with their evidence, ranked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from joinedup.analysis.result import RoundResult
from joinedup.checks.finding import CheckFinding, Severity
from joinedup.evidence import ConfidenceLevel, EvidenceBase
from joinedup.findings.finding import Finding
from joinedup.findings.ranking import ranked
from joinedup.findings.structure import structure_findings
from joinedup.findings.survey import survey_findings
from joinedup.instrument.responses import MIN_GROUP_SIZE

LOWERED_BY_CONFIDENCE: frozenset[str] = frozenset(
    {"concern", "decline", "divergence", "structure", "unclear"}
)
"""Kinds whose severity says how much a problem on the factor matters, and so depends on how sure
the evidence is that the factor matters. Findings about who answered, "don't know" answers and
reliability are about the data, whatever the factor, and strengths are information."""

WEAK_CONFIDENCE: frozenset[ConfidenceLevel] = frozenset({ConfidenceLevel.LOW, ConfidenceLevel.VERY_LOW})

_ONE_STEP_DOWN = {Severity.HIGH: Severity.MEDIUM, Severity.MEDIUM: Severity.LOW}


def severity_with_confidence(finding: Finding, level: ConfidenceLevel) -> Severity:
    """The finding's severity once the confidence in its factor's evidence is taken into account.

    A problem on a factor the evidence gives low or very low confidence that it matters is lowered
    one step (high to medium, medium to low, never below low): the data say the problem is there,
    but not how much it matters to integrated working. High and moderate confidence leave the
    severity as the data set it. The rule is in `docs/findings.md`.
    """
    if finding.kind in LOWERED_BY_CONFIDENCE and level in WEAK_CONFIDENCE:
        return _ONE_STEP_DOWN.get(finding.severity, finding.severity)
    return finding.severity


def with_evidence(finding: Finding, evidence: EvidenceBase) -> Finding:
    """The finding with the confidence in its factor's evidence (and the severity it implies), the
    works that report the factor and the interventions; a finding with no factor is unchanged."""
    if not finding.factor:
        return finding
    level = evidence.confidence[finding.factor].level
    return replace(
        finding,
        severity=severity_with_confidence(finding, level),
        confidence=level.value,
        works=tuple(work.key for work in evidence.works_for(finding.factor, include_general=False)),
        interventions=tuple(item.id for item in evidence.interventions_for(finding.factor)),
    )


def build_findings(
    analysis_for_round: RoundResult,
    check_findings: Sequence[CheckFinding],
    evidence: EvidenceBase,
    *,
    previous: RoundResult | None = None,
    min_group: int = MIN_GROUP_SIZE,
    agencies: Sequence[str] = (),
) -> list[Finding]:
    """Every finding of the round, ranked by the rules in `joinedup.findings.ranking`.

    `previous` is the partnership's previous round, used to tell whether a decline crossed a
    band; the change itself comes from the analysis's trend. `agencies` is every agency of the
    partnership, so those with no answer are named with the hidden ones.
    """
    names = {factor.id: factor.name for factor in evidence.factors}
    found = survey_findings(
        analysis_for_round, names, previous=previous, min_group=min_group, agencies=agencies
    )
    found += structure_findings(check_findings)
    return ranked(with_evidence(finding, evidence) for finding in found)
