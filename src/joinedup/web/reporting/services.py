"""The report's inputs gathered from the database, handed to the same core the CLI uses.

The web app and `joinedup report` differ only in where the plain inputs come from:
here, the partnership's rounds, invitations, structure records and action plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from joinedup.analysis import AnalysisResult, analyse, min_group_for
from joinedup.analysis.population import suppression_population
from joinedup.evidence import EvidenceBase
from joinedup.findings import ActionPlanItem
from joinedup.instrument.reference import NATIONS, load_role_groups
from joinedup.reports.data import CommentSummary, ReportData, StructureRecords, build_report_data
from joinedup.reports.html import report_context
from joinedup.web.evidence_browser.source import current_evidence_base
from joinedup.web.partnerships.models import Round, RoundStatus
from joinedup.web.partnerships.responses import frame_for_rounds, invitations_frame
from joinedup.web.structure import convert

from .cache import fingerprint, store_report_data, stored_report_data, with_stored_charts


def reportable_rounds(partnership_rounds: list[Round]) -> list[Round]:
    """Rounds with answers that are not still collecting them: an open round's figures would shift."""
    return [r for r in partnership_rounds if r.status == RoundStatus.CLOSED and r.responses.exists()]


def structure_records(a_round: Round) -> StructureRecords:
    partnership = a_round.partnership
    return StructureRecords(
        roles=convert.raci_matrix(partnership),
        targets=convert.target_records(partnership),
        meetings=convert.meeting_records(partnership),
        funding=convert.funding_records(partnership),
    )


def action_plan(a_round: Round) -> tuple[ActionPlanItem, ...]:
    return tuple(ActionPlanItem.from_record(item) for item in convert.action_items(a_round.partnership))


def comment_summaries(a_round: Round) -> Mapping[str, CommentSummary] | None:
    from joinedup.web.comments.summary import comments_by_factor

    return comments_by_factor(a_round)


def analysed_rounds(a_round: Round) -> list[Round]:
    """The rounds `round_analysis` analyses for `a_round`: the partnership's reportable rounds up
    to it, and it, in order of opening."""
    rounds = [
        r
        for r in reportable_rounds(list(a_round.partnership.rounds.order_by("opens_on", "pk")))
        if r.opens_on <= a_round.opens_on
    ]
    if a_round not in rounds:
        rounds.append(a_round)
    return rounds


def counted_agencies(a_round: Round) -> tuple[str, ...]:
    """The agencies listed for `a_round` wherever its figures are shown, by the core rule
    (`joinedup.analysis.population`) over the rounds its analysis covers, so the round page,
    the comments pages and the analysis hide the same agencies."""
    return suppression_population(
        (
            r.responses.filter(agency__isnull=False).values_list("agency__name", flat=True).distinct(),
            r.invitations.filter(agency__isnull=False, invited__isnull=False).values_list(
                "agency__name", flat=True
            ),
        )
        for r in analysed_rounds(a_round)
    )


def analysis_min_group(a_round: Round) -> int:
    """The minimum group size `round_analysis` applies for `a_round`: the largest of its rounds'."""
    return min_group_for(r.min_group_size for r in analysed_rounds(a_round))


def round_analysis(a_round: Round) -> AnalysisResult:
    """The analysis the report and dashboard publish for `a_round`, with earlier rounds as its history.

    Partnerships are keyed by name: `result.find(partnership.name, a_round.name)`.
    """
    partnership = a_round.partnership
    rounds = analysed_rounds(a_round)
    frame = frame_for_rounds(rounds)
    frame["partnership"] = partnership.name
    invitations = invitations_frame(rounds)
    invitations["partnership"] = partnership.name
    instrument = a_round.instrument()
    return analyse(
        frame,
        instrument.items,
        min_group=analysis_min_group(a_round),
        invitations=invitations,
        round_order=[r.name for r in rounds],
        instrument_version=instrument.version,
        round_versions={r.name: r.instrument_version for r in rounds},
    )


def report_data(a_round: Round, *, today: date, evidence: EvidenceBase | None = None) -> ReportData:
    """Everything the report for `a_round` shows, with earlier rounds as its history.

    Computed once per fingerprint (see cache.py) and stored, so the dashboard, the downloads and the
    accept/set-aside pages read it; an explicit `evidence` base is computed afresh and not stored.
    """
    if evidence is not None:
        return compute_report_data(a_round, today=today, evidence=evidence)
    return _stored_report_data(a_round, today=today)[0]


def _stored_report_data(a_round: Round, *, today: date) -> tuple[ReportData, str]:
    key = fingerprint(a_round, today=today)
    stored = stored_report_data(a_round, key)
    if stored is not None:
        return stored, key
    data = compute_report_data(a_round, today=today)
    store_report_data(a_round, key, data)
    return data, key


def dashboard_report(a_round: Round, *, today: date) -> tuple[ReportData, dict[str, Any]]:
    """The report data and the template context the dashboard shows, its charts drawn once."""
    data, key = _stored_report_data(a_round, today=today)
    return data, with_stored_charts(a_round, key, report_context(data))


def compute_report_data(a_round: Round, *, today: date, evidence: EvidenceBase | None = None) -> ReportData:
    """The whole chain (analysis, checks, findings, recommendations) from the database, uncached."""
    from joinedup.web.learning.services import pooled_result

    partnership = a_round.partnership
    analysis = round_analysis(a_round)
    instrument = a_round.instrument()
    nation = partnership.nation if partnership.nation in NATIONS else None
    return build_report_data(
        analysis,
        partnership.name,
        a_round.name,
        evidence=evidence or current_evidence_base(),
        instrument=instrument,
        today=today,
        structure=structure_records(a_round),
        actions=action_plan(a_round),
        comments=comment_summaries(a_round),
        practice=pooled_result(),
        agencies=sorted(partnership.agencies.values_list("name", flat=True)),
        role_groups=[group.id for group in load_role_groups(nation)],
    )
