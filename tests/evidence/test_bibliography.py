"""BibTeX and RIS: reading records, matching works by key, writing them back."""

from __future__ import annotations

import pytest

from joinedup.evidence import load_evidence_base
from joinedup.evidence.bibliography import (
    BibliographyError,
    enrich_works,
    read_bibliography,
    read_bibtex,
    read_ris,
    write_bibtex,
    write_ris,
)

BIBTEX = r"""@article{sloper04,
  author = {Sloper, Patricia},
  title = {Facilitators and barriers for co-ordinated multi-agency services},
  journal = {Child: Care, Health \& Development},
  year = {2004},
  doi = {10.1111/j.1365-2214.2004.00457.x}
}
@techreport{nao2001,
  author = {{National Audit Office}},
  title = {Joining up to improve public services},
  year = 2001
}
@article{eyk,
  author = {Helen van Eyk and Fran Baum},
  title = {Learning about interagency collaboration},
  year = {2002}
}
@book{unknown,
  author = {Nobody, A.},
  title = {Not cited},
  year = {1999}
}
"""


def test_reads_bibtex_people_organisations_and_particles() -> None:
    records = read_bibtex(BIBTEX)
    assert [r.key for r in records] == [
        "sloper-2004",
        "national-audit-office-2001",
        "van-eyk-2002",
        "nobody-1999",
    ]
    assert records[0].journal == "Child: Care, Health & Development"
    assert records[0].doi == "10.1111/j.1365-2214.2004.00457.x"


def test_enriches_matching_works_and_reports_the_rest() -> None:
    enrichment = enrich_works(load_evidence_base().works, read_bibtex(BIBTEX))
    titles = {w.key: w.title for w in enrichment.works}
    assert titles["sloper-2004"] == "Facilitators and barriers for co-ordinated multi-agency services"
    assert "van-eyk-2002" in titles
    assert [r.key for r in enrichment.unmatched] == ["nobody-1999"]
    sloper = next(w for w in enrichment.works if w.key == "sloper-2004")
    assert "10.1111/j.1365-2214.2004.00457.x" in (sloper.notes or "")


def test_two_records_for_one_key_are_ambiguous() -> None:
    record = "TY  - JOUR\nAU  - Sloper, P.\nPY  - 2004\nTI  - {}\nER  - \n"
    ris = record.format("One") + "\n" + record.format("Two")
    enrichment = enrich_works(load_evidence_base().works, read_ris(ris))
    assert list(enrichment.ambiguous) == ["sloper-2004"]
    assert enrichment.works == []


@pytest.mark.parametrize(("writer", "reader"), [(write_bibtex, read_bibtex), (write_ris, read_ris)])
def test_export_reads_back_to_the_same_keys(writer, reader) -> None:
    works = load_evidence_base().works
    assert [r.key for r in reader(writer(works))] == [w.key for w in works]


def test_bad_input_names_the_file_and_entry() -> None:
    with pytest.raises(BibliographyError, match=r"refs.bib, entry x \(line 1\): no year"):
        read_bibliography("@article{x, author={Sloper, P.}, title={T}}", "refs.bib")
    with pytest.raises(BibliographyError, match=r"refs\.txt: give a \.bib"):
        read_bibliography("", "refs.txt")
    with pytest.raises(BibliographyError, match="record 1: no author"):
        read_ris("TY  - JOUR\nPY  - 2004\nER  - \n", "lib.ris")
