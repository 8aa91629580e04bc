"""Findings and reports for a partnership's round.

`report` and `findings` run the same sequence (`_report_data`): read and analyse the files,
read the structure records and the action plan, then find and recommend, so that the list
`findings` prints is the list the report shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from joinedup.cli._app import REPORTS, app
from joinedup.cli._common import (
    TODAY_HELP,
    Listing,
    OutAlias,
    ReportFormat,
    check_date,
    emit,
    fail,
    judged_on,
    read_text,
    required_output,
    say,
)
from joinedup.cli._pipeline import (
    FILES_VERSION_HELP,
    INVITATIONS_HELP,
    MIN_GROUP_HELP,
    ROUND_ORDER_HELP,
    analyse_files,
)
from joinedup.cli._structure import read_structure

if TYPE_CHECKING:
    from joinedup.reports import ReportData
    from joinedup.tagging import Tagger

_FILES_HELP = "Response files for every round to compare: template CSV/XLSX, survey exports or Parquet."
_STRUCTURE_HELP = "Structure records: a folder of CSVs named as the sheets, or one workbook."
_TAGGER_HELP = "A partnership's tagger model (from 'joinedup tag retrain' or the web app); default: shipped."


def _report_tagger(model: str | None) -> Tagger:
    """The shipped tagger, or a partnership's model file (from 'joinedup tag retrain' or the web app)."""
    from joinedup.tagging import ModelFileError, deserialise_model, load_tagger

    if model is None:
        return load_tagger()
    try:
        return deserialise_model(read_text(model), source=model)
    except (ModelFileError, ValueError) as error:
        fail(f"--tagger: {error}")


_NATION_HELP = (
    "The partnership's nation (scotland, england, wales, northern-ireland): every role group its survey"
    " offers is named among the groups too small to show, answered or not."
)
_AGENCY_HELP = (
    "An agency of the partnership (repeat for each): one with no answers is named among the groups too"
    " small to show, so being named does not tell that anyone answered."
)


def _as_read(partnership: str, round_label: str) -> tuple[str, str]:
    """The partnership and round asked for, stripped as the readers strip every identifier cell:
    "Name " typed on the command line means the partnership the file spells "Name"."""
    return partnership.strip(), round_label.strip()


def _report_data(
    files: list[str],
    partnership: str,
    round_label: str,
    *,
    version: str | None,
    min_group: int,
    invitations: str | None,
    given_order: list[str] | None,
    structure: str | None,
    actions: str | None,
    today: str | None,
    tagger_file: str | None,
    with_comments: bool,
    nation: str | None = None,
    agencies: list[str] | None = None,
) -> ReportData:
    """The round's report data, computed from files exactly as the web app computes it from its database.

    The files show only the agencies and role groups that answered or were invited; `agencies`
    (the partnership's own list) and `nation` (whose role groups the survey offered) let the groups
    too small to show be named from every group, as the web app names them.
    """
    from joinedup.evidence import load_evidence_base
    from joinedup.reports import build_report_data
    from joinedup.reports.comments import comment_summaries

    report_day = judged_on(check_date(today))
    tagger = _report_tagger(tagger_file) if with_comments else None
    analysed = analyse_files(
        files, version=version, min_group=min_group, invitations=invitations, given_order=given_order
    )
    records, plan = read_structure(structure, actions)
    result, responses = analysed.result, analysed.responses
    current = next((r for r in result.rounds if (r.partnership, r.round) == (partnership, round_label)), None)
    comments = None
    if tagger is not None and current is not None:
        in_round = responses[(responses["partnership"] == partnership) & (responses["round"] == round_label)]
        invited = [] if analysed.invitations is None else list(analysed.invitations["agency"].astype(str))
        comments = comment_summaries(
            in_round,
            tagger=tagger,
            min_group=result.thresholds.min_group,
            analysis=current,
            agencies=sorted({*responses["agency"].dropna().astype(str), *invited}),
        )
    try:
        return build_report_data(
            result,
            partnership,
            round_label,
            evidence=load_evidence_base(),
            instrument=analysed.instrument,
            today=report_day,
            structure=records,
            actions=plan,
            comments=comments,
            agencies=sorted(agencies or ()),
            role_groups=_offered_role_groups(nation),
        )
    except ValueError as error:
        fail(str(error))


def _offered_role_groups(nation: str | None) -> list[str]:
    """The role groups the nation's survey offers; none when no nation is given."""
    from joinedup.instrument.reference import load_role_groups

    if nation is None:
        return []
    try:
        return [group.id for group in load_role_groups(nation)]
    except ValueError as error:
        fail(f"--nation: {error}")


@app.command("report", rich_help_panel=REPORTS)
def report_command(
    files: list[str] = typer.Argument(..., help=_FILES_HELP),
    partnership: str = typer.Option(..., "--partnership", help="The partnership to report on."),
    round_label: str = typer.Option(
        ..., "--round", help="The round to report on; earlier rounds give the trend."
    ),
    output_format: ReportFormat = typer.Option(ReportFormat.html, "--format", help="html, pdf or xlsx."),
    output: str | None = typer.Option(None, "--output", "-o", help="Where to write the report."),
    out: OutAlias = None,
    structure: str | None = typer.Option(None, "--structure", help=_STRUCTURE_HELP),
    actions: str | None = typer.Option(None, "--actions", help="The action plan (actions sheet or CSV)."),
    invitations: str | None = typer.Option(None, "--invitations", help=INVITATIONS_HELP),
    min_group: int = typer.Option(5, "--min-group", help=MIN_GROUP_HELP),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    tagger_file: str | None = typer.Option(None, "--tagger", help=_TAGGER_HELP),
    version: str | None = typer.Option(None, "--version", help=FILES_VERSION_HELP),
    given_order: list[str] | None = typer.Option(None, "--round-order", help=ROUND_ORDER_HELP),
    nation: str | None = typer.Option(None, "--nation", help=_NATION_HELP),
    agencies: list[str] | None = typer.Option(None, "--agency", help=_AGENCY_HELP),
    practice: str | None = typer.Option(
        None, "--practice", help="Pooled learning results (learning pool JSON) to show beside the literature."
    ),
) -> None:
    """Write the partnership's report for one round: where it stands, how we know, what next.

    A PDF is laid out by a process started first (`joinedup.reports.pdf_process`): it imports
    WeasyPrint while this one analyses the files, and sends the PDF back for this one to write.
    Every format is written by this process, whole or not at all (`joinedup.cli._output`).
    """
    from joinedup.cli._output import check_writable, write_output
    from joinedup.reports.pdf_process import PdfMaker, PdfMakerError, collector_paused

    target = Path(required_output(output, out))
    check_writable(target)
    _warn_if_named_otherwise(target, output_format)
    maker = PdfMaker.start() if output_format == ReportFormat.pdf else None
    try:
        with collector_paused():
            from dataclasses import replace

            from joinedup.cli.learning import read_practice
            from joinedup.reports import render_html

            partnership, round_label = _as_read(partnership, round_label)
            data = _report_data(
                files,
                partnership,
                round_label,
                version=version,
                min_group=min_group,
                invitations=invitations,
                given_order=given_order,
                structure=structure,
                actions=actions,
                today=today,
                tagger_file=tagger_file,
                with_comments=True,
                nation=nation,
                agencies=agencies,
            )
            if practice is not None:
                data = replace(data, practice=read_practice(practice))
            if output_format == ReportFormat.html:
                content = render_html(data).encode("utf-8")
            elif maker is not None:
                from joinedup.reports.printing import print_document

                document, charts = print_document(data)
                try:
                    content = maker.make(document, charts.drawings())
                except PdfMakerError as error:
                    # A layout that failed is an internal error, 1 as for any Python program that
                    # stops on one (an output path that cannot be written is bad input, 2).
                    fail(f"could not make the PDF {target}: {error}", code=1)
            else:
                from joinedup.reports.xlsx import render_xlsx

                content = render_xlsx(data)
            write_output(target, content)
    finally:
        if maker is not None:
            maker.abandon()
    say(f"Wrote the {partnership} report for {round_label} ({len(data.findings)} findings) to {target}")


def _warn_if_named_otherwise(target: Path, output_format: ReportFormat) -> None:
    """Warn when the file's suffix names another report format (a PDF asked for as "out.html"):
    likely a slip, but the file is still written as asked."""
    named = target.suffix.lower().removeprefix(".")
    if named != output_format.value and named in {f.value for f in ReportFormat}:
        say(f"Warning: {target} is named as {named} but will hold the {output_format.value} report")


def _print_findings(found: list[dict[str, Any]]) -> None:
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


@app.command("findings", rich_help_panel=REPORTS)
def findings_command(
    files: list[str] = typer.Argument(..., help=_FILES_HELP),
    partnership: str = typer.Option(..., "--partnership", help="The partnership."),
    round_label: str = typer.Option(..., "--round", help="The round; earlier rounds give the trend."),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
    structure: str | None = typer.Option(None, "--structure", help=_STRUCTURE_HELP),
    actions: str | None = typer.Option(None, "--actions", help="The action plan (actions sheet or CSV)."),
    invitations: str | None = typer.Option(None, "--invitations", help=INVITATIONS_HELP),
    min_group: int = typer.Option(5, "--min-group", help=MIN_GROUP_HELP),
    today: str | None = typer.Option(None, "--today", help=TODAY_HELP),
    version: str | None = typer.Option(None, "--version", help=FILES_VERSION_HELP),
    given_order: list[str] | None = typer.Option(None, "--round-order", help=ROUND_ORDER_HELP),
) -> None:
    """Print the round's findings, most pressing first: the list the report shows.

    Each comes with its label, severity, the numbers behind it and its recommendations
    (kind of advice, basis, caveats).
    """
    from joinedup.reports.data import finding_records

    partnership, round_label = _as_read(partnership, round_label)
    data = _report_data(
        files,
        partnership,
        round_label,
        version=version,
        min_group=min_group,
        invitations=invitations,
        given_order=given_order,
        structure=structure,
        actions=actions,
        today=today,
        tagger_file=None,
        with_comments=False,
    )
    found = finding_records(data)
    if output_format == Listing.json:
        emit("json", {"partnership": partnership, "round": round_label, "findings": found})
        return
    _print_findings(found)
