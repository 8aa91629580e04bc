"""The analyst's shell: every command reads files, calls the core and writes files.

Commands are grouped by what they work on. Each group keeps its imports inside
the command functions so that `joinedup --help` stays fast and a missing optional
dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="joinedup",
    help="Self-assessment, evidence and action planning for integrated children's services.",
    no_args_is_help=True,
    add_completion=False,
)
evidence_app = typer.Typer(help="The evidence base: factors, works, claims, interventions.", no_args_is_help=True)
instrument_app = typer.Typer(help="The self-assessment item bank and blank response sheets.", no_args_is_help=True)
check_app = typer.Typer(help="Structural checks on roles, targets, meetings and funding.", no_args_is_help=True)
tag_app = typer.Typer(
    help="Tag free-text comments with factor ids.", invoke_without_command=True, no_args_is_help=False
)
app.add_typer(evidence_app, name="evidence")
app.add_typer(instrument_app, name="instrument")
app.add_typer(check_app, name="check")
app.add_typer(tag_app, name="tag")


# --- evidence ---------------------------------------------------------------


# --- instrument and imports -------------------------------------------------


_VERSION_HELP = "Instrument version; the latest when omitted."


def _choose_format(output_format: str, allowed: tuple[str, ...]) -> str:
    if output_format not in allowed:
        raise typer.BadParameter(f"use one of {', '.join(allowed)}", param_hint="--format")
    return output_format


def _check_version(version: str | None) -> None:
    from joinedup.instrument import list_versions

    if version is not None and version not in list_versions():
        raise typer.BadParameter(
            f"no instrument version {version!r}; versions: {list_versions()}", param_hint="--version"
        )


@instrument_app.command("show")
def instrument_show(
    version: str | None = typer.Option(None, "--version", help=_VERSION_HELP),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
) -> None:
    """List the statements of the item bank with their factor and whether they are reverse-worded."""
    import json

    from rich.console import Console
    from rich.table import Table

    from joinedup.instrument import load_instrument
    from joinedup.instrument.responses import DONT_KNOW_CODE

    _choose_format(output_format, ("table", "json"))
    _check_version(version)
    instrument = load_instrument(version)
    if output_format == "json":
        document = {
            "version": instrument.version,
            "fingerprint": instrument.fingerprint(),
            "scale": {
                "labels": {str(point): label for point, label in instrument.scale.labels.items()},
                "dont_know": instrument.scale.dont_know,
                "dont_know_code": DONT_KNOW_CODE,
            },
            "items": [item.model_dump() for item in instrument.items],
            "comment_prompts": instrument.comment_prompts,
        }
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    table = Table(
        title=f"Item bank version {instrument.version}: {len(instrument.items)} statements "
        f"(fingerprint {instrument.fingerprint()[:12]})"
    )
    for heading in ("id", "factor", "reverse", "statement"):
        table.add_column(heading, overflow="fold")
    for item in instrument.items:
        table.add_row(item.id, item.factor, "yes" if item.reverse else "", item.text)
    Console().print(table)


@instrument_app.command("template")
def instrument_template(
    output_format: str = typer.Option("csv", "--format", help="csv or xlsx."),
    output: str | None = typer.Option(
        None, "--output", "-o", help="File to write. Without it, CSV goes to standard output and XLSX to "
        "joinedup-template-v<version>.xlsx."
    ),
    version: str | None = typer.Option(None, "--version", help=_VERSION_HELP),
) -> None:
    """Write a blank response sheet: partnership, round, agency, role_group, one column per item, comments."""
    import sys
    from pathlib import Path

    from joinedup.instrument import load_instrument
    from joinedup.io.survey_export import write_template, write_template_csv

    _choose_format(output_format, ("csv", "xlsx"))
    _check_version(version)
    instrument = load_instrument(version)
    if output is None and output_format == "csv":
        write_template_csv(sys.stdout, instrument)
        return
    path = Path(output or f"joinedup-template-v{instrument.version}.{output_format}")
    if path.suffix.lower() != f".{output_format}":
        raise typer.BadParameter(f"{path.name} does not end in .{output_format}", param_hint="--output")
    write_template(path, instrument)
    typer.echo(f"Wrote {path} (instrument version {instrument.version})", err=True)


@app.command("validate")
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
) -> None:
    """Check a survey file without storing anything: how its columns map to items, counts and every error."""
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
                Path(file), instrument, known_agencies=known, defaults=defaults, skip_bad_rows=skip_bad_rows,
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
        console.print("Not read (not an item, identifier or comment):", ", ".join(result.unmapped_columns),
                      markup=False, highlight=False)
    if result.missing_items:
        console.print("Items with no column:", ", ".join(result.missing_items), markup=False, highlight=False)
    for line in summary["skipped_rows"]:
        console.print(f"  skipped: {line}", markup=False, highlight=False)


# --- analysis ---------------------------------------------------------------


# --- structural checks ------------------------------------------------------


# --- findings and reports ---------------------------------------------------


# --- tagging ----------------------------------------------------------------


if __name__ == "__main__":
    app()
