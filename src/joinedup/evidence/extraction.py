"""From a review's text to what it adds to the evidence base: the pipeline that joins the parts.

The steps are deliberately separate modules (sections, citations, references, merging) so
each can be tested on its own; this module only runs them in order and shapes the result
for the two shells: a JSON-ready dict for `joinedup evidence extract`, and proposed works
and claims for `joinedup evidence merge` and the web review page. Nothing here writes
anywhere: a person confirms the proposals first.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from joinedup.evidence.base import EvidenceBase
from joinedup.evidence.citations import Citation, NameFragment, find_citations, find_name_fragments
from joinedup.evidence.merging import (
    ExtractedWork,
    KnownWork,
    PossibleDuplicate,
    merge_citations,
    same_first_author_flags,
)
from joinedup.evidence.models import Basis, Claim, Direction, Kind, UnresolvedCitation, Work
from joinedup.evidence.references import ReferenceEntry, link_citations, parse_reference_list
from joinedup.evidence.sections import FactorMatcher, FactorProposal, FactorText, Section, split_sections
from joinedup.io.safety import (
    REVIEW_LIMITS,
    FileRefused,
    Limits,
    check_docx,
    check_lines,
    check_pdf,
    check_size,
    read_limited,
    sniff,
)

READABLE_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
GROUPED_CITATIONS = 4
"""A bracket citing this many works or more is a list, so its claims are `grouped`, not `specific`."""

_BARRIER_CUES = re.compile(
    r"\b(barrier|hinder|obstacle|difficult|lack|problem|tension|conflict|uncertain|ambigu|blurr|"
    r"dispute|concern|limit|poor|fail|confusion|inequit)",
    re.IGNORECASE,
)
_FACILITATOR_CUES = re.compile(
    r"\b(success|facilitat|crucial|vital|essential|key factor|help|improv|promot|enabl|support|"
    r"effective|important|welcom|critical for)",
    re.IGNORECASE,
)
_INCONCLUSIVE_CUES = re.compile(
    r"\b(inconclusive|mixed|pros and cons|can help or hinder|unclear whether)", re.I
)


class ReviewFileError(ValueError):
    """A review file that cannot be read, with the file named and the reason."""


@dataclass(frozen=True)
class SectionReport:
    heading: str
    level: int
    path: tuple[str, ...]
    factors: list[FactorProposal]
    citations: list[Citation]


@dataclass(frozen=True)
class Extraction:
    """Everything found in one review, before anyone has confirmed any of it."""

    sections: list[SectionReport]
    works: list[ExtractedWork]
    possible_duplicates: list[PossibleDuplicate]
    unlinked: list[Citation]
    uncited: list[ReferenceEntry]
    fragments: list[NameFragment]
    references: list[ReferenceEntry] = field(default_factory=list)

    @property
    def citations(self) -> list[Citation]:
        return [citation for section in self.sections for citation in section.citations]

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape `joinedup evidence extract --format json` prints."""
        return {
            "sections": [
                {
                    "heading": section.heading,
                    "level": section.level,
                    "path": list(section.path),
                    "factors": [{"id": p.factor, "confidence": p.confidence} for p in section.factors],
                    "citations": [_citation_dict(c) for c in section.citations],
                }
                for section in self.sections
            ],
            "works": [_work_dict(w) for w in self.works],
            "unlinked": [_citation_dict(c) for c in self.unlinked],
            "uncited_references": [{"key": e.key, "line": e.line, "entry": e.raw} for e in self.uncited],
            "possible_duplicates": [
                {
                    **_work_dict(d.work),
                    "duplicate_of": d.duplicate_of,
                    "reason": d.reason,
                    "distance": d.distance,
                }
                for d in self.possible_duplicates
            ],
            "names_without_year": [
                {"surface": f.surface, "start": f.start, "end": f.end, "sentence": f.sentence}
                for f in self.fragments
            ],
        }


def _citation_dict(citation: Citation) -> dict[str, Any]:
    return {
        "surface": citation.surface,
        "start": citation.start,
        "end": citation.end,
        "authors": list(citation.authors),
        "et_al": citation.et_al,
        "year": citation.year,
        "suffix": citation.suffix,
        "key": citation.key,
        "section": citation.section,
        "sentence": citation.sentence,
    }


def _work_dict(work: ExtractedWork) -> dict[str, Any]:
    return {
        "key": work.key,
        "authors": list(work.authors),
        "et_al": work.et_al,
        "year": work.year,
        "suffix": work.suffix,
        "mentions": work.mentions,
        "variants": list(work.variants),
        "sections": list(work.sections),
        "known": work.known,
        "title": work.title,
    }


def review_text(data: bytes, filename: str, *, limits: Limits = REVIEW_LIMITS) -> str:
    """The plain text of a review given as .txt/.md, .docx or .pdf bytes.

    Word headings become "#" lines so the section splitter sees them as headings whatever
    their wording. PDF text comes from pypdf (pure Python, BSD); its line breaks are kept.
    The bytes are checked before any parser sees them (`joinedup.io.safety`): size, what the
    content is whatever the name says, the Word package's archive and XML (no DTDs, so no
    entity expansion), a PDF's page count, NUL bytes and absurdly long lines. Every failure
    is a `ReviewFileError` naming the file and the reason.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix not in READABLE_SUFFIXES:
        raise ReviewFileError(
            f"{filename}: cannot read a {suffix or 'suffix-less'} file; "
            f"give one of {', '.join(READABLE_SUFFIXES)}"
        )
    try:
        if suffix == ".docx":
            check_docx(data, limits, filename)
            text = _docx_text(data, filename)
        elif suffix == ".pdf":
            check_pdf(data, limits, filename)
            text = _pdf_text(data, limits, filename)
        else:
            check_size(len(data), limits, filename)
            text = _plain_text(data, filename)
        _check_text(text, limits, filename)
    except FileRefused as refused:
        raise ReviewFileError(str(refused)) from refused
    return text


def read_review(path: Path, *, limits: Limits = REVIEW_LIMITS) -> str:
    """`review_text` of a file on disk, refused by its size before it is read."""
    try:
        data = read_limited(path, limits)
    except FileRefused as refused:
        raise ReviewFileError(str(refused)) from refused
    return review_text(data, path.name, limits=limits)


def _plain_text(data: bytes, filename: str) -> str:
    kind = sniff(data[:4096])
    if kind in ("zip", "ole", "pdf"):
        raise FileRefused(
            filename, "is a Word, PDF or other binary file with a text name; give it its own suffix"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(
            filename, f"byte {error.start} is not UTF-8 ({error.reason}); save the file as UTF-8"
        ) from error


def _check_text(text: str, limits: Limits, filename: str) -> None:
    """The extracted text, whatever it came from, is read by regular expressions line by line."""
    if "\x00" in text:
        raise FileRefused(filename, "contains NUL characters; it is not a text document")
    check_lines(text.encode("utf-8", "surrogatepass"), limits, filename)


def _docx_text(data: bytes, filename: str) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [
            (
                paragraph.style.name if paragraph.style is not None and paragraph.style.name else "",
                paragraph.text,
            )
            for paragraph in document.paragraphs
        ]
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        LxmlError,
        KeyError,
        ValueError,
        AttributeError,
    ) as error:
        raise FileRefused(
            filename, f"is not a readable Word document ({type(error).__name__}: {error})"
        ) from error
    lines: list[str] = []
    for style, raw in paragraphs:
        depth = re.fullmatch(r"Heading (\d)", style)
        text = raw.strip()
        if not text:
            continue
        if depth or style == "Title":
            lines.append("#" * (int(depth.group(1)) if depth else 1) + " " + text)
        else:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


def _pdf_text(data: bytes, limits: Limits, filename: str) -> str:
    """pypdf caps what one stream may inflate to; the page count and total text are capped here.

    pypdf is a parser of a large, loose format: on hostile bytes it raises many kinds of
    exception besides its own, so any exception from it means "not a readable PDF".
    """
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        if pages > limits.max_pages:
            raise FileRefused(
                filename, f"has {pages:,} pages; a review may have at most {limits.max_pages:,}"
            )
        texts: list[str] = []
        total = 0
        for page in reader.pages:
            texts.append(page.extract_text() or "")
            total += len(texts[-1])
            if total > limits.max_unpacked_bytes:
                raise FileRefused(filename, "holds more text than a review can; it is refused")
    except FileRefused:
        raise
    except Exception as error:  # any failure of the parser on untrusted bytes is a refusal
        raise FileRefused(
            filename, f"is not a readable PDF file ({type(error).__name__}: {error})"
        ) from error
    return "\n\n".join(texts)


def factor_texts(base: EvidenceBase) -> list[FactorText]:
    return [FactorText(f.id, f.name, f.barrier, f.facilitator) for f in base.factors]


def known_works(base: EvidenceBase) -> list[KnownWork]:
    return [KnownWork(w.key, tuple(w.authors), w.year, w.suffix) for w in base.works]


def extract_review(
    text: str,
    *,
    factors: Sequence[FactorText] = (),
    known: Sequence[KnownWork] = (),
) -> Extraction:
    """Sections, citations, works, links to the reference list and possible duplicates of a review.

    The reference list (a section headed "References" or "Bibliography") is parsed, its
    first authors let bare mentions such as "as Sloper 2004 showed" count, and it is not
    itself searched for citations.
    """
    sections = split_sections(text)
    reference_sections = [s for s in sections if s.is_references]
    references: list[ReferenceEntry] = []
    for section in reference_sections:
        first_line = text.count("\n", 0, section.body_start) + 1
        references.extend(parse_reference_list(section.body(text), first_line))
    prose_sections = [s for s in sections if not s.is_references]
    surnames = {entry.authors[0] for entry in references} | {work.authors[0] for work in known}
    found = find_citations(text, known_surnames=surnames)
    if reference_sections:
        found = [c for c in found if not any(s.start <= c.start < s.end for s in reference_sections)]
    placed_with_index = _place(found, prose_sections)
    placed = [citation for _, citation in placed_with_index]
    linking = link_citations(placed, references)
    merged = merge_citations(placed, known, references)
    matcher = FactorMatcher(list(factors)) if factors else None
    by_section: dict[int, list[Citation]] = {}
    for index, citation in placed_with_index:
        by_section.setdefault(index, []).append(citation)
    reports = [
        SectionReport(
            heading=section.heading,
            level=section.level,
            path=section.path,
            factors=matcher.propose(section.heading, section.body(text)) if matcher else [],
            citations=by_section.get(index, []),
        )
        for index, section in enumerate(prose_sections)
    ]
    return Extraction(
        sections=reports,
        works=merged.works,
        possible_duplicates=merged.possible_duplicates,
        unlinked=[placed[i] for i in linking.unlinked] if references else [],
        uncited=[e for e in references if e.key in set(linking.uncited)],
        fragments=find_name_fragments(text, placed),
        references=references,
    )


def _place(citations: list[Citation], sections: list[Section]) -> list[tuple[int, Citation]]:
    """Give each citation the heading of its section; both lists are in text order."""
    placed = []
    index = 0
    for citation in citations:
        while index + 1 < len(sections) and citation.start >= sections[index].end:
            index += 1
        inside = bool(sections) and sections[index].start <= citation.start
        placed.append((index, replace(citation, section=sections[index].heading if inside else "")))
    return placed


@dataclass(frozen=True)
class ProposedClaim:
    """A claim drafted from one citation, for a person to accept, edit or reject."""

    id: str
    factor: str
    work: str
    direction: str
    basis: str
    summary: str
    section: str
    sentence: str
    group: str | None = None

    def to_claim(self) -> Claim:
        return Claim(
            factor=self.factor,
            work=self.work,
            direction=Direction(self.direction),
            basis=Basis(self.basis),
            group=self.group,
            summary=self.summary,
        )


@dataclass(frozen=True)
class Additions:
    """What the review would add to the evidence base, and what was left out and why."""

    works: list[Work]
    claims: list[ProposedClaim]
    unresolved: list[UnresolvedCitation]
    left_out: list[str]


def _direction(sentence: str, heading: str) -> Direction:
    if _INCONCLUSIVE_CUES.search(sentence):
        return Direction.INCONCLUSIVE
    barrier = len(_BARRIER_CUES.findall(sentence))
    facilitator = len(_FACILITATOR_CUES.findall(sentence))
    if barrier == facilitator:
        barrier += len(_BARRIER_CUES.findall(heading))
        facilitator += len(_FACILITATOR_CUES.findall(heading))
    return Direction.BARRIER if barrier > facilitator else Direction.FACILITATOR


KIND_GUESS = (
    "Guessed by joinedup evidence extract from the first author's name (an organisation or acronym "
    "is taken as a report, a person as a study); check it against the work."
)


def _list_id(sentence: str) -> str:
    """A stable id for the citation list of one sentence, so the list counts once however long."""
    return "list-" + hashlib.blake2s(" ".join(sentence.split()).encode("utf-8"), digest_size=5).hexdigest()


def _kind(work: ExtractedWork) -> Kind:
    first = work.authors[0]
    acronym = re.fullmatch(r"(?:[A-Z]+[a-z]?){2,}", first) is not None
    organisation = " " in first and not first[0].islower()
    return Kind.REPORT if acronym or organisation else Kind.STUDY


def propose_additions(
    extraction: Extraction,
    base: EvidenceBase,
    same_as: dict[str, str] | None = None,
) -> Additions:
    """New works and draft claims, one claim per (factor, work) the review ties together.

    A claim takes the factors proposed for its section, narrowed to those its own sentence
    speaks to most. Pairs the evidence base already has are left out, because a claim in a
    user's folder replaces the bundled claims for its pair. `same_as` records a person's
    decision that a possible duplicate is another work ("rushmore-2002" -> "rushmer-2002");
    undecided duplicates and undated works are left out and said so.
    """
    same_as = same_as or {}
    factor_names = {f.id: f.name for f in base.factors}
    matcher = FactorMatcher(factor_texts(base))
    existing_pairs = {(c.factor, c.work) for c in base.claims}
    known_keys = {w.key for w in base.works}
    doubted = {d.work.key: d for d in extraction.possible_duplicates if d.distance > 0}
    left_out: list[str] = []
    unresolved = [
        UnresolvedCitation(
            text=fragment.surface,
            where=_section_of(extraction, fragment.start),
            note="Names in a citation bracket with no year; which works are meant cannot be told.",
        )
        for fragment in extraction.fragments
    ]
    for key, duplicate in doubted.items():
        if key in same_as:
            continue
        unresolved.append(
            UnresolvedCitation(
                text=duplicate.work.variants[0],
                where=duplicate.work.sections[0] if duplicate.work.sections else "(no section)",
                note=f"May be {duplicate.duplicate_of} spelt differently; not merged until a person decides.",
            )
        )
        left_out.append(f"{key}: possible duplicate of {duplicate.duplicate_of}, undecided")
    new_works: list[Work] = []
    for work in extraction.works:
        if work.key in known_keys:
            continue
        if not work.year.isdigit():
            left_out.append(f"{work.key}: no year (n.d.); add the year by hand to store it")
            continue
        new_works.append(
            Work(
                key=work.key,
                authors=list(work.authors),
                et_al=work.et_al,
                year=work.year,
                suffix=work.suffix,
                kind=_kind(work),
                kind_inferred=True,
                kind_reason=KIND_GUESS,
                flags=same_first_author_flags(work, [*base.works, *extraction.works]),
                title=work.title or None,
                notes="Found by joinedup evidence extract; check the kind and add the title.",
                variants=list(work.variants),
            )
        )
    storable = known_keys | {w.key for w in new_works}
    claims: dict[tuple[str, str], ProposedClaim] = {}
    for section in extraction.sections:
        section_factors = [p.factor for p in section.factors]
        if not section_factors:
            continue
        sentence_counts: dict[str, int] = {}
        for citation in section.citations:
            sentence_counts[citation.sentence] = sentence_counts.get(citation.sentence, 0) + 1
        for citation in section.citations:
            key = same_as.get(citation.key, citation.key)
            if key not in storable:
                continue
            for factor in _sentence_factors(matcher, section.heading, citation.sentence, section_factors):
                if (factor, key) in existing_pairs or (factor, key) in claims:
                    continue
                direction = _direction(citation.sentence, section.heading)
                grouped = sentence_counts[citation.sentence] >= GROUPED_CITATIONS
                claims[(factor, key)] = ProposedClaim(
                    id=f"{factor}--{key}",
                    factor=factor,
                    work=key,
                    direction=direction.value,
                    basis=(Basis.GROUPED if grouped else Basis.SPECIFIC).value,
                    group=_list_id(citation.sentence) if grouped else None,
                    summary=f"Cited in \u201c{section.heading}\u201d as a {direction.value} "
                    f"for {factor_names.get(factor, factor).lower()}; edit into one line of your own.",
                    section=section.heading,
                    sentence=citation.sentence,
                )
    return Additions(new_works, list(claims.values()), unresolved, left_out)


def _sentence_factors(matcher: FactorMatcher, heading: str, sentence: str, among: list[str]) -> list[str]:
    """The section's factors this sentence speaks to most; all of them when it names none."""
    scores = dict(zip(matcher.ids, matcher.scores(heading, sentence), strict=True))
    ranked = sorted(among, key=lambda f: -scores.get(f, 0.0))
    top = scores.get(ranked[0], 0.0)
    if top <= 0:
        return ranked[:1]
    return [f for f in ranked if scores.get(f, 0.0) >= 0.7 * top]


def _section_of(extraction: Extraction, position: int) -> str:
    heading = "(no section)"
    for section in extraction.sections:
        for citation in section.citations:
            if citation.start <= position:
                heading = section.heading or heading
    return heading


def evidence_document(additions: Additions, accepted: Sequence[ProposedClaim]) -> dict[str, Any]:
    """The YAML-ready content of a user evidence file: new works, the accepted claims, notes.

    Only works that an accepted claim uses are kept, so rejecting every claim of a work
    leaves the work out too.
    """
    used = {claim.work for claim in accepted}
    return {
        "works": [w.model_dump(mode="json", exclude_none=True) for w in additions.works if w.key in used],
        "claims": [c.to_claim().model_dump(mode="json", exclude_none=True) for c in accepted],
        "unresolved": [u.model_dump(mode="json", exclude_none=True) for u in additions.unresolved],
    }
