"""The PDF is laid out with a leaner user-agent stylesheet and a grid-free figure list, and both
leave the report as it was (slow: WeasyPrint)."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from pypdf import PdfReader
from weasyprint import HTML
from weasyprint.html import UA

from joinedup.reports.pdf import (
    EVERY_MARKER,
    LIST_MARKERS,
    UNUSED_UA_RULES,
    ChartPictures,
    ReportHTML,
    report_ua_text,
)
from joinedup.reports.printing import print_document

pytestmark = pytest.mark.slow

GAP = 10 * 4 / 3
"""1rem of the print stylesheet (10pt) in WeasyPrint's CSS pixels."""


def _page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_rules_left_out_are_word_for_word_in_the_installed_weasyprints_sheet():
    """An upgrade that rewrites them fails here, not silently in a report."""
    lines = UA.splitlines()
    for rule in UNUSED_UA_RULES:
        assert lines.count(rule) == 1, rule
    assert [line for line in lines if line.startswith(EVERY_MARKER)] == [
        "::marker { font-variant-numeric: tabular-nums; white-space: pre; text-transform: none }"
    ]


def test_the_report_sheet_styles_no_note_or_footnote_and_markers_only_on_list_items():
    sheet = report_ua_text()
    assert not re.search(r"::(footnote|note)-(call|marker|callback) ", sheet)
    assert re.findall(r"^.*::marker \{", sheet, re.M) == [LIST_MARKERS]
    assert len(sheet.splitlines()) == len(UA.splitlines()) - len(UNUSED_UA_RULES)


def test_list_markers_are_still_drawn():
    document = "<ol><li>first</li><li>second</li></ol><ul><li>point</li></ul>"
    text = _page_texts(ReportHTML(string=document).write_pdf())[0]
    assert text == _page_texts(HTML(string=document).write_pdf())[0]
    assert {"1.", "2.", "•"} <= set(text.split())


@pytest.fixture(scope="module")
def laid_out(report_data):
    document, charts = print_document(report_data)
    return document, charts.drawings()


def test_every_page_reads_as_with_weasyprints_own_sheet(laid_out):
    document, drawings = laid_out
    stock = HTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).write_pdf()
    lean = ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).write_pdf()
    assert _page_texts(lean) == _page_texts(stock)


def test_figures_print_two_a_row_as_the_grid_did_and_each_list_stays_on_one_page(laid_out):
    """Each list of figures: no grid (WeasyPrint's grid layout is slow), the grid's two columns
    1rem (10pt) apart, a row starting below the taller figure of the row before, the list's
    margins as they were, and never split across pages."""
    document, drawings = laid_out
    pages = ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).render().pages
    pages_of: dict[object, set[int]] = {}
    lists = 0
    for number, page in enumerate(pages):
        for box in page._page_box.descendants():
            element = box.element
            if element is None or box.element_tag != "dl" or "figures" not in element.get("class", ""):
                continue
            pages_of.setdefault(element, set()).add(number)
            if box.style["display"] != ("block", "flow"):
                continue
            lists += 1
            assert box.style["margin_top"].value == box.style["margin_bottom"].value == pytest.approx(GAP)
            items = {id(child) for child in element}
            figures = [
                figure for figure in box.descendants() if figure is not box and id(figure.element) in items
            ]
            assert len(figures) == len(items) >= 2
            inner = box.width
            for left, right in zip(figures[::2], figures[1::2], strict=False):
                assert left.position_y == pytest.approx(right.position_y)
                assert left.margin_width() == pytest.approx((inner - GAP) / 2)
                assert left.border_box_x() == pytest.approx(box.content_box_x())
                assert right.border_box_x() == pytest.approx(left.border_box_x() + (inner + GAP) / 2)
            for before, after in zip(figures[::2], figures[2::2], strict=False):
                row = figures[figures.index(before) : figures.index(before) + 2]
                below = max(figure.border_box_y() + figure.border_height() for figure in row)
                assert after.border_box_y() == pytest.approx(below + GAP / 4)
    assert lists == len(pages_of) > 0
    assert all(len(numbers) == 1 for numbers in pages_of.values())


def test_figures_are_read_in_the_order_they_are_written(laid_out):
    """The PDF's text gives each factor's figures after its introduction and before the next
    factor's (floats, say, would be drawn ahead of the rest of their page and read out first)."""
    document, drawings = laid_out
    pdf = ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).write_pdf()
    text = "\n".join(_page_texts(pdf))
    introductions = [
        unescape(line)[:60] for line in re.findall(r'<p class="facilitator">([^<]+)</p>', document)
    ]
    assert len(introductions) > 10
    places = [0]
    for introduction in introductions:
        places.append(text.index(introduction, places[-1]))
    places = places[1:]
    for place, following in zip(places, [*places[1:], len(text)], strict=True):
        assert place < text.index("\nScore\n", place) < following
