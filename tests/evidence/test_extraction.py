"""The whole extraction on the seed review, on review files, and through the CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.evidence import Claim, load_evidence_base
from joinedup.evidence.extraction import (
    ReviewFileError,
    evidence_document,
    extract_review,
    factor_texts,
    known_works,
    propose_additions,
    review_text,
)


@pytest.fixture(scope="module")
def seed_extraction(seed_review_text: str):
    base = load_evidence_base()
    return extract_review(seed_review_text, factors=factor_texts(base), known=known_works(base))


def test_seed_works_equal_the_bundled_works(seed_extraction) -> None:
    assert {w.key for w in seed_extraction.works} == {w.key for w in load_evidence_base().works}
    assert len(seed_extraction.works) == 29


def test_seed_without_the_evidence_base_still_finds_29_works(seed_review_text: str) -> None:
    extraction = extract_review(seed_review_text)
    assert len(extraction.works) == 29
    assert [(d.work.key, d.duplicate_of) for d in extraction.possible_duplicates] == [
        ("rushmore-2002", "rushmer-2002")
    ]


def test_seed_merges_variants_and_keeps_ambiguities_as_names(seed_extraction) -> None:
    works = {w.key: w for w in seed_extraction.works}
    assert works["wasoff-2004"].authors[-1] == "Given"
    assert works["craig-2004"].authors == ("Craig", "Huber", "Lownsbrough")
    assert works["cameron-2002"].mentions == 1
    assert [f.surface for f in seed_extraction.fragments] == ["Tisdall, Wallace, McGregor", "Park & Turnbull"]
    assert not any("tisdall" in key for key in works)


def test_citations_carry_section_and_sentence(seed_extraction, seed_review_text: str) -> None:
    for section in seed_extraction.sections:
        for citation in section.citations:
            assert citation.section == section.heading
            assert seed_review_text[citation.start : citation.end] == citation.surface
            assert citation.surface.split()[-1].strip("()") in citation.sentence


def test_reference_list_is_parsed_linked_and_not_searched() -> None:
    text = (
        "# Review\n\nJoint work helps (Sloper 2004; Frost 2005). As Sloper 2004 showed, it is hard.\n\n"
        "References\n\nSloper, P. (2004) Facilitators and barriers. Child: Care, Health and Development.\n"
        "Hudson, B. (2002) Interprofessionality in health and social care. Journal of Care.\n"
    )
    extraction = extract_review(text)
    assert [c.key for c in extraction.citations] == ["sloper-2004", "frost-2005", "sloper-2004"]
    assert [c.key for c in extraction.unlinked] == ["frost-2005"]
    assert [e.key for e in extraction.uncited] == ["hudson-2002"]
    assert extraction.works[0].title == "Facilitators and barriers"


def test_proposals_leave_out_known_pairs_and_undecided_duplicates(seed_extraction) -> None:
    base = load_evidence_base()
    additions = propose_additions(seed_extraction, base)
    existing = {(c.factor, c.work) for c in base.claims}
    assert additions.claims
    assert not any((c.factor, c.work) in existing for c in additions.claims)
    assert all(c.work != "rushmore-2002" for c in additions.claims)
    assert any("rushmore-2002" in reason for reason in additions.left_out)
    document = evidence_document(additions, additions.claims[:1])
    assert [c["work"] for c in document["claims"]] == [additions.claims[0].work]


def test_new_works_from_a_new_review_are_proposed() -> None:
    base = load_evidence_base()
    text = (
        "Funding\n\nShort-term grants made joint work hard to plan; funding was uncertain (Milbourne 2005).\n"
    )
    additions = propose_additions(
        extract_review(text, factors=factor_texts(base), known=known_works(base)), base
    )
    assert [w.key for w in additions.works] == ["milbourne-2005"]
    assert [(c.factor, c.work, c.direction) for c in additions.claims] == [
        ("funding", "milbourne-2005", "barrier")
    ]


def test_review_files_docx_and_bad_input() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Professional Culture", level=1)
    document.add_paragraph("Cultures differ (Cameron & Lart 2003).")
    buffer = io.BytesIO()
    document.save(buffer)
    text = review_text(buffer.getvalue(), "review.docx")
    assert text.startswith("# Professional Culture")
    assert [c.key for c in extract_review(text).citations] == ["cameron-2003"]
    with pytest.raises(ReviewFileError, match=r"review\.docx: is not a Word \(\.docx\) document"):
        review_text(b"not a zip", "review.docx")
    with pytest.raises(ReviewFileError, match=r"review\.rtf: cannot read a \.rtf file"):
        review_text(b"", "review.rtf")
    with pytest.raises(ReviewFileError, match=r"review\.txt: byte 0 is not UTF-8"):
        review_text(b"\xff\xfe\x00", "review.txt")


runner = CliRunner()


def test_cli_extract_json_shape(seed_review_path: Path) -> None:
    result = runner.invoke(app, ["evidence", "extract", str(seed_review_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [s["heading"] for s in data["sections"]][1:] == [
        "Financial Uncertainty",
        "Professional Culture",
        "Clarity of roles and responsibilities",
        "Lack of shared understanding",
        "Key Success Factors",
    ]
    assert len(data["works"]) == 29
    assert set(data["sections"][1]["citations"][0]) >= {
        "surface",
        "start",
        "end",
        "authors",
        "et_al",
        "year",
        "suffix",
        "key",
        "sentence",
    }
    assert set(data["works"][0]) >= {"key", "authors", "year", "mentions", "variants", "sections"}
    assert data["possible_duplicates"][0]["key"] == "rushmore-2002"
    assert data["possible_duplicates"][0]["duplicate_of"] == "rushmer-2002"


def test_cli_extract_csv_and_table(seed_review_path: Path) -> None:
    csv_result = runner.invoke(app, ["evidence", "extract", str(seed_review_path), "--format", "csv"])
    assert csv_result.exit_code == 0
    assert csv_result.stdout.splitlines()[0].startswith("section,surface,start,end")
    table = runner.invoke(app, ["evidence", "extract", str(seed_review_path)])
    assert "29 distinct works" in table.stdout


def test_cli_merge_writes_only_into_the_user_folder(tmp_path: Path) -> None:
    review = tmp_path / "funding-review.txt"
    review.write_text(
        "Funding\n\nUncertain funding was a barrier to joint work (Milbourne 2005).\n", encoding="utf-8"
    )
    folder = tmp_path / "evidence"
    result = runner.invoke(app, ["evidence", "merge", str(review), "--into", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    written = yaml.safe_load((folder / "funding-review.yaml").read_text(encoding="utf-8"))
    assert [w["key"] for w in written["works"]] == ["milbourne-2005"]
    assert load_evidence_base(folder).work("milbourne-2005") is not None
    again = runner.invoke(app, ["evidence", "merge", str(review), "--into", str(folder), "--yes"])
    assert again.exit_code == 0
    refused = runner.invoke(app, ["evidence", "merge", str(review), "--into", "src/joinedup/evidence/data"])
    assert refused.exit_code == 2


def test_cli_bibliography_round_trip(tmp_path: Path) -> None:
    bib = tmp_path / "library.bib"
    bib.write_text(
        "@article{s, author={Sloper, Patricia}, title={Facilitators}, year={2004}}", encoding="utf-8"
    )
    folder = tmp_path / "evidence"
    result = runner.invoke(app, ["evidence", "import-bib", str(bib), "--into", str(folder), "--yes"])
    assert result.exit_code == 0, result.output
    assert load_evidence_base(folder).work("sloper-2004").title == "Facilitators"
    exported = runner.invoke(app, ["evidence", "export-bib", "--format", "ris", "--evidence", str(folder)])
    assert "TI  - Facilitators" in exported.stdout


def test_guessed_kinds_same_first_authors_and_citation_lists_are_marked() -> None:
    base = load_evidence_base()
    text = (
        "Funding\n\nShort-term grants made joint work hard to plan (Milbourne 2005, Cameron 2009).\n\n"
        "Key success factors\n\nClear aims, shared training and good communication helped "
        "(Ofsted 2010, Harker 2006, Stone 2007, Todd 2008).\n"
    )
    additions = propose_additions(
        extract_review(text, factors=factor_texts(base), known=known_works(base)), base
    )
    for work in additions.works:
        assert work.kind_inferred and work.kind_reason
    cameron = next(w for w in additions.works if w.key == "cameron-2009")
    identity = [flag for flag in cameron.flags if flag.field.value == "identity"]
    assert identity and "cameron-2002" in identity[0].reason and "cameron-2003" in identity[0].reason
    assert not next(w for w in additions.works if w.key == "milbourne-2005").flags
    grouped = [c for c in additions.claims if c.basis == "grouped"]
    assert grouped and len({c.group for c in grouped}) == 1
    assert all(c.group is None for c in additions.claims if c.basis != "grouped")
    document = evidence_document(additions, additions.claims)
    reloaded = [Claim.model_validate(claim) for claim in document["claims"]]
    assert {c.group for c in reloaded if c.basis.value == "grouped"} == {grouped[0].group}
