"""Findings and reports for a partnership's round.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import REPORTS, app
from joinedup.cli.analysis import (
    _analysis_fail,
    _locate_analysis_error,
    _read_analysis_file,
    _read_invitations,
)
from joinedup.cli.checks import _TODAY_HELP, _check_refusal, _check_today, _judged_on
from joinedup.cli.instrument import _choose_format
from joinedup.cli.tag import _tag_read

# --- findings and reports ---------------------------------------------------

_REPORT_FORMATS = ("html", "pdf", "xlsx")
_STRUCTURE_KINDS: dict[str, tuple[str, ...]] = {
    "roles": ("roles", "competences"),
    "targets": ("targets", "readings"),
    "meetings": ("meetings", "meeting_actions"),
    "funding": ("funding_lines", "posts", "unfunded_costs"),
    "actions": ("actions", "action_updates"),
}


def _report_fail(message: str, code: int = 1) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True).print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code=code)


def _structure_sources(source: str) -> dict[str, tuple[object, dict[str, object]]]:
    """Kind → (main file, companion files) found in a folder of CSVs or in one workbook's sheets."""
    from pathlib import Path

    from joinedup.io.safety import STRUCTURE_LIMITS
    from joinedup.io.tables import TableError, sheet_names

    path = Path(source)
    found: dict[str, tuple[object, dict[str, object]]] = {}
    if path.is_dir():
        for kind, (main, *companions) in _STRUCTURE_KINDS.items():
            if (path / f"{main}.csv").is_file():
                present = [name for name in companions if (path / f"{name}.csv").is_file()]
                extras: dict[str, object] = {name: path / f"{name}.csv" for name in present}
                found[kind] = (path / f"{main}.csv", extras)
        return found
    if not path.is_file():
        raise _report_fail(f"{source}: no such file or folder")
    try:
        sheets = set(sheet_names(path, STRUCTURE_LIMITS))
    except TableError as error:
        raise _report_fail(f"{source}: not a workbook that can be read ({error})") from error
    for kind, (main, *_companions) in _STRUCTURE_KINDS.items():
        if main in sheets:
            found[kind] = (path, {})
    if not found:
        names = ", ".join(parts[0] for parts in _STRUCTURE_KINDS.values())
        raise _report_fail(f"{source}: no sheet is named {names}")
    return found


def _read_structure(structure: str | None, actions: str | None) -> tuple[object, list[object]]:
    """The structure records and the action plan; every problem in every file is reported at once."""
    from joinedup.findings import ActionPlanItem
    from joinedup.io.structure_sheets import (
        StructureImportFailed,
        read_actions,
        read_funding,
        read_meetings,
        read_roles,
        read_targets,
    )
    from joinedup.reports import StructureRecords

    sources = _structure_sources(structure) if structure is not None else {}
    if actions is not None:
        sources["actions"] = (actions, {})
    readers = {
        "roles": lambda main, extra: read_roles(main, competences=extra.get("competences")),
        "targets": lambda main, extra: read_targets(main, readings=extra.get("readings")),
        "meetings": lambda main, extra: read_meetings(main, actions=extra.get("meeting_actions")),
        "funding": lambda main, extra: read_funding(
            main, posts=extra.get("posts"), costs=extra.get("unfunded_costs")
        ),
        "actions": lambda main, extra: read_actions(main, updates=extra.get("action_updates")),
    }
    records: dict[str, object] = {}
    errors: list[object] = []
    for kind, (main, extra) in sources.items():
        try:
            records[kind] = readers[kind](main, extra)
        except StructureImportFailed as failure:
            errors += failure.errors
    if errors:
        raise _check_refusal(errors)
    plan = [ActionPlanItem.from_record(item) for item in records.pop("actions", ())]  # type: ignore[attr-defined]
    return StructureRecords(**records), plan  # type: ignore[arg-type,return-value]


def _comment_summary(
    frame: object, min_group: int, agencies: list[str], tagger: object, analysis: object | None
) -> object | None:
    """What people said per factor, from the round's `comment_<factor>` columns, tagged as the web
    app tags them (each comment knowing its box) and quoted only from the agencies the round's
    `analysis` shows; None when the file has no comment column, or no such round (which the report
    then refuses, naming the rounds there are)."""
    from joinedup.reports.comments import comment_summaries

    if analysis is None:
        return None
    return comment_summaries(
        frame,  # type: ignore[arg-type]
        tagger=tagger,  # type: ignore[arg-type]
        min_group=min_group,
        analysis=analysis,  # type: ignore[arg-type]
        agencies=agencies,
    )


def _report_tagger(model: str | None) -> object:
    """The shipped tagger, or a partnership's model file (from 'joinedup tag retrain' or the web app)."""
    from joinedup.tagging import ModelFileError, deserialise_model, load_tagger

    if model is None:
        return load_tagger()
    try:
        return deserialise_model(_tag_read(model), source=model)
    except (ModelFileError, ValueError) as error:
        raise typer.BadParameter(str(error), param_hint="--tagger") from error


@app.command("report", rich_help_panel=REPORTS)
def report_command(
    files: list[str] = typer.Argument(
        ..., help="Response files for every round to compare: template CSV/XLSX, survey exports or Parquet."
    ),
    partnership: str = typer.Option(..., "--partnership", help="The partnership to report on."),
    round_label: str = typer.Option(
        ..., "--round", help="The round to report on; earlier rounds give the trend."
    ),
    output_format: str = typer.Option("html", "--format", help="html, pdf or xlsx."),
    out: str = typer.Option(..., "--output", "-o", "--out", help="Where to write the report."),
    structure: str | None = typer.Option(
        None, "--structure", help="Structure records: a folder of CSVs named as the sheets, or one workbook."
    ),
    actions: str | None = typer.Option(None, "--actions", help="The action plan (actions sheet or CSV)."),
    invitations: str | None = typer.Option(
        None, "--invitations", help="Invitations per agency: partnership, round, agency, invited."
    ),
    min_group: int = typer.Option(5, "--min-group", help="Smallest group a figure may describe (5 or more)."),
    today: str | None = typer.Option(None, "--today", help=_TODAY_HELP),
    tagger_file: str | None = typer.Option(
        None,
        "--tagger",
        help="A partnership's tagger model (from 'joinedup tag retrain' or the web app); default: shipped.",
    ),
) -> None:
    """Write the partnership's report for one round: where it stands, how we know, what next."""
    from pathlib import Path

    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import ResponseDataError, analyse, check_min_group
    from joinedup.evidence import load_evidence_base
    from joinedup.instrument import load_instrument
    from joinedup.reports import build_report_data, render_html

    if output_format not in _REPORT_FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(_REPORT_FORMATS)}", param_hint="--format")
    try:
        check_min_group(min_group)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--min-group") from error
    checked_today = _check_today(today)
    report_day = _judged_on(checked_today)
    comment_tagger = _report_tagger(tagger_file)
    instrument = load_instrument()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        frames: list[pd.DataFrame] = []
        starts: list[int] = []
        for file in files:
            bar.add_task(f"Reading {file}", total=None)
            starts.append(sum(len(frame) for frame in frames))
            frames.append(_read_analysis_file(file, instrument))  # type: ignore[arg-type]
        invited = _read_invitations(invitations) if invitations is not None else None
        bar.add_task("Reading structure records and the action plan", total=None)
        records, plan = _read_structure(structure, actions)
        bar.add_task("Analysing", total=None)
        responses = pd.concat(frames, ignore_index=True)
        try:
            result = analyse(
                responses,
                instrument.items,
                min_group=min_group,
                invitations=invited,  # type: ignore[arg-type]
                instrument_version=instrument.version,
            )
        except ResponseDataError as error:
            raise _analysis_fail(_locate_analysis_error(error, files, starts, invitations)) from error
        bar.add_task("Finding and recommending", total=None)
        in_round = responses[(responses["partnership"] == partnership) & (responses["round"] == round_label)]
        invited_agencies = [] if invited is None else list(invited["agency"].astype(str))  # type: ignore[index]
        known_agencies = sorted({*responses["agency"].dropna().astype(str), *invited_agencies})
        try:
            data = build_report_data(
                result,
                partnership,
                round_label,
                evidence=load_evidence_base(),
                instrument=instrument,
                today=report_day,
                structure=records,  # type: ignore[arg-type]
                actions=plan,  # type: ignore[arg-type]
                comments=_comment_summary(  # type: ignore[arg-type]
                    in_round,
                    min_group,
                    known_agencies,
                    comment_tagger,
                    next(
                        (r for r in result.rounds if (r.partnership, r.round) == (partnership, round_label)),
                        None,
                    ),
                ),
            )
        except ValueError as error:
            raise _report_fail(str(error)) from error
        bar.add_task(f"Writing the {output_format.upper()} report", total=None)
        target = Path(out)
        if output_format == "html":
            target.write_text(render_html(data), encoding="utf-8")
        elif output_format == "pdf":
            from joinedup.reports.pdf import render_pdf

            target.write_bytes(render_pdf(data))
        else:
            from joinedup.reports.xlsx import render_xlsx

            target.write_bytes(render_xlsx(data))
    Console(stderr=True).print(
        f"Wrote the {partnership} report for {round_label} ({len(data.findings)} findings) to {out}",
        highlight=False,
    )


@app.command("findings", rich_help_panel=REPORTS)
def findings_command(
    files: list[str] = typer.Argument(
        ..., help="Response files for every round to compare: template CSV/XLSX, survey exports or Parquet."
    ),
    partnership: str = typer.Option(..., "--partnership", help="The partnership."),
    round_label: str = typer.Option(..., "--round", help="The round; earlier rounds give the trend."),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    structure: str | None = typer.Option(
        None, "--structure", help="Structure records: a folder of CSVs named as the sheets, or one workbook."
    ),
    actions: str | None = typer.Option(None, "--actions", help="The action plan (actions sheet or CSV)."),
    invitations: str | None = typer.Option(
        None, "--invitations", help="Invitations per agency: partnership, round, agency, invited."
    ),
    min_group: int = typer.Option(5, "--min-group", help="Smallest group a figure may describe (5 or more)."),
    today: str | None = typer.Option(None, "--today", help=_TODAY_HELP),
) -> None:
    """Print the round's findings, most pressing first, each with its label, severity, the numbers
    behind it and its recommendations (kind of advice, basis, caveats): the list the report shows."""
    import json

    import pandas as pd

    from joinedup.analysis import ResponseDataError, analyse, check_min_group
    from joinedup.evidence import load_evidence_base
    from joinedup.instrument import load_instrument
    from joinedup.reports import build_report_data
    from joinedup.reports.data import finding_records

    output_format = _choose_format(output_format, ("table", "json"))
    try:
        check_min_group(min_group)
    except ValueError as error:
        raise typer.BadParameter(str(error), param_hint="--min-group") from error
    report_day = _judged_on(_check_today(today))
    instrument = load_instrument()
    frames: list[pd.DataFrame] = []
    starts: list[int] = []
    for file in files:
        starts.append(sum(len(frame) for frame in frames))
        frames.append(_read_analysis_file(file, instrument))  # type: ignore[arg-type]
    invited = _read_invitations(invitations) if invitations is not None else None
    records, plan = _read_structure(structure, actions)
    try:
        result = analyse(
            pd.concat(frames, ignore_index=True),
            instrument.items,
            min_group=min_group,
            invitations=invited,  # type: ignore[arg-type]
            instrument_version=instrument.version,
        )
    except ResponseDataError as error:
        raise _analysis_fail(_locate_analysis_error(error, files, starts, invitations)) from error
    try:
        data = build_report_data(
            result,
            partnership,
            round_label,
            evidence=load_evidence_base(),
            instrument=instrument,
            today=report_day,
            structure=records,  # type: ignore[arg-type]
            actions=plan,  # type: ignore[arg-type]
        )
    except ValueError as error:
        raise _report_fail(str(error)) from error
    found = finding_records(data)
    if output_format == "json":
        document = {"partnership": partnership, "round": round_label, "findings": found}
        typer.echo(json.dumps(document, indent=2))
        return
    for rank, finding in enumerate(found, start=1):
        numbers = ""
        if finding["mean"] is not None:
            numbers = f" · mean {finding['mean']:.2f}"
            if finding["ci_low"] is not None:
                numbers += f" (95% CI {finding['ci_low']:.2f} to {finding['ci_high']:.2f})"
        if finding["n"] is not None:
            numbers += f" · n {finding['n']}"
        typer.echo(
            f"{rank}. {finding['severity'].upper()} {finding['kind']} · {finding['factor'] or 'who answered'}"
            f" · {finding['label']}{numbers}"
        )
        typer.echo(f"   {finding['statement']}")
        if finding["groups"]:
            shown = "; ".join(f"{g['name']} {g['mean']:.2f} (n {g['n']})" for g in finding["groups"])
            typer.echo(f"   groups: {shown}")
        for item in finding["recommendations"]:
            typer.echo(f"   -> {item['title']}: {item['what_to_do']}")
            typer.echo(f"      {item['provenance_label']} ({item['provenance']}). Basis: {item['basis']}")
            if item["caveats"]:
                typer.echo("      Caveats: " + " ".join(item["caveats"]))
            typer.echo(
                "      Works that support this action: "
                + (", ".join(item["action_works"]) or "none")
                + f". Works that say this factor matters: {len(item['factor_works'])}."
                + (f" Also answers: {', '.join(item['answers'][1:])}." if len(item["answers"]) > 1 else "")
            )
