"""Parse a Harvard-style reference list and link in-text citations to its entries.

A reference list, when the review has one, is the author's own statement of which works
exist, so it settles what the in-text finder can only infer: the full author list behind
"et al", the suffix that separates two works of one year, and the title. Entries are
recognised by the part every Harvard and APA entry starts with, the authors followed by
the year; the rest is split only as far as it can be without guessing (title, then the
container and DOI when they are there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from joinedup.evidence.citations import NO_DATE, Citation
from joinedup.evidence.keys import author_key, work_key

_ENTRY_HEAD = re.compile(
    r"^(?P<authors>[^()\d]{2,400}?)[\s,.]*"
    r"[(\[]?(?P<year>(?:1[6-9]|20)\d\d|n\.\s?d\.?)(?P<suffix>[a-z])?[)\]]?[.,:]?\s*(?P<rest>.*)$",
    re.DOTALL,
)
_PERSON = re.compile(
    r"(?P<surname>(?:(?:van|von|de|der|den|du|la|le|da|di|del|della)\s+)*"
    r"[A-Z][\w'’\-]*(?:\s[A-Z][a-z][\w'’\-]*)?)"
    r",?\s+(?P<initials>(?:[A-Z]\.?\s?-?){1,4})(?=,|\s|&|$|\.)"
)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_CONTAINER = re.compile(r"^(?P<journal>[^,.]{3,200}?),?\s+(?P<volume>\d+)(?:\s?\((?P<issue>[^)]+)\))?")
_ENTRY_START = re.compile(r"^\s*(?:\[\d+\]|\d{1,3}\.)?\s*(?:[A-Z]|(?:van|von|de|du|da|di|la|le)\s)")
EDITOR_MARK = re.compile(r"\(eds?\.?\)|\beds?\.$", re.IGNORECASE)


@dataclass(frozen=True)
class ReferenceEntry:
    """One work in the review's reference list."""

    authors: tuple[str, ...]
    year: str
    suffix: str
    title: str
    container: str = ""
    doi: str = ""
    url: str = ""
    raw: str = ""
    line: int = 0

    @property
    def key(self) -> str:
        return work_key(self.authors[0], self.year, self.suffix)


@dataclass(frozen=True)
class Linking:
    """Which citation points at which entry, and what is left over on either side."""

    links: dict[int, str] = field(default_factory=dict)
    inexact: dict[int, str] = field(default_factory=dict)
    unlinked: tuple[int, ...] = ()
    uncited: tuple[str, ...] = ()


def _authors(text: str) -> tuple[str, ...]:
    cleaned = EDITOR_MARK.sub("", text).strip(" ,.;")
    people = [m.group("surname").strip() for m in _PERSON.finditer(cleaned)]
    if people:
        return tuple(people)
    return (cleaned,) if cleaned else ()


def _split_title(rest: str) -> tuple[str, str]:
    quoted = re.match(r"^[‘'\"“](?P<title>.+?)[’'\"”][,.]?\s*(?P<after>.*)$", rest, re.DOTALL)
    if quoted:
        return quoted.group("title").strip(), quoted.group("after").strip()
    stop = re.search(r"[.?!](?:\s|$)", rest)
    if stop is None:
        return rest.strip(), ""
    return rest[: stop.start() + (1 if rest[stop.start()] in "?!" else 0)].strip(), rest[stop.end() :].strip()


def parse_reference(entry: str, line: int = 0) -> ReferenceEntry | None:
    """Read one Harvard or APA entry; None when the line has no author-year head."""
    flat = " ".join(entry.split())
    head = _ENTRY_HEAD.match(flat)
    if head is None:
        return None
    authors = _authors(head.group("authors"))
    if not authors:
        return None
    year = NO_DATE if head.group("year").startswith("n") else head.group("year")
    title, after = _split_title(head.group("rest"))
    doi = _DOI.search(flat)
    url = _URL.search(flat)
    container = _CONTAINER.match(re.sub(r"^In:?\s+", "", after))
    return ReferenceEntry(
        authors=authors,
        year=year,
        suffix=head.group("suffix") or "",
        title=title,
        container=container.group("journal").strip() if container else "",
        doi=doi.group(1).rstrip(".,;") if doi else "",
        url=url.group().rstrip(".,;") if url and not doi else "",
        raw=flat,
        line=line,
    )


def parse_reference_list(text: str, first_line: int = 1) -> list[ReferenceEntry]:
    """Every entry of a reference list, joining the lines that an entry wraps onto.

    A line starts a new entry when it opens like a name and carries a year early on;
    anything else continues the entry above it. Lines that never form an entry
    (page numbers, stray headings) are skipped, since a reference list is not a contract
    the extractor may refuse.
    """
    entries: list[ReferenceEntry] = []
    current: list[str] = []
    current_line = first_line

    def flush() -> None:
        if current:
            parsed = parse_reference(" ".join(current), current_line)
            if parsed is not None:
                entries.append(parsed)

    for offset, raw_line in enumerate(text.splitlines()):
        line = raw_line.strip()
        if not line:
            flush()
            current = []
            continue
        opens_like_entry = bool(_ENTRY_START.match(line)) and (
            _ENTRY_HEAD.match(" ".join(line.split())) is not None or _PERSON.match(line) is not None
        )
        starts_entry = opens_like_entry and _ENTRY_HEAD.match(" ".join(current)) is not None
        if starts_entry or not current:
            flush()
            current = [re.sub(r"^\s*(?:\[\d+\]|\d{1,3}\.)\s*", "", line)]
            current_line = first_line + offset
        else:
            current.append(line)
    flush()
    return entries


def link_citations(citations: Sequence[Citation], references: Sequence[ReferenceEntry]) -> Linking:
    """Link each citation to its entry: by key, then by author and year when only the suffix
    differs, then by a one- or two-letter slip in the first author's name.

    Inexact links are kept apart so a person sees them; citations that link nowhere and
    entries that nothing cites are both reported, as either may be the author's slip.
    """
    if not references:
        return Linking(unlinked=tuple(range(len(citations))))
    by_key = {entry.key: entry for entry in references}
    by_author_year: dict[tuple[str, str], list[ReferenceEntry]] = {}
    by_year: dict[tuple[str, str], list[ReferenceEntry]] = {}
    for entry in references:
        by_year.setdefault((entry.year, entry.suffix), []).append(entry)
        by_author_year.setdefault((author_key(entry.authors[0]), entry.year), []).append(entry)
    links: dict[int, str] = {}
    inexact: dict[int, str] = {}
    unlinked: list[int] = []
    for index, citation in enumerate(citations):
        if citation.key in by_key:
            links[index] = citation.key
            continue
        candidates = by_author_year.get((author_key(citation.authors[0]), citation.year), [])
        if len(candidates) == 1:
            inexact[index] = candidates[0].key
            continue
        surname = author_key(citation.authors[0])
        near = [
            entry
            for entry in by_year.get((citation.year, citation.suffix), [])
            if 0 < Levenshtein.distance(author_key(entry.authors[0]), surname) <= 2
        ]
        if len(near) == 1:
            inexact[index] = near[0].key
        else:
            unlinked.append(index)
    cited = set(links.values()) | set(inexact.values())
    uncited = tuple(entry.key for entry in references if entry.key not in cited)
    return Linking(links, inexact, tuple(unlinked), uncited)
