"""Structural checks on roles, targets, meetings and funding.

Each check exits 1 when it finds a problem (any finding above "info"), 0 when it finds none and
2 when a sheet cannot be read, so a script or CI job can act on the result.
Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer

from joinedup.cli._app import check_app
from joinedup.cli._common import (
    EXIT_PROBLEMS,
    TODAY_HELP,
    OutAlias,
    Rows,
    SheetFormat,
    add_plain_row,
    check_date,
    emit,
    fail,
    fail_all,
    judged_on,
    required_output,
    say,
)

if TYPE_CHECKING:
    from rich.table import Table

    from joinedup.checks.finding import CheckFinding

_Records = TypeVar("_Records")

_SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}
_FORMAT_HELP = "table, json, or csv for spreadsheets."


def _existing(path: str | None) -> Path | None:
    """A named input file, refused (exit 2) when it is not there."""
    if path is None:
        return None
    if not Path(path).is_file():
        fail(f"{path}: no such file")
    return Path(path)


def _source(file: str) -> Path:
    if not Path(file).is_file():
        fail(f"{file}: no such file")
    return Path(file)


def _read_sheets(read: Callable[[], _Records]) -> _Records:
    """The records a check reads, or every error in the sheets and exit status 2: nothing is judged
    on half a file."""
    from joinedup.io.tables import TableError

    try:
        return read()
    except TableError as failure:
        errors = list(failure.errors)
        fail_all(f"{len(errors)} problem(s) in the sheets; nothing was checked.", errors)


def _check_report(check_findings: Sequence[CheckFinding], output_format: Rows) -> None:
    """Print the findings, most severe first, then exit 1 if any is a problem (above "info")."""
    from joinedup.checks.finding import ranked

    findings = [finding.to_dict() for finding in ranked(list(check_findings))]

    def tables() -> list[Table]:
        from rich.table import Table
        from rich.text import Text

        table = Table(title=f"{len(findings)} finding(s)" if findings else "No findings.", show_lines=True)
        table.add_column("severity", no_wrap=True)
        table.add_column("factor", no_wrap=True)
        table.add_column("finding", overflow="fold", ratio=1)
        for finding in findings:
            severity = str(finding["severity"])
            style = _SEVERITY_STYLES[severity]
            add_plain_row(table, Text(severity, style=style), finding["factor"], finding["message"])
        return [table]

    def rows() -> list[dict[str, object]]:
        return [
            {key: finding[key] for key in ("severity", "factor", "check", "rule", "message")}
            for finding in findings
        ]

    emit(output_format, findings, tables=tables, rows=rows)
    if any(finding["severity"] != "info" for finding in findings):
        raise typer.Exit(EXIT_PROBLEMS)


@check_app.command("roles")
def check_roles_command(
    file: str = typer.Argument(..., help="The roles sheet: a CSV, or a workbook with a 'roles' sheet."),
    competences: str | None = typer.Option(
        None, help="A CSV of competences agencies declare (or a 'competences' sheet in the workbook)."
    ),
    consultation_share: float = typer.Option(0.5, help="Report tasks where more than this share are C."),
    today: str | None = typer.Option(None, help=TODAY_HELP),
    output_format: Rows = typer.Option(Rows.table, "--format", help=_FORMAT_HELP),
) -> None:
    """Gaps in the responsibility matrix: no A, several A, no R, R beyond competence, too many C."""
    from joinedup.checks.roles import check_roles
    from joinedup.io.structure_sheets import read_roles

    matrix = _read_sheets(lambda: read_roles(_source(file), competences=_existing(competences)))
    findings = check_roles(matrix, today=judged_on(check_date(today)), consultation_share=consultation_share)
    _check_report(findings, output_format)


@check_app.command("targets")
def check_targets_command(
    file: str = typer.Argument(..., help="The targets sheet: a CSV, or a workbook with a 'targets' sheet."),
    readings: str | None = typer.Option(None, help="A CSV of readings (or a 'readings' sheet of FILE)."),
    off_track_margin: float = typer.Option(
        0.1, help="How far behind the straight-line path, as a share of the planned change, is off track."
    ),
    divergence_tolerance: float = typer.Option(0.0, help="Partners' readings may differ by this much."),
    reading_gap_days: int = typer.Option(183, help="A target unread for longer than this is not monitored."),
    today: str | None = typer.Option(None, help=TODAY_HELP),
    output_format: Rows = typer.Option(Rows.table, "--format", help=_FORMAT_HELP),
) -> None:
    """Targets missing an accountability minimum, off track, unread, or read differently by partners."""
    from joinedup.checks.targets import check_targets
    from joinedup.io.structure_sheets import read_targets

    records = _read_sheets(lambda: read_targets(_source(file), readings=_existing(readings)))
    findings = check_targets(
        records,
        today=judged_on(check_date(today)),
        off_track_margin=off_track_margin,
        divergence_tolerance=divergence_tolerance,
        reading_gap_days=reading_gap_days,
    )
    _check_report(findings, output_format)


@check_app.command("meetings")
def check_meetings_command(
    file: str = typer.Argument(..., help="The meetings sheet: a CSV, or a workbook with a 'meetings' sheet."),
    actions: str | None = typer.Option(
        None, help="A CSV of meeting actions (or a 'meeting_actions' sheet in the workbook)."
    ),
    min_meetings: int = typer.Option(4, help="Fewer meetings of a type are too few to judge trends."),
    window: int = typer.Option(6, help="Trends are read over this many latest meetings of a type."),
    attendance_drop: float = typer.Option(0.5, help="A fall in attendance rate this large is reported."),
    seniority_drop: float = typer.Option(1.0, help="A fall in mean level (strategic 3 .. practitioner 1)."),
    carried_over_limit: int = typer.Option(3, help="Report actions carried over this many times."),
    absent_limit: int = typer.Option(3, help="Report an agency absent from this many meetings in a row."),
    today: str | None = typer.Option(None, help=TODAY_HELP),
    output_format: Rows = typer.Option(Rows.table, "--format", help=_FORMAT_HELP),
) -> None:
    """Agencies that stopped attending, falling attendance, meetings with no decisions, actions
    carried over, seniority drifting down."""
    from joinedup.checks.meetings import check_meetings
    from joinedup.io.structure_sheets import read_meetings

    records = _read_sheets(lambda: read_meetings(_source(file), actions=_existing(actions)))
    try:
        findings = check_meetings(
            records,
            today=judged_on(check_date(today)),
            min_meetings=min_meetings,
            window=window,
            attendance_drop=attendance_drop,
            seniority_drop=seniority_drop,
            carried_over_limit=carried_over_limit,
            absent_limit=absent_limit,
        )
    except ValueError as error:
        fail(str(error))
    _check_report(findings, output_format)


@check_app.command("funding")
def check_funding_command(
    file: str = typer.Argument(
        ..., help="The funding lines sheet: a CSV, or a workbook with a 'funding_lines' sheet."
    ),
    posts: str | None = typer.Option(None, help="A CSV of posts (or a 'posts' sheet in the workbook)."),
    costs: str | None = typer.Option(
        None, help="A CSV of costs with no agreed payer (or an 'unfunded_costs' sheet in the workbook)."
    ),
    horizon_months: int = typer.Option(12, help="Lines ending within this many months are ending soon."),
    high_share: float = typer.Option(0.5, help="A time-limited share from this on is high severity."),
    medium_share: float = typer.Option(0.25, help="A time-limited share from this on is medium severity."),
    today: str | None = typer.Option(None, help=TODAY_HELP),
    output_format: Rows = typer.Option(Rows.table, "--format", help=_FORMAT_HELP),
) -> None:
    """Posts outliving their money, permanent posts on temporary money, time-limited share, unpaid costs."""
    from joinedup.checks.funding import check_funding
    from joinedup.io.structure_sheets import read_funding

    records = _read_sheets(
        lambda: read_funding(_source(file), posts=_existing(posts), costs=_existing(costs))
    )
    findings = check_funding(
        records,
        today=judged_on(check_date(today)),
        horizon_months=horizon_months,
        high_share=high_share,
        medium_share=medium_share,
    )
    _check_report(findings, output_format)


@check_app.command("template")
def check_template_command(
    kind: str = typer.Argument(..., help="roles, targets, meetings, funding or actions"),
    output: str | None = typer.Option(
        None, "--output", "-o", help="A folder for CSV files, or the .xlsx workbook to write."
    ),
    out: OutAlias = None,
    output_format: SheetFormat = typer.Option(SheetFormat.xlsx, "--format", help="csv or xlsx"),
    agencies: str = typer.Option(
        "",
        help="The member agencies, comma-separated: the agency columns of roles and meetings sheets "
        "(default: five typical agencies to rename).",
    ),
) -> None:
    """Write blank sheets for a kind of record, in the layout the checks and imports read."""
    from joinedup.io.structure_export import TEMPLATE_AGENCIES, template_sheets, write_sheets
    from joinedup.io.structure_layouts import KINDS

    target = required_output(output, out)
    if kind not in KINDS:
        fail(f"KIND: {kind!r} is not one of: {', '.join(KINDS)}")
    members = tuple(name.strip() for name in agencies.split(",") if name.strip())
    sheets = template_sheets(kind, members or TEMPLATE_AGENCIES)
    for path in write_sheets(sheets, Path(target), output_format.value, guide=kind):
        say(f"Wrote {path}")
