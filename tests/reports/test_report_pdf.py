"""The PDF carries every section and never a suppressed group's figure (slow: WeasyPrint)."""

from __future__ import annotations

import io
import logging

import pytest
from pypdf import PdfReader
from tests.reports.conftest import SMALL_AGENCY, SMALL_MEAN
from tests.reports.test_report import SECTION_HEADINGS

from joinedup.reports import render_pdf

pytestmark = pytest.mark.slow


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def printed(report_data):
    """The PDF's bytes and whatever WeasyPrint warned about while laying it out."""
    collected = _Collected()
    weasyprint_log = logging.getLogger("weasyprint")
    weasyprint_log.addHandler(collected)
    try:
        pdf = render_pdf(report_data)
    finally:
        weasyprint_log.removeHandler(collected)
    return pdf, collected.messages


@pytest.fixture(scope="module")
def pdf_text(printed):
    reader = PdfReader(io.BytesIO(printed[0]))
    return [page.extract_text() for page in reader.pages]


def test_the_pdf_is_laid_out_without_css_warnings(printed):
    assert printed[1] == []


def test_the_pdf_has_every_section_heading(pdf_text):
    text = "\n".join(pdf_text)
    for heading in SECTION_HEADINGS:
        assert heading in text, heading


def test_the_pdf_pages_are_numbered(pdf_text):
    assert f"Page 1 of {len(pdf_text)}" in pdf_text[0]
    assert f"Page {len(pdf_text)} of {len(pdf_text)}" in pdf_text[-1]


def test_the_pdf_never_shows_the_small_agencys_figures(pdf_text):
    text = "\n".join(pdf_text)
    assert SMALL_MEAN not in text
    assert SMALL_AGENCY in text and "suppressed" in text


def test_the_board_summary_fills_the_first_two_pages_and_the_detail_starts_on_the_third(pdf_text):
    assert "Board summary" in pdf_text[0] and "Where we stand" in pdf_text[0]
    first_two = pdf_text[0] + pdf_text[1]
    for heading in ("Where partners disagree", "What the records show", "The three actions that matter most"):
        assert heading in first_two, heading
    assert pdf_text[2].lstrip().startswith("How good are we now?")
    assert "How good are we now?" not in first_two
