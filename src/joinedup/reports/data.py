"""Everything one partnership's report shows for one round, gathered once as plain data.

Both shells build a report the same way: the CLI from files, the web app from its database,
each then calls `build_report_data` with the same kind of plain inputs and hands the result to
the HTML, PDF or XLSX renderer. Nothing here reads a clock: the report's date is passed in, so
the same inputs always give the same report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from joinedup.analysis.result import AnalysisResult, RoundResult, Thresholds
from joinedup.checks.finding import CheckFinding, ranked
from joinedup.checks.funding import check_funding
from joinedup.checks.meetings import check_meetings
from joinedup.checks.records import FundingRecords, MeetingRecords, RaciMatrix, TargetRecords
from joinedup.checks.roles import check_roles
from joinedup.checks.targets import check_targets
from joinedup.evidence import EvidenceBase
from joinedup.findings import (
    ActionPlanItem,
    ActionReview,
    Finding,
    Recommendation,
    build_findings,
    merged_recommendations,
    review_actions,
)
from joinedup.instrument import Instrument


class CommentSummary(Protocol):
    """What people said about one factor: a count over everyone and quotes from large groups only
    (`joinedup.tagging.FactorComments` has this shape)."""

    @property
    def count(self) -> int: ...

    @property
    def examples(self) -> list[str]: ...


@dataclass(frozen=True)
class StructureRecords:
    """The partnership's structure records; any of them may be absent."""

    roles: RaciMatrix | None = None
    targets: TargetRecords | None = None
    meetings: MeetingRecords | None = None
    funding: FundingRecords | None = None


@dataclass(frozen=True)
class ReportData:
    """The report's content. `history` holds the partnership's earlier rounds, oldest first."""

    partnership: str
    round: str
    generated_on: date
    thresholds: Thresholds
    instrument_version: str | None
    analysis: RoundResult
    history: tuple[RoundResult, ...]
    findings: tuple[Finding, ...]
    recommendations: Mapping[str, tuple[Recommendation, ...]]
    actions: tuple[ActionReview, ...]
    structure: StructureRecords
    check_findings: tuple[CheckFinding, ...]
    evidence: EvidenceBase
    instrument: Instrument
    comments: Mapping[str, CommentSummary] | None = field(default=None)
    practice: Mapping[str, Any] | None = field(default=None)
    """Pooled learning results (`joinedup.learning.pool.pool_records`), when given: practice-based
    evidence is shown beside the literature for the recommendations it covers."""
    offered_agencies: tuple[str, ...] = ()
    offered_role_groups: tuple[str, ...] = ()
    """Every agency of the partnership and every role group its survey offered, answered or not.
    The groups too small to show are named from these, those with no answer among them, so being
    named never tells that someone from a group answered."""

    @property
    def previous(self) -> RoundResult | None:
        return self.history[-1] if self.history else None

    @property
    def min_group(self) -> int:
        return self.thresholds.min_group


def run_checks(structure: StructureRecords, *, today: date) -> list[CheckFinding]:
    """Every structural check the records allow, ranked as the checks rank them."""
    found: list[CheckFinding] = []
    if structure.roles is not None:
        found += check_roles(structure.roles, today=today)
    if structure.targets is not None:
        found += check_targets(structure.targets, today=today)
    if structure.meetings is not None:
        found += check_meetings(structure.meetings, today=today)
    if structure.funding is not None:
        found += check_funding(structure.funding, today=today)
    return ranked(found)


def _rounds_of(
    analysis: AnalysisResult, partnership: str, round_label: str
) -> tuple[RoundResult, list[RoundResult]]:
    rounds = [entry for entry in analysis.rounds if entry.partnership == partnership]
    if not rounds:
        known = sorted({entry.partnership for entry in analysis.rounds})
        raise ValueError(f"no responses for partnership {partnership!r}; the data has: {', '.join(known)}")
    labels = [entry.round for entry in rounds]
    if round_label not in labels:
        raise ValueError(
            f"partnership {partnership!r} has no round {round_label!r}; it has: {', '.join(labels)}"
        )
    position = labels.index(round_label)
    return rounds[position], rounds[:position]


def build_report_data(
    analysis: AnalysisResult,
    partnership: str,
    round_label: str,
    *,
    evidence: EvidenceBase,
    instrument: Instrument,
    today: date,
    structure: StructureRecords | None = None,
    actions: Sequence[ActionPlanItem] = (),
    comments: Mapping[str, CommentSummary] | None = None,
    practice: Mapping[str, Any] | None = None,
    agencies: Sequence[str] = (),
    role_groups: Sequence[str] = (),
) -> ReportData:
    """Findings, recommendations and the action review for one round, with everything they rest on.

    `analysis` may cover many partnerships and rounds; the partnership's rounds before
    `round_label` become its history. `today` dates the report and is the day the structural
    checks and overdue actions are judged against. Raises ValueError naming what is available
    when the partnership or round is not in the analysis. `practice` is pooled learning results
    from many partnerships; recommendations with an entry show it as practice-based evidence.
    `agencies` and `role_groups` are every agency of the partnership and every role group offered
    (the web app has them; the CLI only the ones in the files): groups among them with no answer
    are listed with the groups too small to show.
    """
    current, history = _rounds_of(analysis, partnership, round_label)
    previous = history[-1] if history else None
    records = structure or StructureRecords()
    checks = run_checks(records, today=today)
    findings = build_findings(
        current,
        checks,
        evidence,
        previous=previous,
        min_group=analysis.thresholds.min_group,
        agencies=agencies,
    )
    return ReportData(
        partnership=partnership,
        round=round_label,
        generated_on=today,
        thresholds=analysis.thresholds,
        instrument_version=analysis.instrument_version,
        analysis=current,
        history=tuple(history),
        findings=tuple(findings),
        recommendations=merged_recommendations(findings, evidence),
        actions=tuple(review_actions(actions, current, previous, today=today, findings_now=findings)),
        structure=records,
        check_findings=tuple(checks),
        evidence=evidence,
        instrument=instrument,
        comments=comments,
        practice=practice,
        offered_agencies=tuple(agencies),
        offered_role_groups=tuple(role_groups),
    )


def finding_records(data: ReportData) -> list[dict[str, Any]]:
    """The round's findings as plain records, most pressing first, each with its recommendations.

    This is the one list every output is built from: `joinedup findings` prints it, and the
    dashboard and every report format show `data.findings` with `data.recommendations`, which it
    only flattens. Each recommendation carries its provenance (in words and as an id), basis and
    caveats, and keeps works that say the factor matters apart from works that support the action.
    """
    names = {factor.id: factor.name for factor in data.evidence.factors}
    records = []
    for finding in data.findings:
        record = finding.to_dict()
        record["factor_name"] = names.get(finding.factor) if finding.factor else None
        record["recommendations"] = [item.to_dict() for item in data.recommendations.get(finding.key, ())]
        records.append(record)
    return records
