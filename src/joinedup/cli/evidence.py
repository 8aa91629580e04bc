"""The evidence base: factors, works, sources, the map and the schema.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from joinedup.cli._app import evidence_app
from joinedup.cli._common import (
    Listing,
    MapFormat,
    OutAlias,
    Rows,
    add_plain_row,
    emit,
    fail,
    output_path,
    say,
    write_text,
)

if TYPE_CHECKING:
    from rich.table import Table

    from joinedup.evidence import EvidenceBase

EvidenceDir = Annotated[
    str | None,
    typer.Option(
        "--evidence",
        envvar="JOINEDUP_EVIDENCE_DIR",
        help="Your evidence folder, extending or overriding the bundled one (or set JOINEDUP_EVIDENCE_DIR).",
    ),
]


def _evidence_base(evidence_dir: str | None) -> EvidenceBase:
    """The evidence base, or exit 2 with every problem (file, line, field) in the user's folder."""
    from joinedup.evidence import EvidenceError, load_evidence_base

    try:
        return load_evidence_base(Path(evidence_dir) if evidence_dir else None)
    except EvidenceError as error:
        fail(str(error))


@evidence_app.command("factors")
def evidence_factors_command(
    output_format: Rows = typer.Option(Rows.table, "--format", help="table, json, or csv for spreadsheets."),
    evidence_dir: EvidenceDir = None,
) -> None:
    """List the 16 factors with the confidence in the review's claims that each matters (GRADE-CERQual
    components), how often the review reports each, and how many interventions answer it."""
    from joinedup.evidence.maps import confidence_json

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

    def tables() -> list[Table]:
        from rich.table import Table

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
            add_plain_row(table, row["id"], row["name"], row["confidence_label"], *counts)
        return [table]

    emit(output_format, rows, tables=tables, rows=lambda: [_flat_row(row) for row in rows])


@evidence_app.command("show")
def evidence_show_command(
    factor_id: str = typer.Argument(..., help="A factor id, as listed by `joinedup evidence factors`."),
    output_format: Listing = typer.Option(Listing.table, "--format", help="table, or json for machines."),
    evidence_dir: EvidenceDir = None,
) -> None:
    """One factor: barrier and facilitator, confidence and why, the works and claims, the interventions."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from joinedup.evidence import COMPONENT_NAMES, PROVENANCE_LABELS
    from joinedup.evidence.maps import confidence_json, intervention_json

    base = _evidence_base(evidence_dir)
    try:
        factor = base.factor(factor_id)
    except KeyError:
        known = ", ".join(f.id for f in base.factors)
        fail(f"FACTOR_ID: {factor_id!r} is not a factor id; use one of: {known}")
    confidence = base.confidence[factor.id]
    claims = base.claims_for(factor.id)
    interventions = base.interventions_for(factor.id)
    if output_format == Listing.json:
        document = {
            **factor.model_dump(mode="json"),
            **confidence_json(base, factor.id),
            "claims": [{**c.model_dump(mode="json"), "citation": base.cite(c.work)} for c in claims],
            "interventions": [intervention_json(i) for i in interventions],
        }
        emit(output_format, document)
        return
    console = Console()
    console.print(f"[bold]{escape(factor.name)}[/bold] ({escape(factor.id)})")
    console.print(f"[bold]Barrier:[/bold] {escape(factor.barrier)}")
    console.print(f"[bold]Facilitator:[/bold] {escape(factor.facilitator)}")
    console.print(
        f"[bold]Confidence that it matters:[/bold] {confidence.label} (reported "
        f"{confidence.times_reported} times). {escape(confidence.reason)}"
    )
    for name, component in confidence.components.items():
        console.print(f"  {COMPONENT_NAMES[name]}: {component.label.lower()}. {escape(component.reason)}")
    if factor.evidence_note:
        console.print(f"[bold]Note:[/bold] {escape(factor.evidence_note)}")
    claims_table = Table(title="What the works say")
    for column in ("work", "direction", "basis", "summary"):
        claims_table.add_column(column)
    for claim in claims:
        add_plain_row(
            claims_table, base.cite(claim.work), claim.direction.value, claim.basis.value, claim.summary
        )
    console.print(claims_table)
    actions = Table(title="What to do, and what kind of advice it is")
    columns = ("intervention", "what to do", "kind of advice", "basis and caveats", "supports the action")
    for column in columns:
        actions.add_column(column)
    for item in interventions:
        basis = " ".join([item.basis, *(f"Caveat: {caveat}" for caveat in item.caveats)])
        action = "; ".join(base.cite(key) for key in item.action_works) or "no work"
        add_plain_row(actions, item.title, item.what_to_do, PROVENANCE_LABELS[item.provenance], basis, action)
    console.print(actions)


@evidence_app.command("sources")
def evidence_sources_command(
    output_format: Rows = typer.Option(Rows.table, "--format", help="table, json, or csv for spreadsheets."),
    evidence_dir: EvidenceDir = None,
) -> None:
    """List every distinct work cited, with the factors it is cited for."""
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

    def tables() -> list[Table]:
        from rich.table import Table

        table = Table(title=f"{len(rows)} works in the evidence base")
        table.add_column("key", no_wrap=True)
        for column in ("reference", "kind", "factors"):
            table.add_column(column)
        table.add_column("inferred")
        for work, row in zip(base.works, rows, strict=True):
            inferred = "; ".join(f"{flag.field.value}: {flag.reason}" for flag in work.inferred) or "-"
            factors = ", ".join(str(factor) for factor in row["factors"])
            add_plain_row(table, row["key"], row["reference"], row["kind"], factors, inferred)
        return [table]

    emit(output_format, rows, tables=tables, rows=lambda: [_flat_row(row) for row in rows])


@evidence_app.command("map")
def evidence_map_command(
    output_format: MapFormat = typer.Option(
        MapFormat.html, "--format", help="csv, json, html or eppi-json (EPPI-Mapper)."
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", help="File to write; standard output when omitted."
    ),
    out: OutAlias = None,
    evidence_dir: EvidenceDir = None,
) -> None:
    """The factor × work evidence map: a matrix for spreadsheets, JSON, EPPI-Mapper JSON or one HTML page."""
    import json

    from joinedup.evidence.map_html import render_map_html
    from joinedup.evidence.maps import map_to_csv, map_to_eppi_json, map_to_json

    written = output_path(output, out)
    base = _evidence_base(evidence_dir)
    if output_format == MapFormat.csv:
        content = map_to_csv(base)
    elif output_format == MapFormat.html:
        content = render_map_html(base)
    else:
        document = map_to_json(base) if output_format == MapFormat.json else map_to_eppi_json(base)
        content = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    write_text(content, written)
    if written is None:
        return
    say(f"Wrote {written}: {len(base.factors)} factors × {len(base.works)} works")


@evidence_app.command("schema")
def evidence_schema_command(
    output: str | None = typer.Option(
        None, "--output", "-o", help="Folder to write the JSON Schema files into (default: evidence-schema)."
    ),
    out: OutAlias = None,
) -> None:
    """Write the JSON Schemas of the evidence YAML files, for editors that validate as you type."""
    from joinedup.evidence.schema import export_json_schemas

    for path in export_json_schemas(Path(output_path(output, out) or "evidence-schema")):
        typer.echo(str(path))


def _flat_row(row: dict[str, object]) -> dict[str, object]:
    """A CSV row: nested values (the confidence components) as their labels, lists joined."""
    return {key: value for key, value in row.items() if not isinstance(value, dict)}
