"""In the printed report no cell's text runs past its column, and no caption is left at the foot
of a page with its table on the next, in any table (slow: WeasyPrint)."""

from __future__ import annotations

import dataclasses
from xml.etree import ElementTree

import pytest
from weasyprint.formatting_structure import boxes

from joinedup.reports.data import ReportData, StructureRecords
from joinedup.reports.pdf import ChartPictures, ReportHTML
from joinedup.reports.printing import print_document

pytestmark = pytest.mark.slow


def _descendants(box: boxes.Box) -> list[boxes.Box]:
    found = [box]
    for child in getattr(box, "children", []):
        found += _descendants(child)
    return found


def _texts(box: boxes.Box) -> list[boxes.TextBox]:
    return [text for text in _descendants(box) if isinstance(text, boxes.TextBox)]


@dataclasses.dataclass
class PrintedTables:
    overflowing: list[tuple[str, str]]
    """(cell's text, piece of it) for each piece of a cell's text drawn outside its cell."""
    captions: dict[str, list[int]]
    """Each caption's text: the pages its caption and its table's first body row are on."""


def _caption(element: ElementTree.Element | None) -> str:
    """A caption's text with its element's id, since factor sections repeat their tables' titles."""
    assert element is not None
    return f"{' '.join(element.itertext())} #{id(element)}"


def _printed_tables(data: ReportData) -> PrintedTables:
    document, charts = print_document(data)
    url_fetcher = ChartPictures(charts.drawings())
    pages = ReportHTML(string=document, base_url=None, url_fetcher=url_fetcher).render().pages
    printed = PrintedTables([], {})
    for number, page in enumerate(pages):
        for box in _descendants(page._page_box):
            if isinstance(box, boxes.TableCaptionBox):
                printed.captions.setdefault(_caption(box.element), []).append(number)
            if isinstance(box, boxes.TableBox):
                first_row = box.element.find("tbody/tr")
                if any(
                    row.element is first_row
                    for row in _descendants(box)
                    if isinstance(row, boxes.TableRowBox)
                ):
                    printed.captions.setdefault(_caption(box.element.find("caption")), []).append(number)
            if isinstance(box, boxes.TableCellBox):
                left, right = box.position_x, box.position_x + box.border_width()
                for text in _texts(box):
                    if text.position_x < left - 0.01 or text.position_x + text.width > right + 0.01:
                        printed.overflowing.append((box.element.text or "", text.text))
    assert len(printed.captions) > 10
    return printed


@pytest.fixture(scope="module", params=["with structure records", "without"])
def printed(request: pytest.FixtureRequest, report_data: ReportData) -> PrintedTables:
    if request.param == "without":
        return _printed_tables(dataclasses.replace(report_data, structure=StructureRecords()))
    return _printed_tables(report_data)


def test_every_printed_table_keeps_its_text_in_its_cells(printed: PrintedTables) -> None:
    assert printed.overflowing == []


def test_every_caption_is_printed_on_the_page_its_table_starts(printed: PrintedTables) -> None:
    apart = {caption: pages for caption, pages in printed.captions.items() if len(set(pages)) != 1}
    assert apart == {}
    assert all(len(pages) == 2 for pages in printed.captions.values()), "each caption once, first row once"
