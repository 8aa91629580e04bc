"""In the printed report no cell's text runs past its column, in any table (slow: WeasyPrint)."""

from __future__ import annotations

import dataclasses

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


def _overflowing_text(data: ReportData) -> list[tuple[str, str]]:
    """(table caption, text) for each piece of a table cell's text drawn outside its cell."""
    document, charts = print_document(data)
    pages = (
        ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(charts.drawings()))
        .render()
        .pages
    )
    overflowing = []
    tables = 0
    for page in pages:
        for table in (box for box in _descendants(page._page_box) if isinstance(box, boxes.TableBox)):
            tables += 1
            for cell in (box for box in _descendants(table) if isinstance(box, boxes.TableCellBox)):
                left, right = cell.position_x, cell.position_x + cell.border_width()
                for text in (box for box in _descendants(cell) if isinstance(box, boxes.TextBox)):
                    if text.position_x < left - 0.01 or text.position_x + text.width > right + 0.01:
                        overflowing.append((cell.element.text or "", text.text))
    assert tables > 10
    return overflowing


def test_every_printed_table_keeps_its_text_in_its_cells(report_data: ReportData) -> None:
    assert _overflowing_text(report_data) == []


def test_the_report_without_structure_records_keeps_its_text_in_its_cells(report_data: ReportData) -> None:
    bare = dataclasses.replace(report_data, structure=StructureRecords())
    assert _overflowing_text(bare) == []
