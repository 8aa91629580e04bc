"""Harvard reference lists: entries, wrapped lines, and linking citations to them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.evidence.citations import find_citations
from joinedup.evidence.references import link_citations, parse_reference, parse_reference_list

REFERENCE_LIST = """Atkinson, M., Wilkin, A., Stott, A., Doherty, P. and Kinder, K. (2002) Working together.
Cameron, A. & Lart, R. (2003). Joint working. Journal of Integrated Care, 11(2), 9-17. doi:10.1108/1476901820.
National Audit Office (2001) Joining up to improve public services. London: The Stationery Office.
O'Brien, M., Bachmann, M. and Jones, N.
   (2005a) Children's trusts: early findings. Norwich: UEA.
Scottish Executive (n.d.) Getting it right for every child. Edinburgh.
"""


def test_parses_people_organisations_wrapped_lines_and_no_date() -> None:
    entries = parse_reference_list(REFERENCE_LIST)
    assert [e.key for e in entries] == [
        "atkinson-2002",
        "cameron-2003",
        "national-audit-office-2001",
        "o-brien-2005a",
        "scottish-executive-nd",
    ]
    assert entries[0].authors == ("Atkinson", "Wilkin", "Stott", "Doherty", "Kinder")
    assert entries[1].container == "Journal of Integrated Care"
    assert entries[1].doi == "10.1108/1476901820"
    assert entries[3].line == 4
    assert entries[3].title == "Children's trusts: early findings"


def test_quoted_titles_and_particles() -> None:
    entry = parse_reference(
        "van Eyk, H. and Baum, F. (2002) 'Learning about interagency collaboration', "
        "Health and Social Care in the Community, 10(4), pp. 262-269."
    )
    assert entry is not None
    assert entry.authors == ("van Eyk", "Baum")
    assert entry.title == "Learning about interagency collaboration"
    assert entry.container == "Health and Social Care in the Community"


def test_links_exact_suffix_relaxed_and_misspelt_citations_and_reports_leftovers() -> None:
    entries = parse_reference_list(REFERENCE_LIST)
    citations = find_citations(
        "(Atkinson et al. 2002; Cameron & Lart 2003; O'Brien et al. 2005; Atkinsen et al. 2002; Sloper 2004)"
    )
    linking = link_citations(citations, entries)
    assert linking.links == {0: "atkinson-2002", 1: "cameron-2003"}
    assert linking.inexact == {2: "o-brien-2005a", 3: "atkinson-2002"}
    assert linking.unlinked == (4,)
    assert set(linking.uncited) == {"national-audit-office-2001", "scottish-executive-nd"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_arbitrary_lists(text: str) -> None:
    for entry in parse_reference_list(text):
        assert entry.authors
        assert entry.key
