"""Fuzzing the evidence readers: bibliographies, review files and the extraction pipeline return
their result or raise their documented error (`BibliographyError`, `ReviewFileError`), whatever
the input. Word and PDF files are fuzzed by damaging real ones."""

from __future__ import annotations

import io

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.io.hostile_files import many_page_pdf

from joinedup.evidence.bibliography import BibliographyError, read_bibliography
from joinedup.evidence.extraction import ReviewFileError, extract_review, review_text

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

bibtex_like = st.lists(
    st.sampled_from(
        [
            "@article{",
            "@book{",
            "}",
            "{",
            ",",
            "author = ",
            "year = ",
            "title = ",
            '"',
            "\\",
            "and ",
            "2004",
            "Smith, J.",
            "{National Audit Office}",
            "\n",
            "=",
            "#",
            "@string{",
            "@comment{",
            "%",
            "é",
        ]
    ),
    max_size=60,
).map("".join)
ris_like = st.lists(
    st.sampled_from(
        [
            "TY  - JOUR\n",
            "AU  - Smith, J.\n",
            "PY  - 2004\n",
            "TI  - A title\n",
            "ER  - \n",
            "DO  - 10.1/x\n",
            "A1  - ",
            "XX  - ",
            "\n",
            "  - ",
            "Y1  - 2004///\n",
            "é",
            "ER",
        ]
    ),
    max_size=40,
).map("".join)


@FUZZ
@given(text=st.one_of(st.text(max_size=400), bibtex_like, ris_like), name=st.sampled_from(["a.bib", "a.ris"]))
def test_bibliographies_read_or_fail_as_bibliography_error(text: str, name: str) -> None:
    try:
        records = read_bibliography(text, name)
    except BibliographyError as error:
        assert str(error).startswith(name)
    else:
        assert all(record.authors and record.year for record in records)


def _word_file() -> bytes:
    document = docx.Document()
    document.add_heading("Professional culture", level=1)
    document.add_paragraph("Cultures differ (Cameron & Lart 2003).")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


WORD = _word_file()
PDF = many_page_pdf(1)


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 8))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return bytes(data)


@FUZZ
@given(
    case=st.one_of(
        st.tuples(st.just("review.docx"), damaged(WORD)),
        st.tuples(st.just("review.pdf"), damaged(PDF)),
        st.tuples(
            st.sampled_from(["review.txt", "review.md", "review.docx", "review.pdf"]), st.binary(max_size=300)
        ),
    )
)
def test_review_files_read_or_fail_as_review_file_error(case: tuple[str, bytes]) -> None:
    name, data = case
    try:
        text = review_text(data, name)
    except ReviewFileError as error:
        assert str(error).startswith(f"{name}: ")
    else:
        assert isinstance(text, str) and "\x00" not in text


def test_the_originals_are_read() -> None:
    assert review_text(WORD, "review.docx").startswith("# Professional culture")
    assert review_text(PDF, "review.pdf") == ""


review_like = st.lists(
    st.sampled_from(
        [
            *"abcSJOv'&-.,;:() 1928",
            "et al",
            "Smith",
            "Jones",
            "2004",
            "2004a",
            "n.d.",
            "\n",
            "\n\n",
            "# ",
            "## References\n",
            "References\n\n",
            "Smith, J. (2004) Title. Journal.\n",
            "(",
            ")",
            "[1]",
        ]
    ),
    max_size=120,
).map("".join)


@FUZZ
@given(text=st.one_of(st.text(max_size=500), review_like))
def test_the_extraction_pipeline_never_fails_on_text(text: str) -> None:
    extraction = extract_review(text)
    for citation in extraction.citations:
        assert text[citation.start : citation.end] == citation.surface
    extraction.to_dict()
