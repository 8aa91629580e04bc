"""The analyst's shell: every command reads files, calls the core and writes files.

Commands are grouped by what they work on. Each group keeps its imports inside
the command functions so that `joinedup --help` stays fast and a missing optional
dependency only breaks the command that needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

import typer

if TYPE_CHECKING:
    from joinedup.checks.finding import CheckFinding

_Records = TypeVar("_Records")

app = typer.Typer(
    name="joinedup",
    help="Self-assessment, evidence and action planning for integrated children's services.",
    no_args_is_help=True,
    add_completion=False,
)
evidence_app = typer.Typer(
    help="The evidence base: factors, works, claims, interventions.", no_args_is_help=True
)
instrument_app = typer.Typer(
    help="The self-assessment item bank and blank response sheets.", no_args_is_help=True
)
check_app = typer.Typer(
    help="Structural checks on roles, targets, meetings and funding.", no_args_is_help=True
)
tag_app = typer.Typer(
    help="Tag free-text comments with factor ids.", invoke_without_command=True, no_args_is_help=False
)
app.add_typer(evidence_app, name="evidence")
app.add_typer(instrument_app, name="instrument")
app.add_typer(check_app, name="check")
app.add_typer(tag_app, name="tag")


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
    output: str | None = typer.Option(None, "--output", help="File to write; standard output when omitted."),
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
    out: str = typer.Option("evidence-schema", "--out", help="Folder to write the JSON Schema files into."),
) -> None:
    """Write the JSON Schemas of the evidence YAML files, for editors that validate as you type."""
    from pathlib import Path

    from joinedup.evidence.schema import export_json_schemas

    for path in export_json_schemas(Path(out)):
        typer.echo(str(path))


# evidence extraction


def _extraction_inputs(file: str, evidence_dir: str | None):  # type: ignore[no-untyped-def]
    """Read a review file and the evidence base it is merged with; exit with the reason on bad input."""
    from pathlib import Path

    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.extraction import ReviewFileError, read_review

    path = Path(file)
    if not path.is_file():
        raise typer.BadParameter(f"{file}: no such file", param_hint="FILE")
    try:
        text = read_review(path)
        base = load_evidence_base(Path(evidence_dir) if evidence_dir else None)
    except (ReviewFileError, EvidenceError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    return path, text, base


@evidence_app.command("extract")
def evidence_extract_command(
    file: str = typer.Argument(..., help="The review: .txt, .md, .docx or .pdf."),
    output_format: str = typer.Option("table", "--format", help="table, json or csv (one row per citation)."),
    evidence_dir: str | None = typer.Option(
        None, "--evidence", help="Your evidence folder, merged with the bundled one."
    ),
) -> None:
    """Find a review's sections, the works cited in each, and the factors each section is about."""
    import csv
    import json
    import sys

    from rich.console import Console
    from rich.table import Table

    from joinedup.evidence.extraction import extract_review, factor_texts, known_works
    from joinedup.io.formulas import protect_cell

    if output_format not in {"table", "json", "csv"}:
        raise typer.BadParameter(f"{output_format!r}: choose table, json or csv", param_hint="--format")
    _, text, base = _extraction_inputs(file, evidence_dir)
    extraction = extract_review(text, factors=factor_texts(base), known=known_works(base))
    if output_format == "json":
        typer.echo(json.dumps(extraction.to_dict(), indent=2, ensure_ascii=False))
        return
    if output_format == "csv":
        columns = [
            "section",
            "surface",
            "start",
            "end",
            "authors",
            "et_al",
            "year",
            "suffix",
            "key",
            "sentence",
        ]
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for citation in extraction.to_dict()["sections"]:
            for row in citation["citations"]:
                cells = {**row, "authors": "; ".join(row["authors"])}
                writer.writerow({name: protect_cell(value) for name, value in cells.items()})
        return
    console = Console()
    sections = Table(title=f"Sections of {file}")
    for column in ("section", "proposed factors (confidence)", "citations"):
        sections.add_column(column)
    for section in extraction.sections:
        factors = ", ".join(f"{p.factor} ({p.confidence:.2f})" for p in section.factors) or "-"
        sections.add_row(
            section.heading or "(before the first heading)", factors, str(len(section.citations))
        )
    console.print(sections)
    works = Table(title=f"{len(extraction.works)} distinct works")
    for column in ("key", "authors", "year", "mentions", "in evidence base", "sections"):
        works.add_column(column)
    for work in extraction.works:
        works.add_row(
            work.key,
            ", ".join(work.authors) + (" et al" if work.et_al else ""),
            work.year + work.suffix,
            str(work.mentions),
            "yes" if work.known else "new",
            "; ".join(work.sections),
        )
    console.print(works)
    for duplicate in extraction.possible_duplicates:
        console.print(
            f"[yellow]Possible duplicate:[/] {duplicate.work.key} "
            f"of {duplicate.duplicate_of}: {duplicate.reason}"
        )
    for fragment in extraction.fragments:
        console.print(f"[yellow]Names without a year, not guessed:[/] {fragment.surface!r}")
    for citation in extraction.unlinked:
        console.print(f"[yellow]Not in the reference list:[/] {citation.surface!r}")
    for entry in extraction.uncited:
        console.print(f"[yellow]In the reference list, never cited:[/] {entry.key} (line {entry.line})")


@evidence_app.command("merge")
def evidence_merge_command(
    file: str = typer.Argument(..., help="The review: .txt, .md, .docx or .pdf."),
    into: str = typer.Option(..., "--into", help="Your evidence folder; the bundled data is never written."),
    same: list[str] = typer.Option(
        [],
        "--same",
        help="A possible duplicate you confirm, as DOUBTED=KEY (e.g. rushmore-2002=rushmer-2002).",
    ),
    yes: bool = typer.Option(False, "--yes", help="Write without asking, after showing what would change."),
) -> None:
    """Add a review's new works and draft claims to your evidence folder, after showing what would change."""
    from pathlib import Path

    import yaml
    from rich.console import Console
    from rich.table import Table

    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.extraction import (
        evidence_document,
        extract_review,
        factor_texts,
        known_works,
        propose_additions,
    )
    from joinedup.evidence.loading import bundled_data_dir

    folder = Path(into)
    if folder.resolve().is_relative_to(bundled_data_dir().resolve().parent):
        raise typer.BadParameter(
            f"{into} is inside the bundled evidence data; give your own folder", param_hint="--into"
        )
    same_as: dict[str, str] = {}
    for pair in same:
        doubted, _, key = pair.partition("=")
        if not doubted or not key:
            raise typer.BadParameter(f"{pair!r}: write DOUBTED=KEY", param_hint="--same")
        same_as[doubted.strip()] = key.strip()
    path, text, base = _extraction_inputs(file, into if folder.is_dir() else None)
    extraction = extract_review(text, factors=factor_texts(base), known=known_works(base))
    additions = propose_additions(extraction, base, same_as)
    console = Console()
    table = Table(title=f"Would add to {folder / (path.stem + '.yaml')}")
    for column in ("kind", "what", "detail"):
        table.add_column(column)
    for work in additions.works:
        table.add_row("work", work.key, ", ".join(work.authors) + f" {work.year}{work.suffix}")
    for claim in additions.claims:
        table.add_row("claim", f"{claim.factor} <- {claim.work}", f"{claim.direction}, {claim.basis}")
    for note in additions.unresolved:
        table.add_row("note", note.text, note.note)
    console.print(table)
    for reason in additions.left_out:
        console.print(f"[yellow]Left out:[/] {reason}")
    if not additions.claims:
        console.print("Nothing new to add.")
        return
    if not yes and not typer.confirm(f"Write {len(additions.claims)} claims and their works?"):
        raise typer.Exit(1)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.yaml"
    if target.exists():
        typer.echo(f"error: {target} exists; merge each review once, or move the old file away", err=True)
        raise typer.Exit(2)
    document = evidence_document(additions, additions.claims)
    target.write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8"
    )
    try:
        load_evidence_base(folder)
    except EvidenceError as error:
        target.unlink()
        typer.echo(f"error: nothing written, the result would not load: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"Wrote {target}: {len(document['works'])} works, {len(document['claims'])} claims", err=True)


@evidence_app.command("import-bib")
def evidence_import_bib_command(
    file: str = typer.Argument(..., help="A .bib (BibTeX) or .ris (RIS) file from your reference manager."),
    into: str = typer.Option(..., "--into", help="Your evidence folder; enriched works are written there."),
    yes: bool = typer.Option(False, "--yes", help="Write without asking."),
) -> None:
    """Give works their titles, journals and DOIs from a bibliography, matched by work key."""
    from pathlib import Path

    import yaml
    from rich.console import Console
    from rich.table import Table

    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.bibliography import BibliographyError, enrich_works, read_bibliography_file

    source = Path(file)
    folder = Path(into)
    try:
        records = read_bibliography_file(source)
        base = load_evidence_base(folder if folder.is_dir() else None)
    except (OSError, BibliographyError, EvidenceError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    enrichment = enrich_works(base.works, records)
    table = Table(title=f"{len(enrichment.works)} of {len(records)} records match a work")
    for column in ("work", "title", "notes"):
        table.add_column(column)
    for work in enrichment.works:
        table.add_row(work.key, work.title or "", work.notes or "")
    console = Console()
    console.print(table)
    for key, group in enrichment.ambiguous.items():
        console.print(f"[yellow]Ambiguous:[/] {len(group)} records give {key}; add the a/b suffix by hand")
    for record in enrichment.unmatched:
        console.print(f"[yellow]No work:[/] {record.source_id} ({record.key})")
    if not enrichment.works or (not yes and not typer.confirm("Write these works?")):
        return
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"bibliography-{source.stem}.yaml"
    document = {"works": [w.model_dump(mode="json", exclude_none=True) for w in enrichment.works]}
    target.write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8"
    )
    try:
        load_evidence_base(folder)
    except EvidenceError as error:
        target.unlink()
        typer.echo(f"error: nothing written, the result would not load: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"Wrote {target}: {len(enrichment.works)} works", err=True)


@evidence_app.command("export-bib")
def evidence_export_bib_command(
    output_format: str = typer.Option("bibtex", "--format", help="bibtex or ris."),
    evidence_dir: str | None = typer.Option(
        None, "--evidence", help="Your evidence folder, merged with the bundled one."
    ),
    output: str | None = typer.Option(None, "--output", help="File to write; standard output when omitted."),
) -> None:
    """Write every work of the evidence base as BibTeX or RIS, keyed by work key."""
    from pathlib import Path

    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.bibliography import write_bibtex, write_ris

    if output_format not in {"bibtex", "ris"}:
        raise typer.BadParameter(f"{output_format!r}: choose bibtex or ris", param_hint="--format")
    try:
        base = load_evidence_base(Path(evidence_dir) if evidence_dir else None)
    except EvidenceError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    content = write_bibtex(base.works) if output_format == "bibtex" else write_ris(base.works)
    if output is None:
        typer.echo(content, nl=False)
    else:
        Path(output).write_text(content, encoding="utf-8")
        typer.echo(f"Wrote {output}: {len(base.works)} works", err=True)


# --- instrument and imports -------------------------------------------------


_VERSION_HELP = "Instrument version; version 1 (the default for new rounds) when omitted."


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


@instrument_app.command("crosswalk")
def instrument_crosswalk(
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
) -> None:
    """Map each factor to the dimensions of other partnership instruments (names and citations only)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from joinedup.evidence.ids import FACTOR_IDS
    from joinedup.instrument.crosswalk import load_crosswalk

    _choose_format(output_format, ("table", "json"))
    crosswalk = load_crosswalk()
    if output_format == "json":
        document = {
            "frameworks": [
                {"id": f.id, "name": f.name, "citation": f.citation} for f in crosswalk.frameworks
            ],
            "factors": {
                factor: {
                    framework: [d.name for d in dimensions]
                    for framework, dimensions in crosswalk.dimensions_for(factor).items()
                }
                for factor in FACTOR_IDS
            },
        }
        typer.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    table = Table(title="How the factors map to other instruments")
    table.add_column("factor")
    for framework in crosswalk.frameworks:
        table.add_column(framework.name, overflow="fold")
    for factor in FACTOR_IDS:
        mapped = crosswalk.dimensions_for(factor)
        table.add_row(
            factor, *("; ".join(d.name for d in mapped.get(f.id, [])) for f in crosswalk.frameworks)
        )
    Console().print(table)
    for framework in crosswalk.frameworks:
        Console().print(f"{framework.name}: {framework.citation}", highlight=False)


@instrument_app.command("validate")
def instrument_validate(
    responses: str = typer.Argument(..., help="Responses: template CSV/XLSX, survey export or Parquet."),
    version: str | None = typer.Option(None, "--version", help=_VERSION_HELP),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
) -> None:
    """Check that the answers fit the instrument's 16-factor structure (confirmatory factor analysis).

    Exit code 0: the structure holds; 1: it is broken (poor fit, a factor that does not
    hold together, or a statement that goes with another factor); 2: the input cannot be used.
    """
    import dataclasses
    import json
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    from joinedup.instrument import load_instrument
    from joinedup.instrument.validation import ValidationInputError, validate_structure
    from joinedup.io.survey_import import ImportFailed, read_responses

    _choose_format(output_format, ("table", "json"))
    _check_version(version)
    instrument = load_instrument(version)
    console = Console(stderr=True, soft_wrap=True)
    path = Path(responses)
    try:
        if not path.is_file():
            raise ValidationInputError(f"{responses}: no such file")
        if path.suffix.lower() == ".parquet":
            import pandas as pd

            frame = pd.read_parquet(path)
        else:
            frame = read_responses(path, instrument).frame
        with console.status("Fitting the factor model…"):
            result = validate_structure(frame, instrument)
    except ImportFailed as failure:
        console.print(f"[bold red]Error:[/] {'; '.join(str(e) for e in failure.errors[:5])}", highlight=False)
        raise typer.Exit(2) from failure
    except (ValidationInputError, ValueError) as error:
        console.print(f"[bold red]Error:[/] {error}", highlight=False)
        raise typer.Exit(2) from error
    code = 1 if result.broken else 0
    if output_format == "json":
        typer.echo(json.dumps({**dataclasses.asdict(result), "broken": result.broken}, indent=2))
        raise typer.Exit(code)
    fit = result.fit
    screen = Console(soft_wrap=True)
    screen.print(
        f"Instrument version {result.version}, {result.respondents} responses "
        f"(N = {fit.n} for the fit): CFI {fit.cfi:.3f}, TLI {fit.tli:.3f}, "
        f"RMSEA {fit.rmsea:.3f} (90% CI {fit.rmsea_ci[0]:.3f}-{fit.rmsea_ci[1]:.3f}), SRMR {fit.srmr:.3f}, "
        f"chi-square {fit.chi2:.1f} on {fit.df} df",
        highlight=False,
    )
    table = Table(title="Factors and statements")
    for heading in ("factor", "alpha (95% CI)", "omega", "statement", "loading", "flags"):
        table.add_column(heading, overflow="fold")
    by_factor = {check.id: check for check in result.factors}
    for item in result.items:
        factor = by_factor[item.factor]
        first = item.id == factor.items[0]
        table.add_row(
            item.factor if first else "",
            f"{factor.alpha:.2f} ({factor.alpha_ci[0]:.2f}-{factor.alpha_ci[1]:.2f})" if first else "",
            f"{factor.omega:.2f}" if first else "",
            item.id,
            f"{item.loading:.2f}",
            "; ".join(item.flags),
        )
    screen.print(table)
    if result.broken:
        screen.print("[bold red]The structure is broken:[/]")
        for problem in result.problems:
            screen.print(f"  {problem}", markup=False, highlight=False)
    else:
        screen.print("The answers fit the instrument's structure.")
    raise typer.Exit(code)


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


_KEEP_PARTIAL_HELP = (
    "Keep responses the survey tool marks as never finished or submitted (Qualtrics Finished, LimeSurvey "
    "submitdate) when they hold answers; they are left out by default. Preview, test and blank rows are "
    "always left out."
)

_KEEP_PARTIAL_HOW = "pass --keep-partial to keep the ones that have answers"


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
                Path(file), instrument, known_agencies=known, defaults=defaults, skip_bad_rows=skip_bad_rows,
                keep_partial=keep_partial, sheet=sheet,
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
        console.print("Not read (not an item, identifier or comment):", ", ".join(result.unmapped_columns),
                      markup=False, highlight=False)
    if result.missing_items:
        console.print("Items with no column:", ", ".join(result.missing_items), markup=False, highlight=False)
    for line in summary["skipped_rows"]:
        console.print(f"  skipped: {line}", markup=False, highlight=False)
    for note in summary["notes"]:
        console.print(note, markup=False, highlight=False)


# database import


@app.command("import")
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


# --- analysis ---------------------------------------------------------------

_ANALYSIS_TABLE_SUFFIXES = (".csv", ".xlsx", ".ods")


def _analysis_fail(message: str) -> typer.Exit:
    from rich.console import Console

    Console(stderr=True, soft_wrap=True).print(f"[bold red]Error:[/] {message}", highlight=False)
    return typer.Exit(code=1)


def _read_analysis_file(file: str, instrument: object) -> object:
    """A responses frame from the template (CSV/XLSX), a survey-tool export, or Parquet."""
    from pathlib import Path

    import pandas as pd

    from joinedup.io.survey_import import ImportFailed, read_responses

    path = Path(file)
    if not path.is_file():
        raise _analysis_fail(f"{file}: no such file")
    if path.suffix.lower() == ".parquet":
        return pd.read_parquet(path)
    if path.suffix.lower() not in _ANALYSIS_TABLE_SUFFIXES:
        raise _analysis_fail(f"{file}: responses are read from .csv, .xlsx, .ods or .parquet files")
    try:
        return read_responses(path, instrument).frame  # type: ignore[arg-type]
    except ImportFailed as failure:
        raise _analysis_fail("\n".join(str(error) for error in failure.errors)) from failure


def _file_columns(file: str) -> list[str]:
    """The header row of a responses file as written, before any mapping to an instrument."""
    import pandas as pd

    suffix = file.lower().rsplit(".", 1)[-1]
    try:
        if suffix == "parquet":
            return list(pd.read_parquet(file).columns)
        if suffix == "csv":
            return list(pd.read_csv(file, nrows=0, encoding="utf-8-sig").columns)
        return [str(column) for column in pd.read_excel(file, nrows=0).columns]
    except (ValueError, OSError, UnicodeDecodeError):
        return []  # the reader has already accepted the file; a header it cannot re-read proves nothing


def _read_invitations(file: str) -> object:
    import pandas as pd

    if file.lower().endswith(".parquet"):
        return pd.read_parquet(file)
    return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _analysis_tables(result: object) -> list[object]:
    """One Rich table per (partnership, round), one row per factor."""
    from rich import box
    from rich.table import Table

    def p_value(p: float) -> str:
        return "<0.001" if p < 0.001 else f"{p:.3f}"

    tables: list[object] = []
    for entry in result.rounds:  # type: ignore[attr-defined]
        shown = f"{entry.n} responses" if not entry.suppressed else "too few responses: nothing shown"
        title = f"{entry.partnership} · {entry.round} · {shown}"
        table = Table(title=title, title_justify="left", box=box.SIMPLE)
        for heading in ("factor", "n", "mean", "95% CI", "band", "alpha", "DK", "agencies", "pairs", "trend"):
            justify = "left" if heading in {"factor", "band"} else "right"
            table.add_column(heading, no_wrap=True, justify=justify)  # type: ignore[arg-type]
        for factor in entry.factors:
            if factor.suppressed:
                table.add_row(factor.id, "", "hidden", "", "", "", "", "", "", "")
                continue
            divergence, trend = factor.divergence, factor.trend
            tested = divergence is not None and divergence.p is not None
            table.add_row(
                factor.id,
                str(factor.n),
                f"{factor.mean:.2f}",
                f"{factor.ci[0]:.2f}-{factor.ci[1]:.2f}" if factor.ci else "",
                factor.band or "",
                f"{factor.alpha:.2f}" if factor.alpha is not None else "",
                f"{factor.dont_know_rate:.0%}" if factor.dont_know_rate is not None else "",
                p_value(divergence.p) if tested else "",
                str(len(divergence.pairs)) if tested and divergence.pairs else "",
                f"{trend.direction} {trend.change:+.2f}" if trend is not None else "",
            )
        tables.append(table)
    return tables


def _locate_analysis_error(
    error: ValueError, files: list[str], starts: list[int], invitations: str | None
) -> str:
    """Name the file and row of a bad value found in the combined responses or the invitations."""
    import bisect

    from joinedup.analysis import ResponseDataError

    if not isinstance(error, ResponseDataError):
        return str(error)
    if error.source == "invitations":
        return f"{invitations}: {error}"
    if error.row is None:
        return f"{', '.join(files)}: {error}"
    index = bisect.bisect_right(starts, error.row - 1) - 1
    located = ResponseDataError(error.row - starts[index], error.column, error.value, error.reason)
    return f"{files[index]}: {located}"


@app.command("synth")
def synth_command(
    out: str = typer.Option(..., "--out", help="Where to write: .csv (the response template) or .parquet."),
    responses: int = typer.Option(2000, "--responses", min=1, help="Number of responses."),
    partnerships: int = typer.Option(4, "--partnerships", min=1, help="Number of partnerships."),
    rounds: int = typer.Option(2, "--rounds", min=1, help="Rounds per partnership."),
    seed: int = typer.Option(1, "--seed", help="Same seed, same data."),
    invitations_out: str | None = typer.Option(
        None, "--invitations-out", help="Also write invitations per agency (.csv or .parquet)."
    ),
    version: str | None = typer.Option(None, "--version", help=_VERSION_HELP),
) -> None:
    """Write realistic synthetic responses (uneven agencies, don't knows, disagreements, trends)."""
    from pathlib import Path

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import generate_responses
    from joinedup.instrument import load_instrument
    from joinedup.io.formulas import protect_cell, protect_text
    from joinedup.io.survey_export import write_template

    target = Path(out)
    if target.suffix.lower() not in {".csv", ".parquet"}:
        raise _analysis_fail(f"{out}: synthetic responses are written as .csv or .parquet")
    _check_version(version)
    instrument = load_instrument(version)
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        bar.add_task(f"Generating {responses:,} responses", total=None)
        data = generate_responses(
            instrument.items, responses=responses, partnerships=partnerships, rounds=rounds, seed=seed
        )
        bar.add_task(f"Writing {out}", total=None)
        if target.suffix.lower() == ".parquet":
            data.responses.to_parquet(target, index=False)
        else:
            blank_comments = {column: "" for column in instrument.comment_columns()}
            write_template(target, instrument, data.responses.assign(**blank_comments))
        if invitations_out is not None:
            if invitations_out.lower().endswith(".parquet"):
                data.invitations.to_parquet(invitations_out, index=False)
            else:
                protected = data.invitations.map(protect_cell).rename(columns=protect_text)
                protected.to_csv(invitations_out, index=False)
    Console(stderr=True).print(
        f"Wrote {len(data.responses):,} responses ({partnerships} partnerships, {rounds} rounds, "
        f"instrument v{instrument.version}) to {out}",
        highlight=False,
    )


@app.command("analyse")
def analyse_command(
    files: list[str] = typer.Argument(
        ..., help="Response files: template CSV/XLSX, survey exports or Parquet."
    ),
    min_group: int = typer.Option(5, "--min-group", help="Smallest group a figure may describe (5 or more)."),
    output_format: str = typer.Option("table", "--format", help="table, or json for machines."),
    out: str | None = typer.Option(None, "--out", help="Write the output to this file, not the screen."),
    invitations: str | None = typer.Option(
        None, "--invitations", help="Invitations per agency: partnership, round, agency, invited."
    ),
    version: str | None = typer.Option(
        None, "--version", help=_VERSION_HELP + " Every file is read with this one version."
    ),
) -> None:
    """Analyse every partnership and round in the files: scores, reliability, divergence, trends."""
    import sys
    from pathlib import Path

    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import ResponseDataError, analyse, check_min_group
    from joinedup.instrument import load_instrument
    from joinedup.instrument.bank import best_matching_version

    if output_format not in {"table", "json"}:
        raise typer.BadParameter("use one of table, json", param_hint="--format")
    try:
        check_min_group(min_group)
    except ValueError as error:
        raise _analysis_fail(f"--min-group: {error}") from error
    _check_version(version)
    instrument = load_instrument(version)
    frames: list[pd.DataFrame] = []
    starts: list[int] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        for file in files:
            bar.add_task(f"Reading {file}", total=None)
            starts.append(sum(len(frame) for frame in frames))
            frames.append(_read_analysis_file(file, instrument))  # type: ignore[arg-type]
        matching = best_matching_version(
            {column for file in files for column in _file_columns(file)}
        )
        if matching is not None and matching != instrument.version:
            raise _analysis_fail(
                f"the files hold the statements of instrument version {matching}, not {instrument.version}: "
                f"add --version {matching}"
            )
        invited = None
        if invitations is not None:
            bar.add_task(f"Reading {invitations}", total=None)
            invited = _read_invitations(invitations)
        bar.add_task("Analysing", total=None)
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
    if output_format == "json":
        document = result.to_json(indent=2)
        if out is None:
            typer.echo(document)
        else:
            Path(out).write_text(document + "\n", encoding="utf-8")
        return
    tables = _analysis_tables(result)
    if out is None:
        screen = Console(width=None if sys.stdout.isatty() else 150)
        for table in tables:
            screen.print(table)
        return
    with Path(out).open("w", encoding="utf-8") as stream:
        for table in tables:
            Console(file=stream, width=160).print(table)


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
    out: str = typer.Option(..., "--out", help="A folder for CSV files, or the .xlsx workbook to write."),
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


def _comment_summary(frame: object, min_group: int, agencies: list[str], tagger: object) -> object | None:
    """What people said per factor, from the round's `comment_<factor>` columns, tagged as the web
    app tags them (each comment knowing its box); None when the file has no comment column."""
    from joinedup.reports.comments import comment_summaries

    return comment_summaries(frame, tagger=tagger, min_group=min_group, agencies=agencies)  # type: ignore[arg-type]


def _report_tagger(model: str | None) -> object:
    """The shipped tagger, or a partnership's model file (from 'joinedup tag retrain' or the web app)."""
    from joinedup.tagging import ModelFileError, deserialise_model, load_tagger

    if model is None:
        return load_tagger()
    try:
        return deserialise_model(_tag_read(model), source=model)
    except (ModelFileError, ValueError) as error:
        raise typer.BadParameter(str(error), param_hint="--tagger") from error


@app.command("report")
def report_command(
    files: list[str] = typer.Argument(
        ..., help="Response files for every round to compare: template CSV/XLSX, survey exports or Parquet."
    ),
    partnership: str = typer.Option(..., "--partnership", help="The partnership to report on."),
    round_label: str = typer.Option(
        ..., "--round", help="The round to report on; earlier rounds give the trend."
    ),
    output_format: str = typer.Option("html", "--format", help="html, pdf or xlsx."),
    out: str = typer.Option(..., "--out", help="Where to write the report."),
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
    from joinedup.reports import build_report_data, render_html, render_pdf, render_xlsx

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
                comments=_comment_summary(in_round, min_group, known_agencies, comment_tagger),  # type: ignore[arg-type]
            )
        except ValueError as error:
            raise _report_fail(str(error)) from error
        bar.add_task(f"Writing the {output_format.upper()} report", total=None)
        target = Path(out)
        if output_format == "html":
            target.write_text(render_html(data), encoding="utf-8")
        elif output_format == "pdf":
            target.write_bytes(render_pdf(data))
        else:
            target.write_bytes(render_xlsx(data))
    Console(stderr=True).print(
        f"Wrote the {partnership} report for {round_label} ({len(data.findings)} findings) to {out}",
        highlight=False,
    )


@app.command("findings")
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


# --- tagging ----------------------------------------------------------------

_TAG_FORMATS = ("table", "jsonl", "json")
_TAG_BATCH = 2000


class _TagCommandGroup(typer.core.TyperGroup):
    """Lets `joinedup tag [FILE|-]` and `joinedup tag retrain ...` share one command name.

    Anything that is not a subcommand goes to the hidden `texts` command, so a file
    argument is never mistaken for a subcommand and options after it still parse.
    """

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = ["texts", *args]
        return super().parse_args(ctx, args)


tag_app.info.cls = _TagCommandGroup
tag_app.info.help = (
    "Tag free-text comments with factor ids: joinedup tag [FILE|-] [--format table|jsonl|json] "
    "[--column NAME] [--box-column NAME] [--model MODEL] [--kind default|lexical|embeddings]. "
    "Run 'joinedup tag - --help' for the options."
)


def _tag_fail(message: str) -> None:
    from rich.console import Console

    Console(stderr=True).print(f"[red]Error:[/red] {message}", highlight=False)
    raise typer.Exit(1)


def _tag_read(path: str) -> str:
    import sys
    from pathlib import Path

    try:
        if path == "-":
            return sys.stdin.read()
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        _tag_fail(f"{path}: cannot be read as UTF-8 text ({error})")
        raise


def _tag_load(kind: str, model: str | None):  # type: ignore[no-untyped-def]
    from joinedup.tagging import EmbeddingsUnavailableError, ModelFileError, deserialise_model, load_tagger

    try:
        if model is not None:
            return deserialise_model(_tag_read(model), source=model)
        return load_tagger(kind)
    except (ModelFileError, EmbeddingsUnavailableError, ValueError) as error:
        _tag_fail(str(error))
        raise


@tag_app.command("texts", hidden=True)
def tag_texts_command(
    file: str = typer.Argument("-", help="Text file with one comment per line, or '-' for standard input."),
    output_format: str = typer.Option("table", "--format", help="table, jsonl (one object a line) or json."),
    column: str | None = typer.Option(None, "--column", help="Read the texts from this CSV column."),
    box_column: str | None = typer.Option(
        None, "--box-column", help="CSV column with the factor id of the comment box each text was typed in."
    ),
    model: str | None = typer.Option(None, "--model", help="A model from 'joinedup tag retrain'."),
    kind: str = typer.Option("default", "--kind", help="default, lexical or embeddings (not with --model)."),
) -> None:
    """Tag each input line (or CSV cell) with the factors it is about, in input order.

    With --box-column, each text's comment box raises that factor's prior, as in the web app.
    """
    import json

    from rich.console import Console
    from rich.progress import Progress
    from rich.table import Table

    from joinedup.tagging.inputs import InputError, boxes_from_csv, texts_from_csv, texts_from_lines

    if output_format not in _TAG_FORMATS:
        _tag_fail(f"--format {output_format!r} is not one of {', '.join(_TAG_FORMATS)}")
    if box_column and not column:
        _tag_fail("--box-column needs --column: boxes are read from a CSV beside the texts")
    content = _tag_read(file)
    source = "standard input" if file == "-" else file
    boxes: list[str | None] | None = None
    try:
        texts = texts_from_csv(content, column=column, source=source) if column else texts_from_lines(content)
        if box_column:
            boxes = boxes_from_csv(content, column=box_column, source=source)
    except InputError as error:
        _tag_fail(str(error))
    tagger = _tag_load(kind, model)
    results = []
    with Progress(console=Console(stderr=True), transient=True, disable=len(texts) <= _TAG_BATCH) as progress:
        task = progress.add_task("Tagging", total=len(texts))
        for start in range(0, len(texts), _TAG_BATCH):
            batch = texts[start : start + _TAG_BATCH]
            results.extend(tagger.tag(batch, None if boxes is None else boxes[start : start + _TAG_BATCH]))
            progress.advance(task, len(batch))
    records = [{"text": r.text, "factors": r.factors, "scores": r.scores} for r in results]
    if output_format == "jsonl":
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))
    elif output_format == "json":
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        table = Table("#", "text", "factors", "top score")
        for number, result in enumerate(results, start=1):
            top = max(result.scores.values(), default=0.0)
            table.add_row(str(number), result.text, ", ".join(result.factors) or "-", f"{top:.2f}")
        Console().print(table)


@tag_app.command("retrain")
def tag_retrain_command(
    corrections: str = typer.Option(..., "--corrections", help="CSV: text, factors (ids split by ;)."),
    out: str = typer.Option(..., "--out", help="Where to write the partnership model (JSON)."),
    model: str | None = typer.Option(None, "--model", help="An earlier partnership model to extend."),
    kind: str = typer.Option("default", "--kind", help="default, lexical or embeddings (not with --model)."),
    output_format: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Build a partnership's local model: the shipped model plus its coordinators' corrections."""
    import json
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    from joinedup.tagging import CorrectionError, parse_corrections_csv, retrain, serialise_model

    if output_format not in ("table", "json"):
        _tag_fail(f"--format {output_format!r} is not one of table, json")
    try:
        new_corrections = parse_corrections_csv(_tag_read(corrections), source=corrections)
    except CorrectionError as error:
        _tag_fail(str(error))
    base = _tag_load(kind, model)
    partnership_model = retrain(base, new_corrections)
    Path(out).write_text(serialise_model(partnership_model), encoding="utf-8")
    changed = sum(
        before.factors != after.factors
        for before, after in zip(
            base.tag([c.text for c in new_corrections]),
            partnership_model.tag([c.text for c in new_corrections]),
            strict=True,
        )
    )
    summary = {
        "model": out,
        "kind": partnership_model.kind,
        "corrections": len(partnership_model.corrections),
        "corrected_texts_now_tagged_differently": changed,
    }
    if output_format == "json":
        typer.echo(json.dumps(summary))
        return
    table = Table("", "")
    for key, value in summary.items():
        table.add_row(key.replace("_", " "), str(value))
    Console().print(table)


if __name__ == "__main__":
    app()
