"""Response files: validate a sheet (the database import is `joinedup-manage import`).

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import DATA, app
from joinedup.cli._common import EXIT_PROBLEMS, Listing, add_plain_row, emit, fail
from joinedup.cli._pipeline import VERSION_HELP, check_version

_KEEP_PARTIAL_HELP = (
    "Keep responses the survey tool marks as never finished or submitted (Qualtrics Finished, LimeSurvey "
    "submitdate) when they hold answers; they are left out by default. Preview, test and blank rows are "
    "always left out."
)

_KEEP_PARTIAL_HOW = "pass --keep-partial to keep the ones that have answers"


@app.command("validate", rich_help_panel=DATA)
def validate(
    file: str = typer.Argument(
        ...,
        help=(
            "The joinedup template (CSV, XLSX, ODS or Parquet) or an MS Forms, SurveyMonkey, Qualtrics "
            "or LimeSurvey export."
        ),
    ),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
    version: str | None = typer.Option(None, "--version", help=VERSION_HELP),
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
    """Check a survey file without storing anything: how its columns map to items, counts and every error.

    Exit code 1 when the file has problems (each listed with its row, column and value).
    """
    import dataclasses
    from pathlib import Path

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from joinedup.instrument import load_instrument
    from joinedup.io.survey_import import ImportFailed, read_responses

    check_version(version)
    if not Path(file).is_file():
        fail(f"{file}: no such file")
    instrument = load_instrument(version)
    given = {"partnership": partnership, "round": round_name, "agency": agency, "role_group": role_group}
    defaults = {column: value for column, value in given.items() if value}
    known = [name.strip() for name in agencies.split(",") if name.strip()] if agencies else None
    console = Console(stderr=output_format == Listing.json)
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
        if output_format == Listing.json:
            errors = [{**vars(error), "message": str(error)} for error in failure.errors]
            emit(output_format, {"ok": False, "file": Path(file).name, "errors": errors})
        else:
            from joinedup.formatting import plural

            problems = plural(len(failure.errors), "problem")
            console.print(f"[bold red]{escape(Path(file).name)} cannot be imported ({problems}):[/]")
            for error in failure.errors:
                console.print(f"  {error}", markup=False, highlight=False)
        raise typer.Exit(EXIT_PROBLEMS) from failure
    answered = int(result.frame[instrument.item_ids()].notna().to_numpy().sum())
    skipped = [str(error) for error in result.skipped_rows]
    notes = result.notes(_KEEP_PARTIAL_HOW)
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
        "skipped_rows": skipped,
        "header_row": result.header_row,
        "left_out": dataclasses.asdict(result.left_out),
        "notes": notes,
    }
    if output_format == Listing.json:
        emit(output_format, summary)
        return
    console.print(
        f"[bold]{escape(str(result.file))}[/]: {escape(str(result.source_format))} layout, "
        f"{len(result.frame)} responses, {answered} answers, "
        f"{len(instrument.item_ids()) - len(result.missing_items)} of {len(instrument.item_ids())} items "
        f"(instrument version {instrument.version})"
    )
    mapping = Table(title="Columns read")
    mapping.add_column("column in the file", overflow="fold")
    mapping.add_column("read as")
    for column, target in result.column_mapping.items():
        add_plain_row(mapping, column, target)
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
    for line in skipped:
        console.print(f"  skipped: {line}", markup=False, highlight=False)
    for note in notes:
        console.print(note, markup=False, highlight=False)


@app.command(
    "import",
    hidden=True,
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
)
def import_moved() -> None:
    """Moved to the web app's management commands: joinedup-manage import."""
    fail(
        "'joinedup import' has moved to the web app: run 'joinedup-manage import FILE --partnership SLUG "
        "--round NAME'. It takes validate's --agency, --role-group, --skip-bad-rows, --keep-partial and "
        "--format; these differ: --partnership and --round name the web app's round and are required, "
        "--instrument-version replaces --version (there --version is Django's, and the round decides the "
        "version), and --agencies and --sheet are not offered (the partnership's agencies are used). "
        "The analyst's CLI no longer needs Django."
    )
