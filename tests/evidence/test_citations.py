"""The citation finder on the forms the brief lists, on traps, and on arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.evidence.citations import find_citations, find_name_fragments


def found(text: str) -> list[tuple[str, tuple[str, ...], bool, str, str]]:
    return [(c.surface, c.authors, c.et_al, c.year, c.suffix) for c in find_citations(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Services improved (Sloper 2004).", [("Sloper 2004", ("Sloper",), False, "2004", "")]),
        ("As Sloper (2004) shows.", [("Sloper (2004)", ("Sloper",), False, "2004", "")]),
        (
            "Seen before (Atkinson et al., 2002; Tomlinson, 2003).",
            [
                ("Atkinson et al., 2002", ("Atkinson",), True, "2002", ""),
                ("Tomlinson, 2003", ("Tomlinson",), False, "2003", ""),
            ],
        ),
        (
            "as shown in Atkinson et al. 2001 and 2002.",
            [
                ("Atkinson et al. 2001", ("Atkinson",), True, "2001", ""),
                ("2002", ("Atkinson",), True, "2002", ""),
            ],
        ),
        (
            "It emerged from Cameron & Lart's (2003) review.",
            [("Cameron & Lart's (2003)", ("Cameron", "Lart"), False, "2003", "")],
        ),
        (
            "McCulloch et al's (2004) findings",
            [("McCulloch et al's (2004)", ("McCulloch",), True, "2004", "")],
        ),
        ("not consistent ( HMIe 2004).", [("HMIe 2004", ("HMIe",), False, "2004", "")]),
        (
            "the National Audit Office's (2001) guidance",
            [("National Audit Office's (2001)", ("National Audit Office",), False, "2001", "")],
        ),
        (
            "(Wasoff, MacIver, McGuckin, Morton, Cunningham-Burley, Hinds and Given 2004)",
            [
                (
                    "Wasoff, MacIver, McGuckin, Morton, Cunningham-Burley, Hinds and Given 2004",
                    ("Wasoff", "MacIver", "McGuckin", "Morton", "Cunningham-Burley", "Hinds", "Given"),
                    False,
                    "2004",
                    "",
                )
            ],
        ),
        (
            "(Scottish Executive 2004a, b)",
            [
                ("Scottish Executive 2004a", ("Scottish Executive",), False, "2004", "a"),
                ("b", ("Scottish Executive",), False, "2004", "b"),
            ],
        ),
        ("(Lewis n.d.)", [("Lewis n.d.", ("Lewis",), False, "n.d.", "")]),
        ("(van Eyk & Baum 2002)", [("van Eyk & Baum 2002", ("van Eyk", "Baum"), False, "2002", "")]),
        ("O'Brien's (2001) study", [("O'Brien's (2001)", ("O'Brien",), False, "2001", "")]),
        ("(Percy-Smith 2005)", [("Percy-Smith 2005", ("Percy-Smith",), False, "2005", "")]),
        (
            "(21 st Century Social Work 2005)",
            [("21 st Century Social Work 2005", ("21st Century Social Work",), False, "2005", "")],
        ),
        ("(Munro 2011, p. 34)", [("Munro 2011", ("Munro",), False, "2011", "")]),
        ("However Gardner (2003) disagrees.", [("Gardner (2003)", ("Gardner",), False, "2003", "")]),
    ],
)
def test_finds_the_forms_reviews_use(
    text: str, expected: list[tuple[str, tuple[str, ...], bool, str, str]]
) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Duties were set by the Children Act 2004 and the Children (Scotland) Act 1995.",
        "The Sure Start Local Programmes (1999) were community-led.",
        "Every Child Matters (2003) set five outcomes.",
        "Services grew in 2003 and again between 1998 and 2001, and from 2004-05 to 2006/07.",
        "See section 5.2 on page 2004 of volume 3; 25% of £2004 was spent in March 2004.",
        "(Table 2, 2004 figures) and (in 2003) and (1998–2001).",
        "5. What Works?\n\n3.1 Method",
    ],
)
def test_ignores_legislation_programmes_dates_and_numbers(text: str) -> None:
    assert find_citations(text) == []


def test_a_bare_single_name_needs_to_be_known() -> None:
    text = "As Sloper 2004 found, Vision 2020 did not."
    assert find_citations(text) == []
    assert [c.key for c in find_citations(text, known_surnames={"Sloper"})] == ["sloper-2004"]


def test_names_without_a_year_are_reported_not_guessed() -> None:
    text = "a barrier (Johnson et al 2003, Tisdall, Wallace, McGregor, Atkinson et al 2001)."
    citations = find_citations(text)
    assert [c.key for c in citations] == ["johnson-2003", "atkinson-2001"]
    assert [f.surface for f in find_name_fragments(text, citations)] == ["Tisdall, Wallace, McGregor"]


def test_each_citation_knows_its_sentence() -> None:
    text = "First point (Smith et al. 2001). Second point made by Jones (2002) here."
    sentences = [c.sentence for c in find_citations(text)]
    assert sentences == ["First point (Smith et al. 2001).", "Second point made by Jones (2002) here."]


review_like = st.lists(
    st.sampled_from(
        [
            *"abcSJOv'&-.,;:() \n1928",
            "et al",
            "Smith",
            "Jones",
            "van ",
            "2004",
            "2004a",
            "n.d.",
            "Act",
            "Office",
        ]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=300), review_like))
def test_never_crashes_and_offsets_slice_back(text: str) -> None:
    citations = find_citations(text)
    for citation in citations:
        assert text[citation.start : citation.end] == citation.surface
        assert citation.authors
    find_name_fragments(text, citations)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_characters="0123456789"), max_size=300).filter(
        lambda t: "n.d" not in t
    )
)
def test_no_citation_without_a_year_or_no_date(text: str) -> None:
    assert find_citations(text) == []
