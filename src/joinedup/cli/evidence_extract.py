"""Evidence extraction: review files in, merged evidence and bibliographies out.

Heavy modules are imported inside the command functions so that `joinedup --help`
stays fast and a missing optional dependency only breaks the command that needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from joinedup.cli._app import evidence_app
from joinedup.cli._common import (
    BibFormat,
    OutAlias,
    Rows,
    add_plain_row,
    emit,
    fail,
    output_path,
    plain,
    say,
    write_text,
)

if TYPE_CHECKING:
    from rich.table import Table

    from joinedup.evidence import EvidenceBase


_CITATION_COLUMNS = (
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
)


def _extraction_inputs(file: str, evidence_dir: str | None) -> tuple[Path, str, EvidenceBase]:
    """Read a review file and the evidence base it is merged with; exit with the reason on bad input."""
    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.extraction import ReviewFileError, read_review

    path = Path(file)
    if not path.is_file():
        fail(f"{file}: no such file")
    try:
        text = read_review(path)
        base = load_evidence_base(Path(evidence_dir) if evidence_dir else None)
    except (ReviewFileError, EvidenceError) as error:
        fail(str(error))
    return path, text, base


@evidence_app.command("extract")
def evidence_extract_command(
    file: str = typer.Argument(..., help="The review: .txt, .md, .docx or .pdf."),
    output_format: Rows = typer.Option(
        Rows.table, "--format", help="table, json or csv (one row per citation)."
    ),
    evidence_dir: str | None = typer.Option(
        None, "--evidence", help="Your evidence folder, merged with the bundled one."
    ),
) -> None:
    """Find a review's sections, the works cited in each, and the factors each section is about."""
    from rich.console import Console
    from rich.markup import escape

    from joinedup.evidence.extraction import extract_review, factor_texts, known_works

    _, text, base = _extraction_inputs(file, evidence_dir)
    extraction = extract_review(text, factors=factor_texts(base), known=known_works(base))
    document = extraction.to_dict()

    def rows() -> list[dict[str, object]]:
        return [
            {column: citation.get(column) for column in _CITATION_COLUMNS}
            for section in document["sections"]
            for citation in section["citations"]
        ]

    def tables() -> list[Table]:
        from rich.table import Table

        sections = Table(title=plain(f"Sections of {file}"))
        for column in ("section", "proposed factors (confidence)", "citations"):
            sections.add_column(column)
        for section in extraction.sections:
            factors = ", ".join(f"{p.factor} ({p.confidence:.2f})" for p in section.factors) or "-"
            add_plain_row(
                sections,
                section.heading or "(before the first heading)",
                factors,
                str(len(section.citations)),
            )
        works = Table(title=f"{len(extraction.works)} distinct works")
        for column in ("key", "authors", "year", "mentions", "in evidence base", "sections"):
            works.add_column(column)
        for work in extraction.works:
            add_plain_row(
                works,
                work.key,
                ", ".join(work.authors) + (" et al" if work.et_al else ""),
                work.year + work.suffix,
                str(work.mentions),
                "yes" if work.known else "new",
                "; ".join(work.sections),
            )
        return [sections, works]

    emit(output_format, document, tables=tables, rows=rows)
    if output_format != Rows.table:
        return
    console = Console()
    for duplicate in extraction.possible_duplicates:
        console.print(
            f"[yellow]Possible duplicate:[/] {escape(duplicate.work.key)} "
            f"of {escape(duplicate.duplicate_of)}: {escape(duplicate.reason)}"
        )
    for fragment in extraction.fragments:
        console.print(f"[yellow]Names without a year, not guessed:[/] {escape(repr(fragment.surface))}")
    for citation in extraction.unlinked:
        console.print(f"[yellow]Not in the reference list:[/] {escape(repr(citation.surface))}")
    for entry in extraction.uncited:
        console.print(
            f"[yellow]In the reference list, never cited:[/] {escape(entry.key)} (line {entry.line})"
        )


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
    import yaml
    from rich.console import Console
    from rich.markup import escape
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
        fail(f"--into: {into} is inside the bundled evidence data; give your own folder")
    same_as: dict[str, str] = {}
    for pair in same:
        doubted, _, key = pair.partition("=")
        if not doubted or not key:
            fail(f"--same: {pair!r}: write DOUBTED=KEY")
        same_as[doubted.strip()] = key.strip()
    path, text, base = _extraction_inputs(file, into if folder.is_dir() else None)
    extraction = extract_review(text, factors=factor_texts(base), known=known_works(base))
    additions = propose_additions(extraction, base, same_as)
    console = Console()
    table = Table(title=plain(f"Would add to {folder / (path.stem + '.yaml')}"))
    for column in ("kind", "what", "detail"):
        table.add_column(column)
    for work in additions.works:
        add_plain_row(table, "work", work.key, ", ".join(work.authors) + f" {work.year}{work.suffix}")
    for claim in additions.claims:
        add_plain_row(table, "claim", f"{claim.factor} <- {claim.work}", f"{claim.direction}, {claim.basis}")
    for note in additions.unresolved:
        add_plain_row(table, "note", note.text, note.note)
    console.print(table)
    for reason in additions.left_out:
        console.print(f"[yellow]Left out:[/] {escape(reason)}")
    if not additions.claims:
        console.print("Nothing new to add.")
        return
    if not yes and not typer.confirm(f"Write {len(additions.claims)} claims and their works?"):
        say("Nothing written.")
        return
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{path.stem}.yaml"
    if target.exists():
        fail(f"{target} exists; merge each review once, or move the old file away")
    document = evidence_document(additions, additions.claims)
    target.write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110), encoding="utf-8"
    )
    try:
        load_evidence_base(folder)
    except EvidenceError as error:
        target.unlink()
        fail(f"nothing written, the result would not load: {error}")
    typer.echo(f"Wrote {target}: {len(document['works'])} works, {len(document['claims'])} claims", err=True)


@evidence_app.command("import-bib")
def evidence_import_bib_command(
    file: str = typer.Argument(..., help="A .bib (BibTeX) or .ris (RIS) file from your reference manager."),
    into: str = typer.Option(..., "--into", help="Your evidence folder; enriched works are written there."),
    yes: bool = typer.Option(False, "--yes", help="Write without asking."),
) -> None:
    """Give works their titles, journals and DOIs from a bibliography, matched by work key."""
    import yaml
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.bibliography import BibliographyError, enrich_works, read_bibliography_file

    source = Path(file)
    folder = Path(into)
    try:
        records = read_bibliography_file(source)
        base = load_evidence_base(folder if folder.is_dir() else None)
    except (OSError, BibliographyError, EvidenceError) as error:
        fail(str(error))
    enrichment = enrich_works(base.works, records)
    table = Table(title=f"{len(enrichment.works)} of {len(records)} records match a work")
    for column in ("work", "title", "notes"):
        table.add_column(column)
    for work in enrichment.works:
        add_plain_row(table, work.key, work.title or "", work.notes or "")
    console = Console()
    console.print(table)
    for key, group in enrichment.ambiguous.items():
        console.print(
            f"[yellow]Ambiguous:[/] {len(group)} records give {escape(key)}; add the a/b suffix by hand"
        )
    for record in enrichment.unmatched:
        console.print(f"[yellow]No work:[/] {escape(str(record.source_id))} ({escape(str(record.key))})")
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
        fail(f"nothing written, the result would not load: {error}")
    typer.echo(f"Wrote {target}: {len(enrichment.works)} works", err=True)


@evidence_app.command("export-bib")
def evidence_export_bib_command(
    output_format: BibFormat = typer.Option(BibFormat.bibtex, "--format", help="bibtex or ris."),
    evidence_dir: str | None = typer.Option(
        None, "--evidence", help="Your evidence folder, merged with the bundled one."
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", help="File to write; standard output when omitted."
    ),
    out: OutAlias = None,
) -> None:
    """Write every work of the evidence base as BibTeX or RIS, keyed by work key."""
    from joinedup.evidence import EvidenceError, load_evidence_base
    from joinedup.evidence.bibliography import write_bibtex, write_ris

    written = output_path(output, out)
    try:
        base = load_evidence_base(Path(evidence_dir) if evidence_dir else None)
    except EvidenceError as error:
        fail(str(error))
    content = write_bibtex(base.works) if output_format == BibFormat.bibtex else write_ris(base.works)
    write_text(content, written)
    if written is not None:
        say(f"Wrote {written}: {len(base.works)} works")
