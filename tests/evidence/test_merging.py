"""Merging citations into works: one key per work, possible duplicates held for a person."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.evidence.citations import find_citations
from joinedup.evidence.merging import KnownWork, merge_citations


def test_et_al_forms_merge_with_the_full_author_list() -> None:
    citations = find_citations("(Wilkin et al 2003; Wilkin, White & Kinder 2003; Wilkin et al. (2003))")
    result = merge_citations(citations)
    assert [(w.key, w.authors, w.et_al, w.mentions) for w in result.works] == [
        ("wilkin-2003", ("Wilkin", "White", "Kinder"), False, 3)
    ]
    assert result.works[0].variants == (
        "Wilkin et al 2003",
        "Wilkin, White & Kinder 2003",
        "Wilkin et al. (2003)",
    )
    assert result.possible_duplicates == []


def test_same_authors_different_years_stay_apart() -> None:
    result = merge_citations(find_citations("(Cameron & Lart 2002; Cameron & Lart 2003)"))
    assert [w.key for w in result.works] == ["cameron-2002", "cameron-2003"]
    assert result.possible_duplicates == []


def test_a_misspelt_name_is_held_back_as_a_possible_duplicate() -> None:
    text = "(Rushmer & Pallis 2002). Rushmer and Pallis (2002) agree. (Rushmore & Pallis 2002)"
    result = merge_citations(find_citations(text))
    assert [w.key for w in result.works] == ["rushmer-2002"]
    [duplicate] = result.possible_duplicates
    assert (duplicate.work.key, duplicate.duplicate_of, duplicate.distance) == (
        "rushmore-2002",
        "rushmer-2002",
        2,
    )


def test_the_evidence_base_decides_which_spelling_to_doubt() -> None:
    known = [KnownWork("rushmer-2002", ("Rushmer", "Pallis"), "2002")]
    result = merge_citations(find_citations("(Rushmore & Pallis 2002; Rushmore & Pallis 2002)"), known)
    assert result.works == []
    assert result.possible_duplicates[0].duplicate_of == "rushmer-2002"


def test_one_key_with_two_author_lists_is_flagged() -> None:
    result = merge_citations(find_citations("(Smith & Jones 2004; Smith & Brown 2004)"))
    assert [d.reason.startswith("one key, different co-authors") for d in result.possible_duplicates] == [
        True
    ]


def test_works_already_known_are_marked() -> None:
    known = [KnownWork("sloper-2004", ("Sloper",), "2004")]
    result = merge_citations(find_citations("(Sloper 2004; Frost 2005)"), known)
    assert {w.key: w.known for w in result.works} == {"sloper-2004": True, "frost-2005": False}


names = st.sampled_from(["Smith", "Smyth", "Jones", "Dolan", "Nolan", "van Eyk", "HMIe", "Percy-Smith"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(names, st.sampled_from(["2003", "2004"])), max_size=12))
def test_every_citation_is_counted_once(pairs: list[tuple[str, str]]) -> None:
    text = "(" + "; ".join(f"{name} {year}" for name, year in pairs) + ")"
    citations = find_citations(text)
    result = merge_citations(citations)
    counted = sum(w.mentions for w in result.works) + sum(
        d.work.mentions for d in result.possible_duplicates if d.distance > 0
    )
    assert counted == len(citations) == len(pairs)
