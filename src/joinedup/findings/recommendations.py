"""Suggested actions for a finding, drawn from the interventions the evidence base links to its factor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from joinedup.evidence import EvidenceBase
from joinedup.findings.finding import Finding

NOTHING_TO_DO: frozenset[str] = frozenset({"strength", "reliability"})
"""A strength needs keeping, not fixing; a reliability finding is about the questions, and the
remedy is to read the score with care and review the statements, not to change the partnership."""


@dataclass(frozen=True)
class Recommendation:
    """An intervention offered for a finding; `supported_by` holds work keys."""

    finding: str
    intervention: str
    title: str
    what_to_do: str
    addresses_barrier: str
    supported_by: tuple[str, ...]
    basis: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "intervention": self.intervention,
            "title": self.title,
            "what_to_do": self.what_to_do,
            "addresses_barrier": self.addresses_barrier,
            "supported_by": list(self.supported_by),
            "basis": self.basis,
        }


def recommend(finding: Finding, evidence: EvidenceBase) -> list[Recommendation]:
    """The interventions for the finding's factor, best supported first (most works, then id)."""
    if finding.kind in NOTHING_TO_DO:
        return []
    interventions = sorted(
        evidence.interventions_for(finding.factor), key=lambda item: (-len(item.supported_by), item.id)
    )
    return [
        Recommendation(
            finding=finding.key,
            intervention=item.id,
            title=item.title,
            what_to_do=item.what_to_do,
            addresses_barrier=item.addresses_barrier,
            supported_by=tuple(item.supported_by),
            basis=item.basis,
        )
        for item in interventions
    ]
