"""The evidence base: factors, works, sources, the map and the schema.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

import typer

from joinedup.cli._app import evidence_app

# --- evidence ---------------------------------------------------------------


# evidence base: factors, works, ratings, map


def _evidence_dir_option() -> typer.models.OptionInfo:
    return typer.Option(
        None,
        "--evidence",
        envvar="JOINEDUP_EVIDENCE_DIR",
        help="Your evidence folder, extending or overriding the bundled one (or set JOINEDUP_EVIDENCE_DIR).",
    )


def _evidence_base(evidence_dir: str | None):  # type: ignore[no-untyped-def]
    """The evidence base, or exit with every problem (file, line, field) when the user's folder is invalid."""
    from pathlib import Path

    from joinedup.evidence import EvidenceError, load_evidence_base

    try:
        return load_evidence_base(Path(evidence_dir) if evidence_dir else None)
    except EvidenceError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error


def _evidence_format(output_format: str, allowed: tuple[str, ...]) -> None:
    if output_format not in allowed:
        raise typer.BadParameter(f"{output_format!r}: choose {', '.join(allowed)}", param_hint="--format")


@evidence_app.command("factors")
def evidence_factors_command(
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    evidence_dir: str | None = _evidence_dir_option(),
) -> None:
    """List the 16 factors with the confidence in the review's claims that each matters (GRADE-CERQual
    components), how often the review reports each, and how many interventions answer it."""
    import json

    from rich.console import Console
    from rich.table import Table

    from joinedup.evidence.maps import confidence_json

    _evidence_format(output_format, ("table", "json"))
    base = _evidence_base(evidence_dir)
    rows = [
        {
            "id": factor.id,
            "name": factor.name,
            **confidence_json(base, factor.id),
            "interventions": len(base.interventions_for(factor.id)),
        }
        for factor in base.factors
    ]
    if output_format == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(
        title="Factors of integrated working: confidence that each matters (not a rating of any action)"
    )
    table.add_column("id", no_wrap=True)
    table.add_column("name")
    table.add_column("confidence")
    table.add_column("times reported", justify="right")
    table.add_column("interventions", justify="right")
    for row in rows:
        counts = (str(row["times_reported"]), str(row["interventions"]))
        table.add_row(row["id"], row["name"], row["confidence_label"], *counts)
    Console().print(table)


@evidence_app.command("show")
def evidence_show_command(
    factor_id: str = typer.Argument(..., help="A factor id, as listed by `joinedup evidence factors`."),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    evidence_dir: str | None = _evidence_dir_option(),
) -> None:
    """One factor: barrier and facilitator, confidence and why, the works and claims, the interventions."""
    import json

    from rich.console import Console
    from rich.table import Table

    from joinedup.evidence import COMPONENT_NAMES, PROVENANCE_LABELS
    from joinedup.evidence.maps import confidence_json, intervention_json

    _evidence_format(output_format, ("table", "json"))
    base = _evidence_base(evidence_dir)
    try:
        factor = base.factor(factor_id)
    except KeyError as error:
        known = ", ".join(f.id for f in base.factors)
        raise typer.BadParameter(f"{factor_id!r} is not a factor id; use one of: {known}") from error
    confidence = base.confidence[factor.id]
    claims = base.claims_for(factor.id)
    interventions = base.interventions_for(factor.id)
    if output_format == "json":
        document = {
            **factor.model_dump(mode="json"),
            **confidence_json(base, factor.id),
            "claims": [{**c.model_dump(mode="json"), "citation": base.cite(c.work)} for c in claims],
            "interventions": [intervention_json(i) for i in interventions],
        }
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(f"[bold]{factor.name}[/bold] ({factor.id})")
    console.print(f"[bold]Barrier:[/bold] {factor.barrier}")
    console.print(f"[bold]Facilitator:[/bold] {factor.facilitator}")
    console.print(
        f"[bold]Confidence that it matters:[/bold] {confidence.label} (reported "
        f"{confidence.times_reported} times). {confidence.reason}"
    )
    for name, component in confidence.components.items():
        console.print(f"  {COMPONENT_NAMES[name]}: {component.label.lower()}. {component.reason}")
    if factor.evidence_note:
        console.print(f"[bold]Note:[/bold] {factor.evidence_note}")
    claims_table = Table(title="What the works say")
    for column in ("work", "direction", "basis", "summary"):
        claims_table.add_column(column)
    for claim in claims:
        claims_table.add_row(base.cite(claim.work), claim.direction.value, claim.basis.value, claim.summary)
    console.print(claims_table)
    actions = Table(title="What to do, and what kind of advice it is")
    columns = ("intervention", "what to do", "kind of advice", "basis and caveats", "supports the action")
    for column in columns:
        actions.add_column(column)
    for item in interventions:
        basis = " ".join([item.basis, *(f"Caveat: {caveat}" for caveat in item.caveats)])
        action = "; ".join(base.cite(key) for key in item.action_works) or "no work"
        actions.add_row(item.title, item.what_to_do, PROVENANCE_LABELS[item.provenance], basis, action)
    console.print(actions)


@evidence_app.command("sources")
def evidence_sources_command(
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    evidence_dir: str | None = _evidence_dir_option(),
) -> None:
    """List every distinct work cited, with the factors it is cited for."""
    import json

    from rich.console import Console
    from rich.table import Table

    _evidence_format(output_format, ("table", "json"))
    base = _evidence_base(evidence_dir)
    rows = [
        {
            **work.model_dump(mode="json"),
            "citation": base.cite(work),
            "reference": base.harvard(work),
            "factors": [factor.id for factor in base.factors_for(work.key)],
            "related_works": [related.key for related in base.related_works(work.key)],
        }
        for work in base.works
    ]
    if output_format == "json":
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} works in the evidence base")
    table.add_column("key", no_wrap=True)
    for column in ("reference", "kind", "factors"):
        table.add_column(column)
    table.add_column("inferred")
    for work, row in zip(base.works, rows, strict=True):
        inferred = "; ".join(f"{flag.field.value}: {flag.reason}" for flag in work.inferred) or "-"
        table.add_row(row["key"], row["reference"], row["kind"], ", ".join(row["factors"]), inferred)
    Console().print(table)


@evidence_app.command("map")
def evidence_map_command(
    output_format: str = typer.Option("html", "--format", help="csv, json, html or eppi-json (EPPI-Mapper)."),
    output: str | None = typer.Option(
        None, "--output", "-o", "--out", help="File to write; standard output when omitted."
    ),
    evidence_dir: str | None = _evidence_dir_option(),
) -> None:
    """The factor × work evidence map: a matrix for spreadsheets, JSON, EPPI-Mapper JSON or one HTML page."""
    import json
    from pathlib import Path

    from joinedup.evidence.map_html import render_map_html
    from joinedup.evidence.maps import map_to_csv, map_to_eppi_json, map_to_json

    _evidence_format(output_format, ("csv", "json", "html", "eppi-json"))
    base = _evidence_base(evidence_dir)
    if output_format == "csv":
        content = map_to_csv(base)
    elif output_format == "html":
        content = render_map_html(base)
    else:
        document = map_to_json(base) if output_format == "json" else map_to_eppi_json(base)
        content = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(content, nl=False)
        return
    Path(output).write_text(content, encoding="utf-8")
    typer.echo(f"Wrote {output}: {len(base.factors)} factors × {len(base.works)} works", err=True)


@evidence_app.command("schema")
def evidence_schema_command(
    out: str = typer.Option(
        "evidence-schema", "--output", "-o", "--out", help="Folder to write the JSON Schema files into."
    ),
) -> None:
    """Write the JSON Schemas of the evidence YAML files, for editors that validate as you type."""
    from pathlib import Path

    from joinedup.evidence.schema import export_json_schemas

    for path in export_json_schemas(Path(out)):
        typer.echo(str(path))
