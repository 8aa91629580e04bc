"""Merge the citations of a review into works, and flag what may be one work spelt twice.

Citations meet on the work key (first author or organisation, year, suffix), which is
what lets "Wilkin et al 2003" and "Wilkin, White & Kinder 2003" become one work. A key
cannot see a misspelt name, though: "Rushmore & Pallis 2002" and "Rushmer & Pallis 2002"
get different keys. Merging those silently would also merge "Dolan" and "Nolan", so
near-identical names of the same year are held back as possible duplicates for a person
to confirm, never merged here. Works that share a first author but not a year are kept apart,
and that too is a guess: `same_first_author_flags` says so on the work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz.distance import Levenshtein

from joinedup.evidence.citations import Citation
from joinedup.evidence.keys import author_key
from joinedup.evidence.models import InferredField, InferredFlag
from joinedup.evidence.references import ReferenceEntry

MAX_NAME_DISTANCE = 2
MIN_NAME_SIMILARITY = 0.7


@dataclass(frozen=True)
class KnownWork:
    """A work the evidence base already holds, as far as merging needs to know it."""

    key: str
    authors: tuple[str, ...]
    year: str
    suffix: str = ""


@dataclass(frozen=True)
class ExtractedWork:
    """One work as the review cites it, with every spelling and where it is cited."""

    key: str
    authors: tuple[str, ...]
    et_al: bool
    year: str
    suffix: str
    mentions: int
    variants: tuple[str, ...]
    sections: tuple[str, ...]
    known: bool
    title: str = ""


@dataclass(frozen=True)
class PossibleDuplicate:
    """A work that may be another one spelt differently, or one key naming two works."""

    work: ExtractedWork
    duplicate_of: str
    reason: str
    distance: int


@dataclass(frozen=True)
class MergeResult:
    works: list[ExtractedWork]
    possible_duplicates: list[PossibleDuplicate]


def _variant(citation: Citation) -> str:
    surface = " ".join(citation.surface.split())
    if citation.authors[0].split()[-1] in surface:
        return surface
    return f"{citation.author_label} {citation.year}{citation.suffix}"


def _co_authors_conflict(first: Sequence[str], second: Sequence[str]) -> bool:
    """Two explicit author lists disagree when neither is a prefix of the other."""
    shorter, longer = sorted((list(map(author_key, first)), list(map(author_key, second))), key=len)
    return longer[: len(shorter)] != shorter


def _works_by_key(
    citations: Sequence[Citation], references: dict[str, ReferenceEntry], known_keys: set[str]
) -> tuple[dict[str, ExtractedWork], list[PossibleDuplicate]]:
    grouped: dict[str, list[Citation]] = {}
    for citation in citations:
        grouped.setdefault(citation.key, []).append(citation)
    works: dict[str, ExtractedWork] = {}
    conflicts: list[PossibleDuplicate] = []
    for key, group in grouped.items():
        explicit = [c.authors for c in group if not c.et_al]
        reference = references.get(key)
        authors = reference.authors if reference else max(explicit or [group[0].authors], key=len)
        sections = tuple(dict.fromkeys(c.section for c in group if c.section))
        work = ExtractedWork(
            key=key,
            authors=tuple(authors),
            et_al=reference is None and not explicit,
            year=group[0].year,
            suffix=group[0].suffix,
            mentions=len(group),
            variants=tuple(dict.fromkeys(_variant(c) for c in group)),
            sections=sections,
            known=key in known_keys,
            title=reference.title if reference else "",
        )
        works[key] = work
        clashing = [a for a in explicit if _co_authors_conflict(a, authors)]
        if clashing and reference is None:
            conflicts.append(
                PossibleDuplicate(
                    work=work,
                    duplicate_of=key,
                    reason=(
                        "one key, different co-authors: "
                        + " / ".join(sorted({", ".join(a) for a in [*clashing, authors]}))
                        + "; two works may need suffixes a and b"
                    ),
                    distance=0,
                )
            )
    return works, conflicts


def _near(first: str, second: str) -> int | None:
    distance = Levenshtein.distance(first, second)
    if (
        0 < distance <= MAX_NAME_DISTANCE
        and Levenshtein.normalized_similarity(first, second) >= MIN_NAME_SIMILARITY
    ):
        return distance
    return None


def merge_citations(
    citations: Sequence[Citation],
    known_works: Sequence[KnownWork] = (),
    references: Sequence[ReferenceEntry] = (),
) -> MergeResult:
    """Works cited in the review, best attested first, and the possible duplicates held back.

    Of two near-identical names in the same year, the one to doubt is the one the evidence
    base and the reference list do not know, else the one cited less often, else the later.
    The doubted work leaves `works` and appears in `possible_duplicates` with what it may
    duplicate; a person decides. Pairs the evidence base already holds as two works are
    not flagged again.
    """
    reference_by_key = {entry.key: entry for entry in references}
    known_keys = {work.key for work in known_works}
    works, conflicts = _works_by_key(citations, reference_by_key, known_keys)
    trusted = known_keys | set(reference_by_key)
    first_seen = {key: index for index, key in enumerate(dict.fromkeys(c.key for c in citations))}
    candidates: list[tuple[str, tuple[str, ...], str, str]] = [
        (w.key, w.authors, w.year, w.suffix) for w in works.values()
    ] + [(k.key, k.authors, k.year, k.suffix) for k in known_works if k.key not in works]
    by_year: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = {}
    for key, authors, year, suffix in candidates:
        by_year.setdefault((year, suffix), []).append((key, authors))
    doubted: dict[str, PossibleDuplicate] = {}
    for members in by_year.values():
        for position, (key_a, authors_a) in enumerate(members):
            for key_b, authors_b in members[position + 1 :]:
                if key_a in known_keys and key_b in known_keys:
                    continue
                distance = _near(author_key(authors_a[0]), author_key(authors_b[0]))
                if distance is None:
                    continue
                doubt, keep = _which_to_doubt(key_a, key_b, works, trusted, first_seen)
                if doubt in works and doubt not in doubted:
                    doubted[doubt] = PossibleDuplicate(
                        work=works[doubt],
                        duplicate_of=keep,
                        reason=f"first author spelt differently ({distance} letter(s) apart), same year",
                        distance=distance,
                    )
    kept = [w for key, w in works.items() if key not in doubted]
    kept.sort(key=lambda w: (-w.mentions, first_seen[w.key]))
    return MergeResult(kept, [*doubted.values(), *conflicts])


def _which_to_doubt(
    key_a: str, key_b: str, works: dict[str, ExtractedWork], trusted: set[str], first_seen: dict[str, int]
) -> tuple[str, str]:
    def standing(key: str) -> tuple[int, int, int]:
        mentions = works[key].mentions if key in works else 0
        return (key in trusted, mentions, -first_seen.get(key, -1))

    return (key_b, key_a) if standing(key_a) >= standing(key_b) else (key_a, key_b)


class _Keyed(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def authors(self) -> Sequence[str]: ...


def same_first_author_flags(work: _Keyed, others: Iterable[_Keyed]) -> list[InferredFlag]:
    """An identity flag when other works share this one's first author: keeping them apart rests on
    the year or suffix alone, so a reader should know it is the coder's reading."""
    first = author_key(work.authors[0])
    same = sorted({o.key for o in others if o.key != work.key and author_key(o.authors[0]) == first})
    if not same:
        return []
    return [
        InferredFlag(
            field=InferredField.IDENTITY,
            reason=f"Taken as a different work from {', '.join(same)} only because the year or suffix "
            "differs; nothing else in the review tells them apart.",
        )
    ]
