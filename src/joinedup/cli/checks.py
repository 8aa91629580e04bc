"""Structural checks on roles, targets, meetings and funding.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import typer

from joinedup.cli._app import check_app

if TYPE_CHECKING:
    from joinedup.checks.finding import CheckFinding

_Records = TypeVar("_Records")

# --- structural checks ------------------------------------------------------

_CHECK_FORMATS = ("table", "json")
_TODAY_HELP = "The date to judge against (YYYY-MM-DD), for reproducible results; defaults to today."
_SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "cyan", "info": "dim"}


def _check_format(value: str) -> str:
    if value not in _CHECK_FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of: {', '.join(_CHECK_FORMATS)}")
    return value


def _check_today(value: str | None) -> str | None:
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError as error:
            raise typer.BadParameter(f"{value!r} is not a date written as YYYY-MM-DD") from error
    return value


def _judged_on(today: str | None) -> date:
    """The day a check or report judges against: the `--today` given (already checked), else today."""
    return date.fromisoformat(today) if today else date.today()


def _check_refusal(errors: list[object]) -> typer.Exit:
    """Print every problem the import found; the caller raises the returned exit (code 2)."""
    from rich.console import Console

    console = Console(stderr=True)
    console.print(f"[bold red]Refused:[/] {len(errors)} problem(s); nothing was imported.")
    for error in errors:
        console.print(f"  {error}", markup=False, highlight=False)
    return typer.Exit(2)


def _read_sheets(read: Callable[[], _Records]) -> _Records:
    """The records a check reads, or every error in the sheets and exit status 2: nothing is judged
    on half a file."""
    from joinedup.io.tables import TableError

    try:
        return read()
    except TableError as failure:
        raise _check_refusal(list(failure.errors)) from failure


def _check_report(check_findings: Sequence[CheckFinding], output_format: str) -> None:
    """Print the findings, most severe first, as a table or as JSON."""
    import json

    from rich.console import Console
    from rich.table import Table

    from joinedup.checks.finding import ranked

    findings = [finding.to_dict() for finding in ranked(check_findings)]
    if output_format == "json":
        typer.echo(json.dumps(findings, indent=2, ensure_ascii=False))
        return
    console = Console()
    if not findings:
        console.print("No findings.")
        return
    table = Table(title=f"{len(findings)} finding(s)", show_lines=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("factor", no_wrap=True)
    table.add_column("finding", overflow="fold", ratio=1)
    for finding in findings:
        severity = str(finding["severity"])
        table.add_row(
            f"[{_SEVERITY_STYLES[severity]}]{severity}[/]", str(finding["factor"]), str(finding["message"])
        )
    console.print(table)


@check_app.command("roles")
def check_roles_command(
    file: str = typer.Argument(..., help="The roles sheet: a CSV, or a workbook with a 'roles' sheet."),
    competences: str | None = typer.Option(
        None, help="A CSV of competences agencies declare (or a 'competences' sheet in the workbook)."
    ),
    consultation_share: float = typer.Option(0.5, help="Report tasks where more than this share are C."),
    today: str | None = typer.Option(None, help=_TODAY_HELP, callback=_check_today),
    output_format: str = typer.Option("table", "--format", help="table or json", callback=_check_format),
) -> None:
    """Gaps in the responsibility matrix: no A, several A, no R, R beyond competence, too many C."""
    from pathlib import Path

    from joinedup.checks.roles import check_roles
    from joinedup.io.structure_sheets import read_roles

    matrix = _read_sheets(
        lambda: read_roles(Path(file), competences=Path(competences) if competences else None)
    )
    findings = check_roles(matrix, today=_judged_on(today), consultation_share=consultation_share)
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
    today: str | None = typer.Option(None, help=_TODAY_HELP, callback=_check_today),
    output_format: str = typer.Option("table", "--format", help="table or json", callback=_check_format),
) -> None:
    """Targets missing an accountability minimum, off track, unread, or read differently by partners."""
    from pathlib import Path

    from joinedup.checks.targets import check_targets
    from joinedup.io.structure_sheets import read_targets

    records = _read_sheets(lambda: read_targets(Path(file), readings=Path(readings) if readings else None))
    findings = check_targets(
        records,
        today=_judged_on(today),
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
    today: str | None = typer.Option(None, help=_TODAY_HELP, callback=_check_today),
    output_format: str = typer.Option("table", "--format", help="table or json", callback=_check_format),
) -> None:
    """Agencies that stopped attending, falling attendance, meetings with no decisions, actions
    carried over, seniority drifting down."""
    from pathlib import Path

    from joinedup.checks.meetings import check_meetings
    from joinedup.io.structure_sheets import read_meetings

    records = _read_sheets(lambda: read_meetings(Path(file), actions=Path(actions) if actions else None))
    try:
        findings = check_meetings(
            records,
            today=_judged_on(today),
            min_meetings=min_meetings,
            window=window,
            attendance_drop=attendance_drop,
            seniority_drop=seniority_drop,
            carried_over_limit=carried_over_limit,
            absent_limit=absent_limit,
        )
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
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
    today: str | None = typer.Option(None, help=_TODAY_HELP, callback=_check_today),
    output_format: str = typer.Option("table", "--format", help="table or json", callback=_check_format),
) -> None:
    """Posts outliving their money, permanent posts on temporary money, time-limited share, unpaid costs."""
    from pathlib import Path

    from joinedup.checks.funding import check_funding
    from joinedup.io.structure_sheets import read_funding

    records = _read_sheets(
        lambda: read_funding(
            Path(file), posts=Path(posts) if posts else None, costs=Path(costs) if costs else None
        )
    )
    findings = check_funding(
        records,
        today=_judged_on(today),
        horizon_months=horizon_months,
        high_share=high_share,
        medium_share=medium_share,
    )
    _check_report(findings, output_format)


@check_app.command("template")
def check_template_command(
    kind: str = typer.Argument(..., help="roles, targets, meetings, funding or actions"),
    out: str = typer.Option(
        ..., "--output", "-o", "--out", help="A folder for CSV files, or the .xlsx workbook to write."
    ),
    output_format: str = typer.Option("xlsx", "--format", help="csv or xlsx"),
    agencies: str = typer.Option(
        "",
        help="The member agencies, comma-separated: the agency columns of roles and meetings sheets "
        "(default: five typical agencies to rename).",
    ),
) -> None:
    """Write blank sheets for a kind of record, in the layout the checks and imports read."""
    from pathlib import Path

    from rich.console import Console

    from joinedup.io.structure_export import TEMPLATE_AGENCIES, template_sheets, write_sheets
    from joinedup.io.structure_layouts import KINDS

    if kind not in KINDS:
        raise typer.BadParameter(f"{kind!r} is not one of: {', '.join(KINDS)}", param_hint="KIND")
    if output_format not in ("csv", "xlsx"):
        raise typer.BadParameter(f"{output_format!r} is not one of: csv, xlsx", param_hint="--format")
    members = tuple(name.strip() for name in agencies.split(",") if name.strip())
    sheets = template_sheets(kind, members or TEMPLATE_AGENCIES)
    written = write_sheets(sheets, Path(out), output_format, guide=kind)
    for path in written:
        Console().print(f"Wrote {path}")
