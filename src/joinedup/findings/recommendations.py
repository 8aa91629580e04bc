"""Suggested actions for a finding, drawn from the interventions the evidence base links to its factor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from joinedup.evidence import PROVENANCE_LABELS, EvidenceBase, Provenance
from joinedup.findings.finding import Finding

NOTHING_TO_DO: frozenset[str] = frozenset({"strength", "reliability", "uncertainty", "unclear", "voice"})
"""A strength needs keeping, not fixing; a reliability finding is about the questions, and the
remedy is to read the score with care and review the statements, not to change the partnership;
many "don't know" answers say people cannot see the work, not that it is lacking, so an action to
fix the factor would answer a problem the data do not show (the finding says to make it visible);
an unclear factor needs more answers before anyone acts on it; who answered is about the survey,
not a factor to fix."""


PROVENANCE_ORDER: tuple[Provenance, ...] = tuple(Provenance)
"""Most direct support first: tested, reported, inverse of a barrier, joinedup's suggestion."""


@dataclass(frozen=True)
class Recommendation:
    """An intervention offered for a finding, with what kind of advice it is.

    `provenance`, `basis` and `caveats` travel with every recommendation so that no output can
    show the action without them. `factor_works` say the factor matters; `action_works` support
    the action itself (usually none). Both hold work keys. `answers` lists every finding the action
    answers, the one it is shown under (`finding`) first: findings that lead to the same
    intervention share one recommendation instead of repeating it.
    """

    finding: str
    intervention: str
    title: str
    what_to_do: str
    addresses_barrier: str
    provenance: Provenance
    basis: str
    caveats: tuple[str, ...]
    factor_works: tuple[str, ...]
    action_works: tuple[str, ...]
    answers: tuple[str, ...] = ()

    @property
    def provenance_label(self) -> str:
        return PROVENANCE_LABELS[self.provenance]

    def to_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "intervention": self.intervention,
            "title": self.title,
            "what_to_do": self.what_to_do,
            "addresses_barrier": self.addresses_barrier,
            "provenance": self.provenance.value,
            "provenance_label": self.provenance_label,
            "basis": self.basis,
            "caveats": list(self.caveats),
            "factor_works": list(self.factor_works),
            "action_works": list(self.action_works),
            "answers": list(self.answers or (self.finding,)),
        }


def recommend(finding: Finding, evidence: EvidenceBase) -> list[Recommendation]:
    """The interventions for the finding's factor, most directly supported first, then by id.

    Ordering by provenance, not by how many works are listed, keeps a long citation list (works
    that say the factor matters) from outranking an action a work actually recommends.
    """
    if finding.kind in NOTHING_TO_DO:
        return []
    interventions = sorted(
        evidence.interventions_for(finding.factor),
        key=lambda item: (PROVENANCE_ORDER.index(item.provenance), item.id),
    )
    return [
        Recommendation(
            finding=finding.key,
            intervention=item.id,
            title=item.title,
            what_to_do=item.what_to_do,
            addresses_barrier=item.addresses_barrier,
            provenance=item.provenance,
            basis=item.basis,
            caveats=tuple(item.caveats),
            factor_works=tuple(item.factor_works),
            action_works=tuple(item.action_works),
        )
        for item in interventions
    ]


def merged_recommendations(
    findings: Sequence[Finding], evidence: EvidenceBase
) -> dict[str, tuple[Recommendation, ...]]:
    """Each finding's recommendations, with every intervention shown once.

    `findings` are ranked; an intervention goes under the first (most pressing) finding that leads
    to it, and lists in `answers` every finding it answers. Findings whose interventions were all
    shown earlier map to an empty tuple, so a report never repeats one action under three findings.
    """
    placed: set[str] = set()
    result: dict[str, list[Recommendation]] = {finding.key: [] for finding in findings}
    answers: dict[str, list[str]] = {}
    for finding in findings:
        for recommendation in recommend(finding, evidence):
            if recommendation.intervention in placed:
                answers[recommendation.intervention].append(finding.key)
                continue
            placed.add(recommendation.intervention)
            answers[recommendation.intervention] = [finding.key]
            result[finding.key].append(recommendation)
    return {
        key: tuple(replace(item, answers=tuple(answers[item.intervention])) for item in items)
        for key, items in result.items()
    }
