"""The printed board summary's first page: its lists two a row, each bullet beside its own item,
every list inside its column, and the page read in the order it is written (slow: WeasyPrint).

The summary's lists used to be floated: the next heading's list flowed round them, so its items
lost their bullets (drawn in the left column beside another list, at the wrong lines), and the
floats' text was read out ahead of the rest of the page.
"""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from pypdf import PdfReader
from weasyprint.layout.absolute import AbsolutePlaceholder

from joinedup.reports.pdf import ChartPictures, ReportHTML
from joinedup.reports.printing import print_document

pytestmark = pytest.mark.slow

REM = 10 * 4 / 3
"""1rem of the print stylesheet (10pt) in WeasyPrint's CSS pixels."""
SUMMARY_LIST = re.compile(r"<div>\n<h4>[^<]+</h4>\n<ul>.*?</ul>\n</div>\n", re.S)
BOARD_PAGE = '<div class="board-page">'


@pytest.fixture(scope="module")
def first_pages(report_data):
    """The summary's first page with its first one, two, ... lists, so that an odd count (a list
    alone on its row, the next heading below it) is laid out as well as an even one. The document
    stops where the summary's second page starts: the first lays out the same, and quickly."""
    document, charts = print_document(report_data)
    second = document.index(BOARD_PAGE, document.index(BOARD_PAGE) + 1)
    document = document[:second]
    lists = SUMMARY_LIST.findall(document)
    assert len(lists) >= 3
    start = document.index(lists[0])
    end = document.index(lists[-1]) + len(lists[-1])
    return [
        (document[:start] + "".join(lists[:count]) + document[end:], charts.drawings())
        for count in range(1, len(lists) + 1)
    ]


def _page(document: str, drawings: dict[str, str]):
    pages = ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).render().pages
    assert len(pages) == 1
    return pages[0]._page_box


def _summary(document: str) -> str:
    """The document from the board summary's heading on (the contents list before it is not printed)."""
    return document[document.index('id="summary-heading"') :]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _list_items(page) -> list:
    """Each list item's box: the one that holds its marker."""
    return [
        box
        for box in page.descendants()
        if box.element_tag == "li" and any(isinstance(child, AbsolutePlaceholder) for child in box.children)
    ]


def test_every_item_has_its_bullet_beside_its_first_line(first_pages):
    for document, drawings in first_pages:
        items = _list_items(_page(document, drawings))
        assert len(items) == _summary(document).count("<li>")
        for item in items:
            marker = next(child for child in item.children if isinstance(child, AbsolutePlaceholder))
            line = next(box for box in item.descendants() if type(box).__name__ == "LineBox")
            where = _text(item.element)
            assert line.position_y <= marker.position_y < line.position_y + line.height, where
            assert line.position_x - REM <= marker.position_x + marker.margin_width() <= line.position_x, (
                where
            )


def test_lists_stand_in_two_columns_and_nothing_is_wider_than_its_column(first_pages):
    for document, drawings in first_pages:
        page = _page(document, drawings)
        grid = next(
            box
            for box in page.descendants()
            if box.element_tag == "div" and box.element.get("class") == "summary-grid"
        )
        lists = [
            box
            for box in grid.descendants()
            if box.element_tag == "div" and any(box.element is child for child in grid.element)
        ]
        assert len(lists) == len(grid.element)
        column = (grid.width - 2 * REM) / 2
        for number, box in enumerate(lists):
            left = grid.content_box_x() + (number % 2) * (column + 2 * REM)
            assert box.border_box_x() == pytest.approx(left)
            assert box.border_width() == pytest.approx(column)
            for inside in box.descendants():
                assert inside.position_x + inside.margin_width() <= left + column + 0.01, _text(
                    inside.element
                )
            if number % 2:
                assert box.position_y == pytest.approx(lists[number - 1].position_y)
        below = max(box.position_y + box.margin_height() for box in lists)
        heading = next(
            box
            for box in page.descendants()
            if box.element_tag == "h3" and box.element.get("id") == "summary-disagree"
        )
        assert heading.position_y >= below


def test_the_page_reads_in_the_order_it_is_written(first_pages):
    """Headings and list items in the PDF's text in the HTML's order (a float would be drawn, and
    read out, ahead of the rest of its page)."""
    for document, drawings in first_pages:
        pdf = ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).write_pdf()
        text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
        pieces = [
            " ".join(unescape(re.sub(r"<[^>]+>", "", piece)).split())[:40]
            for piece in re.findall(r"<(?:h3|h4|li)\b[^>]*>(.*?)</(?:h3|h4|li)>", _summary(document), re.S)
        ]
        assert len(pieces) > 5
        place = 0
        for piece in pieces:
            place = text.index(piece, place)
