"""Response files: validate a sheet and import it into the database.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import DATA, app
from joinedup.cli.instrument import _VERSION_HELP, _check_version, _choose_format

_KEEP_PARTIAL_HELP = (
    "Keep responses the survey tool marks as never finished or submitted (Qualtrics Finished, LimeSurvey "
    "submitdate) when they hold answers; they are left out by default. Preview, test and blank rows are "
    "always left out."
)

_KEEP_PARTIAL_HOW = "pass --keep-partial to keep the ones that have answers"


@app.command("validate", rich_help_panel=DATA)
def validate(
    file: str = typer.Argument(
        ..., help="The joinedup template or an MS Forms, SurveyMonkey, Qualtrics or LimeSurvey export."
    ),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    version: str | None = typer.Option(None, "--version", help=_VERSION_HELP),
    partnership: str | None = typer.Option(None, "--partnership", help="Partnership, if the file has none."),
    round_name: str | None = typer.Option(None, "--round", help="Round, if the file has none."),
    agency: str | None = typer.Option(None, "--agency", help="Agency, if the file has none."),
    role_group: str | None = typer.Option(None, "--role-group", help="Role group, if the file has none."),
    agencies: str | None = typer.Option(
        None, "--agencies", help="Comma-separated agencies of the partnership; any other agency is an error."
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Sheet to read; the first when omitted."),
    skip_bad_rows: bool = typer.Option(False, "--skip-bad-rows", help="Leave out bad rows and list them."),
    keep_partial: bool = typer.Option(False, "--keep-partial", help=_KEEP_PARTIAL_HELP),
) -> None:
    """Check a survey file without storing anything: how its columns map to items, counts and every error."""
    import dataclasses
    import json
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    from joinedup.instrument import load_instrument
    from joinedup.io.survey_import import ImportFailed, read_responses

    _choose_format(output_format, ("table", "json"))
    _check_version(version)
    instrument = load_instrument(version)
    given = {"partnership": partnership, "round": round_name, "agency": agency, "role_group": role_group}
    defaults = {column: value for column, value in given.items() if value}
    known = [name.strip() for name in agencies.split(",") if name.strip()] if agencies else None
    console = Console(stderr=output_format == "json")
    try:
        with console.status(f"Reading {Path(file).name}…"):
            result = read_responses(
                Path(file),
                instrument,
                known_agencies=known,
                defaults=defaults,
                skip_bad_rows=skip_bad_rows,
                keep_partial=keep_partial,
                sheet=sheet,
            )
    except ImportFailed as failure:
        if output_format == "json":
            errors = [{**vars(error), "message": str(error)} for error in failure.errors]
            typer.echo(json.dumps({"ok": False, "file": Path(file).name, "errors": errors}, indent=2))
        else:
            problems = len(failure.errors)
            console.print(f"[bold red]{Path(file).name} cannot be imported ({problems} problems):[/]")
            for error in failure.errors:
                console.print(f"  {error}", markup=False, highlight=False)
        raise typer.Exit(1) from failure
    answered = int(result.frame[instrument.item_ids()].notna().to_numpy().sum())
    summary = {
        "ok": True,
        "file": result.file,
        "source_format": result.source_format,
        "encoding": result.encoding,
        "sheet": result.sheet,
        "instrument_version": instrument.version,
        "responses": len(result.frame),
        "answers": answered,
        "column_mapping": result.column_mapping,
        "unmapped_columns": result.unmapped_columns,
        "missing_items": result.missing_items,
        "skipped_rows": [str(error) for error in result.skipped_rows],
        "header_row": result.header_row,
        "left_out": dataclasses.asdict(result.left_out),
        "notes": result.notes(_KEEP_PARTIAL_HOW),
    }
    if output_format == "json":
        typer.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    console.print(
        f"[bold]{result.file}[/]: {result.source_format} layout, "
        f"{len(result.frame)} responses, {answered} answers, "
        f"{len(instrument.item_ids()) - len(result.missing_items)} of {len(instrument.item_ids())} items "
        f"(instrument version {instrument.version})"
    )
    mapping = Table(title="Columns read")
    mapping.add_column("column in the file", overflow="fold")
    mapping.add_column("read as")
    for column, target in result.column_mapping.items():
        mapping.add_row(column, target)
    console.print(mapping)
    if result.unmapped_columns:
        console.print(
            "Not read (not an item, identifier or comment):",
            ", ".join(result.unmapped_columns),
            markup=False,
            highlight=False,
        )
    if result.missing_items:
        console.print("Items with no column:", ", ".join(result.missing_items), markup=False, highlight=False)
    for line in summary["skipped_rows"]:
        console.print(f"  skipped: {line}", markup=False, highlight=False)
    for note in summary["notes"]:
        console.print(note, markup=False, highlight=False)


# database import


@app.command("import", rich_help_panel=DATA)
def import_into_database(
    file: str = typer.Argument(
        ..., help="The joinedup template or an MS Forms, SurveyMonkey, Qualtrics or LimeSurvey export."
    ),
    round_name: str = typer.Option(..., "--round", help="Name of the round to import into."),
    partnership: str = typer.Option(..., "--partnership", help="Short name (slug) of the partnership."),
    agency: str | None = typer.Option(
        None, "--agency", help="Agency of every response, if the file has none."
    ),
    role_group: str | None = typer.Option(
        None, "--role-group", help="Role group of every response, if the file has none."
    ),
    skip_bad_rows: bool = typer.Option(
        False, "--skip-bad-rows", help="Store the good rows; list the bad ones."
    ),
    keep_partial: bool = typer.Option(False, "--keep-partial", help=_KEEP_PARTIAL_HELP),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
) -> None:
    """Store a survey file's responses in a round of the web app's database: all of them, or none."""
    import dataclasses
    import json
    import os
    from pathlib import Path

    import django
    from django.core.exceptions import ImproperlyConfigured
    from rich.console import Console
    from rich.table import Table

    _choose_format(output_format, ("table", "json"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "joinedup.web.settings")
    try:
        django.setup()
    except ImproperlyConfigured as problem:
        Console(stderr=True).print(f"[bold red]The web app's settings are incomplete:[/] {problem}")
        raise typer.Exit(2) from problem
    from joinedup.instrument import load_instrument
    from joinedup.io.survey_import import ImportFailed, read_responses
    from joinedup.web.partnerships.models import Round
    from joinedup.web.partnerships.responses import store_frame

    console = Console(stderr=output_format == "json")
    rounds = Round.objects.select_related("partnership")
    target = rounds.filter(partnership__slug=partnership, name=round_name).first()
    if target is None:
        console.print(f"[bold red]There is no round {round_name!r} in a partnership {partnership!r}.[/]")
        raise typer.Exit(1)
    agencies = list(target.partnership.agencies.values_list("name", flat=True))
    given = {"partnership": partnership, "round": round_name, "agency": agency, "role_group": role_group}
    try:
        with console.status(f"Reading {Path(file).name}…"):
            result = read_responses(
                Path(file),
                load_instrument(target.instrument_version),
                known_agencies=agencies,
                defaults={column: value for column, value in given.items() if value},
                skip_bad_rows=skip_bad_rows,
                keep_partial=keep_partial,
            )
            batch = store_frame(
                target, result.frame, filename=result.file, source_format=result.source_format
            )
    except ImportFailed as failure:
        if output_format == "json":
            errors = [{**vars(error), "message": str(error)} for error in failure.errors]
            report = {"ok": False, "file": Path(file).name, "stored": 0, "errors": errors}
            typer.echo(json.dumps(report, indent=2))
        else:
            problems = len(failure.errors)
            console.print(f"[bold red]Nothing was stored: {problems} problems in {Path(file).name}[/]")
            for error in failure.errors:
                console.print(f"  {error}", markup=False, highlight=False)
        raise typer.Exit(1) from failure
    summary = {
        "ok": True,
        "file": batch.filename,
        "source_format": batch.source_format,
        "partnership": partnership,
        "round": round_name,
        "stored": batch.rows,
        "import_batch": batch.pk,
        "unmapped_columns": result.unmapped_columns,
        "skipped_rows": [str(error) for error in result.skipped_rows],
        "header_row": result.header_row,
        "left_out": dataclasses.asdict(result.left_out),
        "notes": result.notes(_KEEP_PARTIAL_HOW),
    }
    if output_format == "json":
        typer.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"Imported into {target.partnership.name}, {target.name}", show_header=False)
    table.add_column("what")
    table.add_column("value", overflow="fold")
    table.add_row("file", f"{batch.filename} ({batch.source_format} layout)")
    table.add_row("responses stored", str(batch.rows))
    table.add_row("columns read", str(len(result.column_mapping)))
    table.add_row("columns not read", ", ".join(result.unmapped_columns) or "none")
    table.add_row("rows skipped", str(len({e.row for e in result.skipped_rows})))
    table.add_row("rows left out", str(result.left_out.count()))
    console.print(table)
    for line in summary["skipped_rows"]:
        console.print(f"  skipped: {line}", markup=False, highlight=False)
    for note in summary["notes"]:
        console.print(note, markup=False, highlight=False)
