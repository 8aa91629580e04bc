"""Reading structure sheets (roles, targets, meetings, funding, action plan) into the plain
records the checks take, all or nothing.

Every problem in every sheet of an import is collected and reported together, each naming
the file (and sheet), row, column, value and reason; no records come back unless the whole
import is sound. The `parse_*` functions take tables already read (the web app reads
uploads itself); the `read_*` functions take paths: a workbook holding the kind's sheets by
name, or a CSV file per sheet. The layouts are in `structure_layouts`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import date
from pathlib import Path

from joinedup.checks.raci import RaciCellError, raci_cell
from joinedup.checks.record_rules import RecordProblem, reading_problems, target_problems
from joinedup.checks.records import (
    ActionItem,
    ActionStatus,
    ActionUpdate,
    AgencyCompetence,
    AttendanceLevel,
    ContractType,
    FundingCertainty,
    FundingLine,
    FundingMechanism,
    FundingRecords,
    Meeting,
    MeetingAction,
    MeetingActionStatus,
    MeetingAttendance,
    MeetingRecords,
    MeetingType,
    Polarity,
    Post,
    RaciMatrix,
    RaciRole,
    RaciTask,
    RoleAssignment,
    Target,
    TargetReading,
    TargetRecords,
    UnfundedCost,
)
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.io.safety import STRUCTURE_LIMITS, Limits
from joinedup.io.structure_cells import Row, check_header, rows, sheet_label, split_list
from joinedup.io.structure_layouts import (
    ACTION_UPDATES,
    ACTIONS,
    COMPETENCES,
    FUNDING_LINES,
    MEETING_ACTIONS,
    MEETINGS,
    POSTS,
    READINGS,
    ROLES,
    SHEETS,
    TARGETS,
    UNFUNDED_COSTS,
    Kind,
    SheetLayout,
)
from joinedup.io.tables import SPREADSHEET_SUFFIXES, RowError, Table, TableError, read_table, sheet_names

_DECISION_SEPARATORS = re.compile(r"[\n;]+")


class StructureImportFailed(TableError):
    """The import was refused; `errors` lists every problem in every sheet."""


def _refuse_if(errors: list[RowError]) -> None:
    if errors:
        raise StructureImportFailed(errors)


class _Uniques:
    """Remembers the row where each id was first seen, to report repeats against it."""

    def __init__(self) -> None:
        self.first_row: dict[str, int] = {}

    def claim(self, row: Row, column: str, value: str | None) -> bool:
        if value is None:
            return False
        if value in self.first_row:
            row.error(column, value, f"is already used on row {self.first_row[value]}; ids must be unique")
            return False
        self.first_row[value] = row.row_number
        return True


def _sheet_rows(table: Table, layout: SheetLayout, errors: list[RowError]) -> tuple[list[Row], list[str]]:
    mapping, extra = check_header(table, layout, errors)
    return list(rows(table, mapping, errors)), extra


# --- roles -------------------------------------------------------------------------------


def _raci_letters(row: Row, agency: str) -> tuple[RaciRole, ...]:
    """The roles in the agency's cell, by the one rule of `joinedup.checks.raci`."""
    text = row.cells.get(agency, "")
    try:
        roles = raci_cell(text)
    except RaciCellError as refused:
        row.error(agency, text, str(refused))
        return ()
    return tuple(role for role in RaciRole if role in roles)


def parse_roles(roles: Table, competences: Table | None = None) -> RaciMatrix:
    """The matrix from the roles sheet (task rows × agency columns) and the optional competences."""
    errors: list[RowError] = []
    task_rows, agencies = _sheet_rows(roles, ROLES, errors)
    tasks: list[RaciTask] = []
    assignments: list[RoleAssignment] = []
    seen = _Uniques()
    for row in task_rows:
        name = row.text("task", required=True)
        if not seen.claim(row, "task", name) or name is None:
            continue
        tasks.append(RaciTask(name, row.text("competence")))
        for agency in agencies:
            assignments += [RoleAssignment(name, agency, role) for role in _raci_letters(row, agency)]
    declared: list[AgencyCompetence] = []
    if competences is not None:
        competence_rows, _ = _sheet_rows(competences, COMPETENCES, errors)
        pairs = _Uniques()
        for row in competence_rows:
            holder, competence = row.text("agency", required=True), row.text("competence", required=True)
            if holder is not None and holder not in agencies:
                row.error("agency", holder, f"is not an agency column of {sheet_label(roles)}")
            elif holder and competence and pairs.claim(row, "competence", f"{holder}: {competence}"):
                declared.append(AgencyCompetence(holder, competence))
    _refuse_if(errors)
    return RaciMatrix(tuple(agencies), tuple(tasks), tuple(assignments), tuple(declared))


# --- targets -----------------------------------------------------------------------------


_TARGET_COLUMNS = {"target_value": "target"}
"""Where a target field's column has another name in the sheet."""


def _report(row: Row, problems: list[RecordProblem], columns: Mapping[str, str] | None = None) -> bool:
    """Each broken rule as an error on its row and column; True when there were none."""
    for problem in problems:
        column = (columns or {}).get(problem.field, problem.field)
        row.error(column, row.cells.get(column, "").strip() or None, problem.message)
    return not problems


def parse_targets(
    targets: Table, readings: Table | None = None, *, today: date | None = None
) -> TargetRecords:
    """Targets and their readings, refused row by row where they break the rules of
    `joinedup.checks.record_rules` (the web forms' rules); readings dated after `today` are
    refused when it is given."""
    errors: list[RowError] = []
    target_rows, _ = _sheet_rows(targets, TARGETS, errors)
    parsed: list[Target] = []
    by_reference: dict[str, Target] = {}
    seen = _Uniques()
    for row in target_rows:
        reference, title = row.text("reference", required=True), row.text("title", required=True)
        candidate = Target(
            reference or "",
            title or "",
            measure=row.text("measure"),
            unit=row.text("unit"),
            polarity=row.choice("polarity", Polarity),
            baseline=row.number("baseline"),
            baseline_date=row.date("baseline_date"),
            target_value=row.number("target"),
            target_date=row.date("target_date"),
            owner=row.text("owner"),
            responsible_party=row.text("responsible_party"),
        )
        sound = _report(row, target_problems(candidate), _TARGET_COLUMNS)
        if seen.claim(row, "reference", reference) and reference and title:
            parsed.append(candidate)
            if sound:
                by_reference[reference] = candidate
    values: list[TargetReading] = []
    if readings is not None:
        reading_rows, _ = _sheet_rows(readings, READINGS, errors)
        repeats = _Uniques()
        for row in reading_rows:
            target, as_of = row.text("target", required=True), row.date("as_of", required=True)
            value, reporter = row.number("value", required=True), row.text("reported_by")
            if target is not None and target not in seen.first_row:
                row.error("target", target, f"is not a target in {sheet_label(targets)}")
                continue
            key = f"{target} on {as_of} by {reporter or 'the partnership'}"
            measured = by_reference.get(target or "")
            if measured and as_of and value is not None:
                _report(row, reading_problems(measured, as_of, value, today=today))
            if target and as_of and value is not None and repeats.claim(row, "as_of", key):
                values.append(TargetReading(target, as_of, value, reporter, row.text("note") or ""))
    _refuse_if(errors)
    return TargetRecords(tuple(parsed), tuple(values))


# --- meetings ----------------------------------------------------------------------------


def _attendance(row: Row, agencies: list[str]) -> tuple[MeetingAttendance, ...]:
    attended: list[MeetingAttendance] = []
    for agency in agencies:
        level = row.choice(agency, AttendanceLevel)
        if level is not None:
            attended.append(MeetingAttendance(agency, level))
    return tuple(attended)


def parse_meetings(meetings: Table, actions: Table | None = None) -> MeetingRecords:
    """Meetings (one row each, an attendance level per agency column) and their actions."""
    errors: list[RowError] = []
    meeting_rows, agencies = _sheet_rows(meetings, MEETINGS, errors)
    actions_at: dict[str, list[MeetingAction]] = {}
    if actions is not None:
        action_rows, _ = _sheet_rows(actions, MEETING_ACTIONS, errors)
        known = {row.cells.get("meeting", "").strip() for row in meeting_rows}
        pairs = _Uniques()
        for row in action_rows:
            meeting, reference = row.text("meeting", required=True), row.text("action", required=True)
            description = row.text("description", required=True)
            status = row.choice("status", MeetingActionStatus, required=True)
            if meeting is not None and meeting not in known:
                row.error("meeting", meeting, f"is not a meeting in {sheet_label(meetings)}")
            elif (
                meeting
                and reference
                and description
                and status
                and pairs.claim(row, "action", f"{reference} at {meeting}")
            ):
                action = MeetingAction(reference, description, status, row.text("owner"))
                actions_at.setdefault(meeting, []).append(action)
    parsed: list[Meeting] = []
    seen = _Uniques()
    for row in meeting_rows:
        reference, held_on = row.text("meeting", required=True), row.date("date", required=True)
        kind, attendance = row.choice("type", MeetingType, required=True), _attendance(row, agencies)
        decisions = tuple(
            d.strip() for d in _DECISION_SEPARATORS.split(row.text("decisions") or "") if d.strip()
        )
        if seen.claim(row, "meeting", reference) and reference and held_on and kind:
            parsed.append(
                Meeting(reference, held_on, kind, attendance, decisions, tuple(actions_at.get(reference, ())))
            )
    _refuse_if(errors)
    return MeetingRecords(tuple(agencies), tuple(parsed))


# --- funding -----------------------------------------------------------------------------


def _funding_line(row: Row) -> FundingLine | None:
    reference, source, agency = (row.text(c, required=True) for c in ("line", "source", "agency"))
    amount = row.number("amount_per_year", required=True, minimum=0)
    mechanism = row.choice("mechanism", FundingMechanism, required=True)
    certainty = row.choice("certainty", FundingCertainty, required=True)
    start, end = row.date("start"), row.date("end")
    if start and end and end < start:
        row.error("end", row.cells.get("end"), f"is before the start ({start.isoformat()})")
        return None
    if not (reference and source and agency and amount is not None and mechanism and certainty):
        return None
    return FundingLine(
        reference, source, agency, amount, mechanism, certainty, row.text("legal_basis"), start, end
    )


def parse_funding(lines: Table, posts: Table | None = None, costs: Table | None = None) -> FundingRecords:
    errors: list[RowError] = []
    line_rows, _ = _sheet_rows(lines, FUNDING_LINES, errors)
    parsed_lines: list[FundingLine] = []
    seen_lines = _Uniques()
    for row in line_rows:
        line = _funding_line(row)
        if seen_lines.claim(row, "line", row.text("line")) and line is not None:
            parsed_lines.append(line)
    parsed_posts: list[Post] = []
    if posts is not None:
        post_rows, _ = _sheet_rows(posts, POSTS, errors)
        seen_posts = _Uniques()
        for row in post_rows:
            reference, title, agency = (row.text(c, required=True) for c in ("post", "title", "agency"))
            funded_by = split_list(row.text("funded_by", required=True) or "")
            contract, end = row.choice("contract", ContractType, required=True), row.date("end")
            unknown = [ref for ref in funded_by if ref not in seen_lines.first_row]
            if unknown:
                row.error("funded_by", "; ".join(unknown), f"is not a funding line in {sheet_label(lines)}")
            elif (
                seen_posts.claim(row, "post", reference)
                and reference
                and title
                and agency
                and funded_by
                and contract
            ):
                parsed_posts.append(Post(reference, title, agency, funded_by, contract, end))
    parsed_costs: list[UnfundedCost] = []
    if costs is not None:
        cost_rows, _ = _sheet_rows(costs, UNFUNDED_COSTS, errors)
        seen_costs = _Uniques()
        for row in cost_rows:
            reference, description = row.text("cost", required=True), row.text("description", required=True)
            amount, agencies = (
                row.number("amount_per_year", minimum=0),
                split_list(row.text("agencies") or ""),
            )
            if seen_costs.claim(row, "cost", reference) and reference and description:
                parsed_costs.append(
                    UnfundedCost(reference, description, amount, agencies, row.text("note") or "")
                )
    _refuse_if(errors)
    return FundingRecords(tuple(parsed_lines), tuple(parsed_posts), tuple(parsed_costs))


# --- action plan -------------------------------------------------------------------------


def _bundled_intervention_ids() -> frozenset[str]:
    """The bundled evidence base's intervention ids, loaded only when a sheet names one."""
    from joinedup.evidence.loading import load_evidence_base

    return frozenset(item.id for item in load_evidence_base().interventions)


def parse_actions(
    actions: Table, updates: Table | None = None, *, interventions: Collection[str] | None = None
) -> tuple[ActionItem, ...]:
    """The action plan and its dated updates, all or nothing.

    `interventions` are the intervention ids an action may name (the deployment's evidence base);
    when not given, the bundled evidence base's, so an action cannot claim an intervention that
    pooled learning would not recognise.
    """
    errors: list[RowError] = []
    action_rows, _ = _sheet_rows(actions, ACTIONS, errors)
    updates_of: dict[str, list[ActionUpdate]] = {}
    if updates is not None:
        update_rows, _ = _sheet_rows(updates, ACTION_UPDATES, errors)
        known = {row.cells.get("action", "").strip() for row in action_rows}
        for row in update_rows:
            action, on = row.text("action", required=True), row.date("date", required=True)
            status = row.choice("status", ActionStatus, required=True)
            if action is not None and action not in known:
                row.error("action", action, f"is not an action in {sheet_label(actions)}")
            elif action and on and status:
                updates_of.setdefault(action, []).append(ActionUpdate(on, status, row.text("note") or ""))
    parsed: list[ActionItem] = []
    seen = _Uniques()
    for row in action_rows:
        reference, what, owner = (row.text(c, required=True) for c in ("action", "what", "owner"))
        status, due, factor = (
            row.choice("status", ActionStatus, required=True),
            row.date("due"),
            row.text("factor"),
        )
        if factor is not None and factor not in FACTOR_IDS:
            row.error("factor", factor, "is not a factor id; see `joinedup evidence factors`")
            factor = None
        intervention = row.text("intervention")
        if intervention is not None:
            known_interventions = _bundled_intervention_ids() if interventions is None else interventions
            if intervention not in known_interventions:
                row.error("intervention", intervention, "is not an intervention id in the evidence base")
                intervention = None
        if seen.claim(row, "action", reference) and reference and what and owner and status:
            parsed.append(
                ActionItem(
                    reference,
                    what,
                    owner,
                    status,
                    due,
                    factor,
                    row.text("finding"),
                    tuple(sorted(updates_of.get(reference, ()), key=lambda u: u.on)),
                    row.text("success_measure") or "",
                    row.date("created_on"),
                    intervention,
                )
            )
    _refuse_if(errors)
    return tuple(parsed)


# --- files -------------------------------------------------------------------------------


def _workbook_sheets(path: Path, limits: Limits) -> list[str]:
    """The sheet names, or none when the file is not a readable workbook (reading it says why)."""
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        return []
    try:
        return sheet_names(path, limits)
    except TableError:
        return []


def load_tables(
    kind: Kind, path: Path, companions: Mapping[str, Path | None], *, limits: Limits = STRUCTURE_LIMITS
) -> tuple[Table, list[Table | None]]:
    """The main table of a kind and its companions in the order of `SHEETS[kind]`.

    A workbook supplies each sheet by its layout name (the main sheet may also be the first
    sheet under another name); a companion given as its own file overrides the workbook's.
    Missing companions come back as None. File-level problems in all files are reported at once.
    Each file is checked against `limits` (at most 5,000 rows a sheet by default) before it is read.
    """
    main, *others = SHEETS[kind]
    in_workbook = _workbook_sheets(path, limits)
    sources: list[tuple[Path, str | None] | None] = [(path, main.name if main.name in in_workbook else None)]
    for layout in others:
        own = companions.get(layout.name)
        if own is not None:
            sources.append((own, layout.name if layout.name in _workbook_sheets(own, limits) else None))
        elif layout.name in in_workbook:
            sources.append((path, layout.name))
        else:
            sources.append(None)
    tables: list[Table | None] = []
    errors: list[RowError] = []
    for source in sources:
        if source is None:
            tables.append(None)
            continue
        try:
            tables.append(read_table(source[0], sheet=source[1], limits=limits))
        except TableError as failure:
            errors += failure.errors
            tables.append(None)
    _refuse_if(errors)
    main_table, *companion_tables = tables
    assert main_table is not None, "an unreadable main sheet is refused above"
    return main_table, companion_tables


def read_roles(path: Path, *, competences: Path | None = None) -> RaciMatrix:
    roles, (declared,) = load_tables("roles", path, {"competences": competences})
    return parse_roles(roles, declared)


def read_targets(path: Path, *, readings: Path | None = None, today: date | None = None) -> TargetRecords:
    """As `parse_targets`; readings are judged against `today`, the real date when not given."""
    targets, (values,) = load_tables("targets", path, {"readings": readings})
    return parse_targets(targets, values, today=today or date.today())


def read_meetings(path: Path, *, actions: Path | None = None) -> MeetingRecords:
    meetings, (raised,) = load_tables("meetings", path, {"meeting_actions": actions})
    return parse_meetings(meetings, raised)


def read_funding(path: Path, *, posts: Path | None = None, costs: Path | None = None) -> FundingRecords:
    lines, (post_table, cost_table) = load_tables("funding", path, {"posts": posts, "unfunded_costs": costs})
    return parse_funding(lines, post_table, cost_table)


def read_actions(path: Path, *, updates: Path | None = None) -> tuple[ActionItem, ...]:
    actions, (dated,) = load_tables("actions", path, {"action_updates": updates})
    return parse_actions(actions, dated)
