"""Citations as the report prints them: in-text in tables, Harvard in the list of works cited."""

from __future__ import annotations

from joinedup.evidence import EvidenceBase, Work
from joinedup.reports.data import ReportData


def in_text(evidence: EvidenceBase, key: str) -> str:
    """The in-text citation, or the key itself for a work the evidence base does not know."""
    try:
        return evidence.cite(key)
    except KeyError:
        return key


def cited_works(data: ReportData) -> list[Work]:
    """The works the report cites for its factors and its suggested actions, in reference-list
    order (by the reference's text, as Harvard lists are alphabetical)."""
    keys: set[str] = set()
    for factor in data.analysis.factors:
        keys.update(work.key for work in data.evidence.works_for(factor.id, include_general=False))
        for intervention in data.evidence.interventions_for(factor.id):
            keys.update(intervention.factor_works)
            keys.update(intervention.action_works)
    known = [work for work in data.evidence.works if work.key in keys]
    return sorted(known, key=lambda work: (data.evidence.harvard(work).casefold(), work.key))
