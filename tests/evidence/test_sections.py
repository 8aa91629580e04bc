"""Splitting reviews into sections and proposing the factors each is about."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.evidence import load_evidence_base
from joinedup.evidence.extraction import factor_texts
from joinedup.evidence.sections import FactorMatcher, split_sections

SEED_THEMES = [
    "Financial Uncertainty",
    "Professional Culture",
    "Clarity of roles and responsibilities",
    "Lack of shared understanding",
    "Key Success Factors",
]


def test_seed_review_has_its_five_themes_under_what_works(seed_review_text: str) -> None:
    sections = split_sections(seed_review_text)
    assert [s.heading for s in sections] == ["5. What Works?", *SEED_THEMES]
    assert all(s.path == ("5. What Works?", s.heading) and s.level == 2 for s in sections[1:])
    assert sections[-1].end == len(seed_review_text)


def test_markdown_numbered_and_reference_headings() -> None:
    text = (
        "# Title\n\n## 1. Intro\n\nSome text here.\n\n### 1.1 Detail\n\nMore text.\n\n"
        "References\n\nSloper, P. (2004) A.\n"
    )
    sections = split_sections(text)
    assert [(s.heading, s.level) for s in sections] == [("1. Intro", 2), ("1.1 Detail", 3), ("References", 1)]
    assert sections[1].path == ("Title", "1. Intro", "1.1 Detail")
    assert sections[-1].is_references


def test_sentences_are_not_headings() -> None:
    text = "A short line.\n\nThe findings (Sloper 2004) were clear\n\nBody text follows here."
    assert [s.heading for s in split_sections(text)] == [""]


def test_factors_proposed_for_the_seed_themes(seed_review_text: str) -> None:
    matcher = FactorMatcher(factor_texts(load_evidence_base()))
    proposed = {
        s.heading: [p.factor for p in matcher.propose(s.heading, s.body(seed_review_text))]
        for s in split_sections(seed_review_text)
    }
    assert proposed["Financial Uncertainty"][0] == "funding"
    assert proposed["Professional Culture"][0] == "professional-culture"
    assert proposed["Clarity of roles and responsibilities"][0] == "roles-responsibilities"
    assert "shared-purpose" in proposed["Lack of shared understanding"]
    assert {"leadership", "organisational-climate", "co-location"} <= set(proposed["Key Success Factors"])


def test_no_factor_for_text_about_nothing() -> None:
    matcher = FactorMatcher(factor_texts(load_evidence_base()))
    assert matcher.propose("Acknowledgements", "We thank the librarians of the university.") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_sections_are_ordered_and_inside_the_text(text: str) -> None:
    sections = split_sections(text)
    for section in sections:
        assert 0 <= section.start <= section.body_start <= section.end <= len(text)
    assert [s.start for s in sections] == sorted(s.start for s in sections)
