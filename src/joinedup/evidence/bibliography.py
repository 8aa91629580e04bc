"""Read and write bibliographies (BibTeX, RIS) so works gain titles, journals and DOIs.

Reference managers already hold what a review's in-text citations lack, so an evidence
lead can export their library and joinedup matches each record to a work by the same key
rule the citations use. Parsing is left to bibtexparser 2 and rispy rather than hand-written,
because BibTeX's escapes and RIS's tag variants are where home-made parsers break.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from joinedup.evidence.keys import work_key
from joinedup.evidence.models import Work
from joinedup.io.safety import BIBLIOGRAPHY_LIMITS, FileRefused, Limits, check_lines, check_size, read_limited

FORMATS = ("bibtex", "ris")


class BibliographyError(ValueError):
    """A bibliography that cannot be read; the message names the file and the entry."""


@dataclass(frozen=True)
class BibRecord:
    """One bibliography entry, reduced to what the evidence base can use."""

    authors: tuple[str, ...]
    year: str
    title: str = ""
    journal: str = ""
    doi: str = ""
    entry_type: str = "article"
    source_id: str = ""

    @property
    def key(self) -> str:
        return work_key(self.authors[0], self.year)


@dataclass(frozen=True)
class Enrichment:
    """Works with what the bibliography adds, and the records that matched nothing or too much."""

    works: list[Work]
    matched: dict[str, BibRecord]
    unmatched: list[BibRecord]
    ambiguous: dict[str, list[BibRecord]]


def _surname(name: str, corporate_without_comma: bool) -> str:
    """The surname (with "van", "de" ...) or the whole name of an organisation.

    BibTeX marks an organisation by braces ("{National Audit Office}") and writes people
    as "First von Last" or "von Last, First"; RIS writes people as "Last, First", so an RIS
    name without a comma is an organisation.
    """
    name = " ".join(name.split())
    if name.startswith("{") and name.endswith("}"):
        return name[1:-1].strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    if corporate_without_comma:
        return name
    words = name.split()
    for position, word in enumerate(words[:-1]):
        if word[0].islower():
            return " ".join(words[position:])
    return words[-1] if words else name


def _year(value: str) -> str:
    found = re.search(r"(1[6-9]|20)\d\d", value or "")
    return found.group() if found else ""


def read_bibtex(text: str, source: str = "bibliography") -> list[BibRecord]:
    """Records of a BibTeX file; any block bibtexparser cannot read makes the whole file fail."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors

    library = bibtexparser.parse_string(
        text, append_middleware=[SeparateCoAuthors(), LatexDecodingMiddleware()]
    )
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise BibliographyError(
            f"{source}, line {(block.start_line or 0) + 1}: "
            f"cannot read this BibTeX entry ({type(block).__name__})"
        )
    records = []
    for entry in library.entries:
        fields = {name.lower(): value for name, value in entry.fields_dict.items()}
        authors = fields.get("author") or fields.get("editor")
        names = authors.value if authors is not None else []
        if isinstance(names, str):
            names = [names]
        year = _year(str(fields["year"].value)) if "year" in fields else ""
        if not names or not year:
            missing = "author" if not names else "year"
            raise BibliographyError(
                f"{source}, entry {entry.key} (line {(entry.start_line or 0) + 1}): no {missing}"
            )
        records.append(
            BibRecord(
                authors=tuple(_surname(n, corporate_without_comma=False) for n in names),
                year=year,
                title=_field(fields, "title"),
                journal=_field(fields, "journal")
                or _field(fields, "booktitle")
                or _field(fields, "publisher"),
                doi=_field(fields, "doi"),
                entry_type=entry.entry_type.lower(),
                source_id=entry.key,
            )
        )
    return records


def _field(fields: Mapping[str, object], name: str) -> str:
    value = fields.get(name)
    return " ".join(str(getattr(value, "value", "")).replace("{", "").replace("}", "").split())


def read_ris(text: str, source: str = "bibliography") -> list[BibRecord]:
    """Records of an RIS file (EndNote, Zotero, Scopus, Web of Science exports)."""
    import rispy

    try:
        entries = rispy.loads(text)
    except (OSError, ValueError, KeyError) as error:
        raise BibliographyError(f"{source}: cannot read this RIS file ({error})") from error
    records = []
    for number, entry in enumerate(entries, start=1):
        names = entry.get("authors") or entry.get("first_authors") or entry.get("editors") or []
        year = _year(str(entry.get("year") or entry.get("publication_year") or entry.get("date") or ""))
        if not names or not year:
            missing = "author (AU)" if not names else "year (PY)"
            raise BibliographyError(f"{source}, record {number}: no {missing}")
        records.append(
            BibRecord(
                authors=tuple(_surname(str(n), corporate_without_comma=True) for n in names),
                year=year,
                title=str(entry.get("title") or entry.get("primary_title") or ""),
                journal=str(
                    entry.get("journal_name") or entry.get("secondary_title") or entry.get("publisher") or ""
                ),
                doi=str(entry.get("doi") or ""),
                entry_type=str(entry.get("type_of_reference") or "JOUR"),
                source_id=str(entry.get("id") or number),
            )
        )
    return records


def read_bibliography(text: str, filename: str, *, limits: Limits = BIBLIOGRAPHY_LIMITS) -> list[BibRecord]:
    """Records of a .bib or .ris file, chosen by its suffix.

    The text is checked first (`joinedup.io.safety`: size, NUL characters, absurdly long
    lines), and any failure of the third-party parser on malformed input becomes a
    `BibliographyError` naming the file, so hostile input has one documented error.
    """
    lower = filename.lower()
    if not lower.endswith((".bib", ".ris")):
        raise BibliographyError(f"{filename}: give a .bib (BibTeX) or .ris (RIS) file")
    encoded = text.encode("utf-8", "surrogatepass")
    try:
        check_size(len(encoded), limits, filename)
        if "\x00" in text:
            raise FileRefused(filename, "contains NUL characters; it is not a text bibliography")
        check_lines(encoded, limits, filename)
    except FileRefused as refused:
        raise BibliographyError(str(refused)) from refused
    reader = read_bibtex if lower.endswith(".bib") else read_ris
    try:
        return reader(text, filename)
    except BibliographyError:
        raise
    except Exception as error:  # the parsers raise many kinds of error on malformed input
        raise BibliographyError(
            f"{filename}: cannot read this file ({type(error).__name__}: {error})"
        ) from error


def read_bibliography_file(path: Path, *, limits: Limits = BIBLIOGRAPHY_LIMITS) -> list[BibRecord]:
    """`read_bibliography` of a UTF-8 file on disk, refused by its size before it is read."""
    try:
        data = read_limited(path, limits)
    except FileRefused as refused:
        raise BibliographyError(str(refused)) from refused
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BibliographyError(
            f"{path.name}: byte {error.start} is not UTF-8 ({error.reason}); save the file as UTF-8"
        ) from error
    return read_bibliography(text, path.name, limits=limits)


def enrich_works(works: Sequence[Work], records: Sequence[BibRecord]) -> Enrichment:
    """Works whose key a record matches, with the record's title and, in the notes, journal and DOI.

    A key that two records share (two works by one author in one year, which a
    bibliography does not suffix) is reported as ambiguous and left alone.
    """
    by_key: dict[str, list[BibRecord]] = {}
    for record in records:
        by_key.setdefault(record.key, []).append(record)
    keyed = {w.key: w for w in works}
    unsuffixed = {work_key(w.authors[0], w.year): w.key for w in works if w.suffix}
    matched: dict[str, BibRecord] = {}
    ambiguous: dict[str, list[BibRecord]] = {}
    unmatched: list[BibRecord] = []
    for key, group in by_key.items():
        target = key if key in keyed else unsuffixed.get(key)
        if target is None:
            unmatched.extend(group)
        elif len(group) > 1:
            ambiguous[key] = group
        else:
            matched[target] = group[0]
    enriched = []
    for work in works:
        found = matched.get(work.key)
        if found is None:
            continue
        record = found
        published = "; ".join(p for p in (record.journal, f"DOI {record.doi}" if record.doi else "") if p)
        notes = " ".join(p for p in (work.notes or "", f"Published: {published}." if published else "") if p)
        enriched.append(work.model_copy(update={"title": record.title or work.title, "notes": notes or None}))
    return Enrichment(enriched, matched, unmatched, ambiguous)


def _bibtex_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("&", "\\&").replace("{", "\\{").replace("}", "\\}")


def write_bibtex(works: Sequence[Work]) -> str:
    """A BibTeX file of the works, keyed by the work keys so a reference manager keeps them."""
    blocks = []
    for work in works:
        names = [_bibtex_escape(a) for a in work.authors]
        fields = [("author", " and ".join("{" + n + "}" if " " in n else n for n in names))]
        fields.append(("year", work.year))
        if work.title:
            fields.append(("title", work.title))
        entry_type = (
            "article"
            if work.kind.value == "study"
            else "techreport"
            if work.kind.value == "report"
            else "misc"
        )
        fields = [(name, value if name == "author" else _bibtex_escape(value)) for name, value in fields]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        blocks.append(f"@{entry_type}{{{work.key},\n{body}\n}}\n")
    return "\n".join(blocks)


def write_ris(works: Sequence[Work]) -> str:
    """An RIS file of the works, with the work key as the record id."""
    import rispy

    types = {"study": "JOUR", "review": "JOUR", "report": "RPRT", "guidance": "GOVDOC"}
    entries = []
    for work in works:
        entry: dict[str, object] = {
            "type_of_reference": types.get(work.kind.value, "GEN"),
            "id": work.key,
            "authors": list(work.authors),
            "year": work.year,
        }
        if work.title:
            entry["title"] = work.title
        entries.append(entry)
    return str(rispy.dumps(entries))
