"""Harvard-style citations for reports and pages, from the little the review tells us about each work."""

from __future__ import annotations

from joinedup.evidence.models import Work

_MAX_NAMED_IN_TEXT = 3


def _join_names(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _year(work: Work) -> str:
    return f"{work.year}{work.suffix}"


def in_text_citation(work: Work) -> str:
    """The short form used inside a sentence: "Cameron and Lart 2003", "Wasoff et al. 2004".

    More than three named authors collapse to "et al." as Harvard style asks, so long author
    lists do not swamp a table cell.
    """
    if work.et_al or len(work.authors) > _MAX_NAMED_IN_TEXT:
        return f"{work.authors[0]} et al. {_year(work)}"
    return f"{_join_names(work.authors)} {_year(work)}"


def harvard_reference(work: Work) -> str:
    """The reference-list entry: every named author, the year, and the title when it is known.

    Works cited only with "et al." keep it, because the review does not name the co-authors
    and inventing them would be worse than an incomplete entry.
    """
    names = _join_names(work.authors) + (" et al." if work.et_al else "")
    reference = f"{names} ({_year(work)})"
    if work.title:
        reference += f" {work.title}."
    return reference
