"""`build_findings`: the survey and structural findings of one round, with their evidence, ranked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from joinedup.analysis.result import RoundResult
from joinedup.checks.finding import CheckFinding
from joinedup.evidence import EvidenceBase
from joinedup.findings.finding import Finding
from joinedup.findings.ranking import ranked
from joinedup.findings.structure import structure_findings
from joinedup.findings.survey import survey_findings
from joinedup.instrument.responses import MIN_GROUP_SIZE


def with_evidence(finding: Finding, evidence: EvidenceBase) -> Finding:
    """The finding with the confidence in its factor's evidence, the works that report the factor and
    the interventions."""
    return replace(
        finding,
        rating=evidence.confidence[finding.factor].level.value,
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
) -> list[Finding]:
    """Every finding of the round, ranked by the rules in `joinedup.findings.ranking`.

    `previous` is the partnership's previous round, used to tell whether a decline crossed a
    band; the change itself comes from the analysis's trend.
    """
    names = {factor.id: factor.name for factor in evidence.factors}
    found = survey_findings(analysis_for_round, names, previous=previous, min_group=min_group)
    found += structure_findings(check_findings)
    return ranked(with_evidence(finding, evidence) for finding in found)
