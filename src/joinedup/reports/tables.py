"""The report's tables as plain rows: the HTML shows them beside the charts, the workbook has one
sheet per table, so the two can never disagree.

A hidden figure is the analysis's `Suppressed` marker, never a blank, so that every renderer
writes the word "suppressed" where a small group's figure would be. Numbers are rounded here,
once, so the HTML and the workbook show the same digits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from joinedup.analysis.result import FactorResult, GroupFigure, RoundResult, Suppressed
from joinedup.analysis.rounds import natural_key
from joinedup.checks.records import RaciRole
from joinedup.checks.targets import expected_on_path
from joinedup.evidence import COMPONENT_NAMES, COMPONENTS
from joinedup.findings import Finding, factor_label
from joinedup.formatting import label, long_date, suppressed_phrase
from joinedup.reports.data import ReportData
from joinedup.reports.evidence_text import cited_works, in_text

SUPPRESSED = Suppressed()
Cell = str | int | float | Suppressed | None
_LETTER_ORDER = (RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE, RaciRole.CONSULTED, RaciRole.INFORMED)


@dataclass(frozen=True)
class ReportTable:
    """`sheet` is the workbook sheet's name (at most 31 characters, unique in a report)."""

    sheet: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _table(sheet: str, title: str, columns: Sequence[str], rows: Iterable[Sequence[Cell]]) -> ReportTable:
    return ReportTable(sheet, title, tuple(columns), tuple(tuple(row) for row in rows))


def _round(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(float(value), places)


def _percent(value: float | None) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def factor_name(data: ReportData, factor_id: str) -> str:
    return data.evidence.factor(factor_id).name


def factors_table(data: ReportData) -> ReportTable:
    rows: list[tuple[Cell, ...]] = []
    for factor in data.analysis.factors:
        rating = data.evidence.confidence[factor.id].label
        name = factor_name(data, factor.id)
        if factor.suppressed:
            rows.append(
                (name, SUPPRESSED, SUPPRESSED, None, None, "suppressed", rating, None, None, None, None)
            )
            continue
        trend = factor.trend
        rows.append(
            (
                name,
                factor.n,
                _round(factor.mean),
                _round(factor.ci[0]) if factor.ci else None,
                _round(factor.ci[1]) if factor.ci else None,
                factor_label(factor),
                rating,
                _round(trend.change) if trend else None,
                trend.direction if trend else None,
                _round(factor.alpha),
                _percent(factor.dont_know_rate),
            )
        )
    return _table(
        "Factors",
        f"Factor scores, {data.round}",
        (
            "Factor",
            "n",
            "Mean",
            "95% CI low",
            "95% CI high",
            "What the data support",
            "Confidence it matters",
            "Change",
            "Trend",
            "Alpha",
            "Don't know (%)",
        ),
        rows,
    )


def _group_cell(entry: GroupFigure | Suppressed | None) -> Cell:
    if isinstance(entry, GroupFigure):
        return _round(entry.mean)
    return SUPPRESSED if isinstance(entry, Suppressed) else None


def group_names(result: RoundResult, kind: str) -> list[str]:
    names: list[str] = []
    for factor in result.factors:
        for name in factor.groups.get(kind, {}):
            if name not in names:
                names.append(name)
    return names


def groups_wide_table(data: ReportData, kind: str = "agency") -> ReportTable:
    names = group_names(data.analysis, kind)
    headings = names if kind == "agency" else [label(name) for name in names]
    rows = [
        [factor_name(data, factor.id), *(_group_cell(factor.groups[kind].get(name)) for name in names)]
        for factor in data.analysis.factors
    ]
    group = "agency" if kind == "agency" else "role group"
    sheet = "Agency means" if kind == "agency" else "Role group means"
    return _table(sheet, f"Mean score by {group}, {data.round}", ("Factor", *headings), rows)


def factor_groups_rows(factor: FactorResult, kind: str = "agency") -> list[tuple[Cell, ...]]:
    rows: list[tuple[Cell, ...]] = []
    for code, entry in factor.groups.get(kind, {}).items():
        name = code if kind == "agency" else label(code)
        if isinstance(entry, GroupFigure):
            rows.append((name, entry.n, _round(entry.mean), _round(entry.sd)))
        else:
            rows.append((name, SUPPRESSED, SUPPRESSED, SUPPRESSED))
    return rows


GROUP_COLUMNS = ("Group", "n", "Mean", "SD")


def groups_long_table(data: ReportData) -> ReportTable:
    rows = [
        (factor_name(data, factor.id), kind.replace("_", " "), *row)
        for factor in data.analysis.factors
        for kind in ("agency", "role_group")
        for row in factor_groups_rows(factor, kind)
    ]
    return _table(
        "Groups",
        f"Each factor by agency and role group, {data.round}",
        ("Factor", "Breakdown", *GROUP_COLUMNS),
        rows,
    )


ITEM_COLUMNS = ("Item", "Statement", "Reverse-worded", "1", "2", "3", "4", "5", "Don't know", "Unanswered")


def factor_item_rows(data: ReportData, factor: FactorResult) -> list[tuple[Cell, ...]]:
    texts = {item.id: item.text for item in data.instrument.items}
    rows: list[tuple[Cell, ...]] = []
    for item in factor.items:
        counts = item.distribution
        figures: list[Cell] = [SUPPRESSED] * 7
        if counts is not None:
            figures = [counts.get(key, 0) for key in ("1", "2", "3", "4", "5", "dont_know", "unanswered")]
        rows.append((item.id, texts.get(item.id, item.id), "yes" if item.reverse else "no", *figures))
    return rows


def items_table(data: ReportData) -> ReportTable:
    rows = [
        (factor_name(data, factor.id), *row)
        for factor in data.analysis.factors
        for row in factor_item_rows(data, factor)
    ]
    return _table("Items", f"Answers to each statement, {data.round}", ("Factor", *ITEM_COLUMNS), rows)


def rounds_shown(data: ReportData) -> list[RoundResult]:
    return [*data.history, data.analysis]


def trends_table(data: ReportData) -> ReportTable:
    rounds = rounds_shown(data)
    rows = []
    for position, factor in enumerate(data.analysis.factors):
        cells: list[Cell] = [factor_name(data, factor.id)]
        for entry in rounds:
            earlier = entry.factors[position] if position < len(entry.factors) else None
            cells.append(SUPPRESSED if earlier is None or earlier.suppressed else _round(earlier.mean))
        rows.append(cells)
    return _table("Trends", "Mean score in each round", ("Factor", *(entry.round for entry in rounds)), rows)


def _groups_text(finding: Finding) -> str:
    return "; ".join(f"{group.name} {group.mean:.2f} (n = {group.n})" for group in finding.groups)


def findings_table(data: ReportData) -> ReportTable:
    rows = [
        (
            rank,
            finding.severity.value,
            finding.kind,
            finding.shown_label,
            factor_name(data, finding.factor) if finding.factor else "(who answered)",
            finding.statement,
            _round(finding.mean),
            _round(finding.ci_low),
            _round(finding.ci_high),
            finding.n,
            _groups_text(finding) or None,
            label(finding.confidence) if finding.confidence else None,
            "; ".join(finding.evidence_of),
            finding.key,
        )
        for rank, finding in enumerate(data.findings, start=1)
    ]
    return _table(
        "Findings",
        "Findings, most pressing first",
        (
            "Rank",
            "Severity",
            "Kind",
            "Label",
            "Factor",
            "Finding",
            "Mean",
            "95% CI low",
            "95% CI high",
            "n",
            "Groups compared",
            "Confidence it matters",
            "How we worked this out",
            "Key",
        ),
        rows,
    )


def recommendations_table(data: ReportData) -> ReportTable:
    """One row per suggested action: findings that lead to the same action share its row."""
    rows = [
        (
            recommendation.title,
            recommendation.what_to_do,
            recommendation.provenance_label,
            recommendation.provenance.value,
            recommendation.basis,
            " ".join(recommendation.caveats) or "none",
            "; ".join(in_text(data.evidence, key) for key in recommendation.action_works) or "none",
            "; ".join(in_text(data.evidence, key) for key in recommendation.factor_works) or "none",
            "; ".join(label(key) for key in recommendation.answers or (finding.key,)),
        )
        for finding in data.findings
        for recommendation in data.recommendations.get(finding.key, ())
    ]
    return _table(
        "Recommendations",
        "Suggested actions and what kind of advice each is",
        (
            "Suggested action",
            "What to do",
            "Kind of advice",
            "Provenance",
            "Basis",
            "Caveats",
            "Works that support this action",
            "Works that say this factor matters",
            "Findings it answers",
        ),
        rows,
    )


def actions_table(data: ReportData) -> ReportTable:
    rows = []
    for review in data.actions:
        action = review.action
        rows.append(
            (
                action.reference,
                action.what,
                action.owner,
                long_date(action.due) or None,
                action.success_measure or None,
                label(review.status.value),
                "yes" if review.overdue else "no",
                factor_name(data, action.factor) if action.factor else None,
                review.moved,
                _round(review.change),
                None if review.finding_open is None else ("yes" if review.finding_open else "no"),
            )
        )
    return _table(
        "Action plan",
        "The action plan and what has happened since",
        (
            "Action",
            "What",
            "Owner",
            "Due",
            "Success measure",
            "Status",
            "Overdue",
            "Factor",
            "Factor since last round",
            "Change",
            "Finding still reported",
        ),
        rows,
    )


def responses_table(data: ReportData) -> ReportTable:
    responses = data.analysis.responses
    rows: list[tuple[Cell, ...]] = []
    if responses is not None:
        for agency, answered in responses.by_agency.items():
            rows.append(
                (
                    agency,
                    answered.invited,
                    SUPPRESSED if answered.suppressed else answered.n,
                    SUPPRESSED if answered.suppressed else _percent(answered.rate),
                    ", ".join(answered.flags) or (suppressed_phrase() if answered.suppressed else None),
                )
            )
        rows.append(("All agencies", _invited_total(data), data.analysis.n, _overall_rate(data), None))
    return _table(
        "Responses",
        f"Responses by agency, {data.round}",
        ("Agency", "Invited", "Responded", "Response rate (%)", "Notes"),
        rows,
    )


def _invited_total(data: ReportData) -> int | None:
    responses = data.analysis.responses
    if responses is None:
        return None
    invited = [answered.invited for answered in responses.by_agency.values()]
    return None if not invited or any(count is None for count in invited) else sum(c or 0 for c in invited)


def _overall_rate(data: ReportData) -> float | None:
    invited = _invited_total(data)
    if not invited or data.analysis.n is None:
        return None
    return _percent(data.analysis.n / invited)


def role_groups_table(data: ReportData) -> ReportTable:
    responses = data.analysis.responses
    rows = []
    if responses is not None:
        rows = [
            (label(name), SUPPRESSED if isinstance(count, Suppressed) else count.n)
            for name, count in responses.by_role_group.items()
        ]
    return _table("Role groups", f"Responses by role group, {data.round}", ("Role group", "Responded"), rows)


def reliability_table(data: ReportData) -> ReportTable:
    """Each factor's alpha. A factor none of whose statements lowers alpha says "none": the dash
    of a missing figure, beside the count of complete answers, read as a range ("154 –")."""
    rows = []
    for factor in data.analysis.factors:
        lowering = ", ".join(item.id for item in factor.items if item.lowers_alpha) or "none"
        rows.append(
            (
                factor_name(data, factor.id),
                _round(factor.alpha),
                _round(factor.alpha_ci[0]) if factor.alpha_ci else None,
                _round(factor.alpha_ci[1]) if factor.alpha_ci else None,
                factor.alpha_n,
                lowering,
            )
        )
    return _table(
        "Reliability",
        "Internal consistency of each factor's statements (Cronbach's alpha)",
        ("Factor", "Alpha", "95% CI low", "95% CI high", "Complete answers", "Items lowering alpha"),
        rows,
    )


def suppression_table(data: ReportData) -> ReportTable:
    """What was hidden, by name only: never how small it was.

    Groups are drawn from every agency of the partnership and every role group offered, those
    with no answer included and given the same reason, so a group being named does not tell
    that anyone from it answered.
    """
    rows: list[tuple[Cell, ...]] = []
    if data.analysis.suppressed:
        rows.append(("The whole round", "fewer responses than the minimum group size"))
        return _table("Suppressed", "What was suppressed", ("Group or figure", "Why"), rows)
    for factor in data.analysis.factors:
        if factor.suppressed:
            rows.append((factor_name(data, factor.id), "too few scored answers"))
    offered = {"agency": data.offered_agencies, "role_group": data.offered_role_groups}
    hidden: dict[tuple[str, str], set[str]] = {}
    listed: dict[str, set[str]] = {kind: set() for kind in offered}
    for factor in data.analysis.factors:
        for kind, groups in factor.groups.items():
            listed.setdefault(kind, set()).update(groups)
            for name, entry in groups.items():
                if isinstance(entry, Suppressed):
                    hidden.setdefault((kind, name), set()).add(factor.id)
    every = {factor.id for factor in data.analysis.factors}
    for kind, names in offered.items():
        for name in names:
            if name not in listed[kind]:
                hidden[(kind, name)] = every
    why = (
        f"too few answered (none, or fewer than {data.min_group}), "
        "or hidden so another group cannot be worked out"
    )
    in_order = sorted(hidden.items(), key=lambda item: (item[0][0], natural_key(item[0][1])))
    for (kind, name), factors in in_order:
        shown = label(name) if kind == "role_group" else name
        where = "every factor" if factors == every else f"{len(factors)} factors"
        rows.append((f"{kind.replace('_', ' ')}: {shown}", f"hidden on {where}: {why}"))
    return _table("Suppressed", "What was suppressed", ("Group or figure", "Why"), rows)


def raci_table(data: ReportData) -> ReportTable:
    matrix = data.structure.roles
    if matrix is None:
        return _table("Responsibilities", "Responsibility (RACI) matrix", ("Task",), ())
    rows = []
    gaps = raci_gaps(data)
    for task in matrix.tasks:
        roles = matrix.roles_of(task.name)
        letters = [
            "".join(letter.value for letter in _LETTER_ORDER if letter in roles.get(agency, frozenset()))
            or None
            for agency in matrix.agencies
        ]
        rows.append((task.name, *letters, "; ".join(gaps.get(task.name, [])) or None))
    return _table("Responsibilities", "Responsibility (RACI) matrix", ("Task", *matrix.agencies, "Gap"), rows)


def raci_gaps(data: ReportData) -> dict[str, list[str]]:
    """Task → what is missing, read from the roles check's findings."""
    gaps: dict[str, list[str]] = {}
    labels = {
        "roles.no-accountable": "no one accountable",
        "roles.several-accountable": "several accountable",
        "roles.no-responsible": "no one responsible",
        "roles.consultation-overload": "too many consulted",
        "roles.beyond-competence": "beyond declared competence",
    }
    for check in data.check_findings:
        if check.rule not in labels:
            continue
        for record in check.records:
            if isinstance(record, dict) and isinstance(record.get("task"), str):
                names = gaps.setdefault(str(record["task"]), [])
                if labels[check.rule] not in names:
                    names.append(labels[check.rule])
    return gaps


def targets_table(data: ReportData) -> ReportTable:
    records = data.structure.targets
    rows: list[tuple[Cell, ...]] = []
    if records is not None:
        for target in records.targets:
            rows.append(
                (
                    target.reference,
                    target.title,
                    "baseline",
                    long_date(target.baseline_date) or None,
                    target.baseline,
                    None,
                    target.baseline,
                )
            )
            for reading in records.readings_of(target.reference):
                rows.append(
                    (
                        target.reference,
                        target.title,
                        reading.reported_by or "agreed",
                        long_date(reading.as_of),
                        reading.value,
                        reading.note or None,
                        _round(expected_on_path(target, reading.as_of)),
                    )
                )
            rows.append(
                (
                    target.reference,
                    target.title,
                    "target",
                    long_date(target.target_date) or None,
                    target.target_value,
                    None,
                    target.target_value,
                )
            )
    return _table(
        "Targets",
        "Targets: readings against a straight path from baseline to target",
        ("Target", "Title", "Reading", "Date", "Value", "Note", "On the path"),
        rows,
    )


def attendance_table(data: ReportData) -> ReportTable:
    records = data.structure.meetings
    if records is None:
        return _table("Attendance", "Attendance at meetings", ("Meeting",), ())
    meetings = sorted(records.meetings, key=lambda meeting: (meeting.held_on, meeting.reference))
    rows = [
        (
            meeting.reference,
            long_date(meeting.held_on),
            meeting.kind.value,
            *(
                (level.value if (level := meeting.level_of(agency)) else "absent")
                for agency in records.agencies
            ),
        )
        for meeting in meetings
    ]
    return _table(
        "Attendance",
        "Who attended each meeting, and at what level",
        ("Meeting", "Date", "Type", *records.agencies),
        rows,
    )


def funding_table(data: ReportData) -> ReportTable:
    records = data.structure.funding
    rows: list[tuple[Cell, ...]] = []
    if records is not None:
        for line in records.lines:
            rows.append(
                (
                    "funding line",
                    line.reference,
                    line.source,
                    line.agency,
                    line.certainty.value,
                    long_date(line.start) or None,
                    long_date(line.end) or None,
                    line.amount_per_year,
                )
            )
        for post in records.posts:
            rows.append(
                (
                    "post",
                    post.reference,
                    post.title,
                    post.agency,
                    post.contract.value,
                    None,
                    long_date(post.end) or None,
                    None,
                )
            )
    return _table(
        "Funding",
        "Funding lines and posts, with their end dates",
        (
            "Kind",
            "Reference",
            "Name",
            "Agency",
            "Certainty or contract",
            "Start",
            "End",
            "Amount per year (£)",
        ),
        rows,
    )


def gaps_table(data: ReportData) -> ReportTable:
    rows = [
        (check.severity.value, check.check, factor_name(data, check.factor), check.message)
        for check in data.check_findings
    ]
    return _table(
        "Structural gaps", "What the structure records show", ("Severity", "Check", "Factor", "Finding"), rows
    )


def comments_table(data: ReportData) -> ReportTable:
    rows: list[tuple[Cell, ...]] = []
    if data.comments is not None:
        for factor in data.analysis.factors:
            summary = data.comments.get(factor.id)
            if summary is not None and summary.count:
                rows.append(
                    (factor_name(data, factor.id), summary.count, " | ".join(summary.examples) or None)
                )
    return _table("Comments", "What people said", ("Factor", "Comments", "Examples"), rows)


def ratings_table(data: ReportData) -> ReportTable:
    """Confidence in the review's claim that each factor matters, with its four component judgements."""
    rows: list[tuple[Cell, ...]] = []
    for factor in data.evidence.factors:
        confidence = data.evidence.confidence[factor.id]
        judgements = tuple(
            f"{component.label}: {component.reason}" for component in confidence.components.values()
        )
        rows.append(
            (factor.name, confidence.label, confidence.times_reported, *judgements, confidence.reason)
        )
    return _table(
        "Evidence confidence",
        "Confidence that each factor matters (GRADE-CERQual components; not a rating of any action)",
        (
            "Factor",
            "Confidence",
            "Times reported",
            *(COMPONENT_NAMES[name] for name in COMPONENTS),
            "Why",
        ),
        rows,
    )


def works_table(data: ReportData) -> ReportTable:
    rows = [(work.key, data.evidence.harvard(work)) for work in cited_works(data)]
    return _table("Works cited", "Works cited", ("Key", "Reference"), rows)


def all_tables(data: ReportData) -> list[ReportTable]:
    """Every table the report shows, in the order of the report."""
    return [
        findings_table(data),
        factors_table(data),
        groups_wide_table(data, "agency"),
        groups_wide_table(data, "role_group"),
        groups_long_table(data),
        items_table(data),
        trends_table(data),
        comments_table(data),
        raci_table(data),
        targets_table(data),
        attendance_table(data),
        funding_table(data),
        gaps_table(data),
        responses_table(data),
        role_groups_table(data),
        suppression_table(data),
        reliability_table(data),
        ratings_table(data),
        recommendations_table(data),
        actions_table(data),
        works_table(data),
    ]
