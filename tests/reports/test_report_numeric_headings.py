"""A column of figures has its heading right-aligned above them, on screen and in print ("n",
"Mean" and "SD" used to stand at the left of right-aligned numbers)."""

from __future__ import annotations

import re

import pytest
from weasyprint import HTML

from joinedup.reports.html import numeric_columns
from joinedup.reports.tables import SUPPRESSED, ReportTable, reliability_table

TABLE = re.compile(r"<table>.*?</table>", re.S)
HEADING = re.compile(r"<th scope=\"col\"([^>]*)>")
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<(th|td)\b([^>]*)>(.*?)</\1>", re.S)


def test_a_column_is_numeric_when_it_holds_figures_and_nothing_else():
    table = ReportTable(
        "Sheet",
        "Title",
        ("Rank", "n", "Mean", "Label", "Mixed", "Empty"),
        ((1, 12, None, "concern", 3, None), (2, SUPPRESSED, 3.25, "strength", "n/a", None)),
    )
    assert numeric_columns(table) == [False, True, True, False, False, False]
    assert numeric_columns(ReportTable("Sheet", "Title", ("Group", "n"), ())) == [False, False]


def test_every_heading_is_aligned_as_its_column_of_cells(report_html):
    """Each heading is marked numeric exactly when every cell below it is (or is a gap), so that
    one stylesheet rule aligns both."""
    numeric_headings = 0
    for table in TABLE.findall(report_html):
        headings = ["num" in attributes for attributes in HEADING.findall(table)]
        body = table[table.index("<tbody>") :]
        rows = [CELL.findall(row) for row in ROW.findall(body)]
        rows = [row for row in rows if len(row) == len(headings)]
        if not rows:
            continue
        for position, numeric in enumerate(headings):
            cells = [row[position] for row in rows]
            figures = [tag == "td" and 'class="num"' in attributes for tag, attributes, _ in cells]
            gaps = ['class="missing"' in text for _, _, text in cells]
            assert numeric == (any(figures) and all(f or g for f, g in zip(figures, gaps, strict=True)))
            numeric_headings += numeric
    assert numeric_headings > 50
    assert (
        '<th scope="col">Group</th><th scope="col" class="num">n</th>'
        '<th scope="col" class="num">Mean</th><th scope="col" class="num">SD</th>' in report_html
    )


def test_a_gap_in_a_column_of_figures_is_aligned_as_the_figures(report_html):
    """A dash under a right-aligned heading stood at the left ("154 –" read as a range)."""
    gaps_aligned = 0
    for table in TABLE.findall(report_html):
        headings = ["num" in attributes for attributes in HEADING.findall(table)]
        body = table[table.index("<tbody>") :]
        for row in (CELL.findall(row) for row in ROW.findall(body)):
            for numeric, (tag, attributes, text) in zip(headings, row, strict=False):
                if numeric and tag == "td" and 'class="missing"' in text:
                    assert 'class="num"' in attributes, text
                    gaps_aligned += 1
    assert gaps_aligned > 0


@pytest.mark.slow
@pytest.mark.parametrize("media", ["screen", "print"])
def test_headings_of_figures_end_where_the_figures_end(report_html, media):
    """Laid out by WeasyPrint as a screen and as a page: the right edge of "n", "Mean" and "SD" is
    the right edge of the figures below them (slow: WeasyPrint)."""
    start = report_html.rindex('<div class="table-wrap"', 0, report_html.index(' by agency" tabindex="0">'))
    end = report_html.index("</div>", start) + len("</div>")
    head = report_html[: report_html.index("<body>")]
    document = HTML(string=f"{head}<body>{report_html[start:end]}</body></html>", media_type=media).render()
    cells = [box for box in document.pages[0]._page_box.descendants() if type(box).__name__ == "TableCellBox"]
    right_edges: dict[int, set[float]] = {}
    aligned: list[str] = []
    for cell in cells:
        if cell.style["text_align_all"] != "right":
            continue
        cell_right = cell.content_box_x() + cell.width
        for text in cell.descendants():
            if type(text).__name__ != "TextBox" or text.element.get("class") == "suppressed":
                continue  # "suppressed" is padded inside its shading
            aligned.append(text.text)
            right_edges.setdefault(round(cell.position_x), set()).add(
                round(text.position_x + text.width - cell_right, 1)
            )
    assert aligned[:3] == ["n", "Mean", "SD"]
    assert len(right_edges) == 3
    assert all(edges == {0.0} for edges in right_edges.values()), right_edges


def test_a_factor_with_no_statement_lowering_alpha_says_none(report_data):
    """A dash there stood beside the count of complete answers and read as a range ("154 –")."""
    lowering = [row[-1] for row in reliability_table(report_data).rows]
    assert "none" in lowering and None not in lowering
