"""Printed tables keep every cell inside its column, and suppressed heat-map cells are plainly hatched."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from joinedup.analysis.result import Suppressed
from joinedup.reports import charts
from joinedup.reports.html import breakable, cell_text, column_widths, format_cell, is_number, stylesheet
from joinedup.reports.tables import ReportTable

LONG_NAMES = (
    "NorthEastLincolnshireChildrensSafeguardingPartnershipBoard",
    "CommunityChildAndAdolescentMentalHealthServicesTeam",
)


def _agency_table() -> ReportTable:
    columns = ("Factor", "Police", *LONG_NAMES, "Schools", "School nursing", "Health visiting", "Voluntary")
    rows = tuple(
        (factor, 3.45, Suppressed(), 2.94, Suppressed(), 3.62, 3.07, 4.1)
        for factor in ("Secure, agreed funding", "Clear roles, responsibilities and boundaries")
    )
    return ReportTable("Agencies", "Mean score by agency", columns, rows)


def test_a_word_longer_than_a_column_needs_counts_as_breakable() -> None:
    widths = column_widths(_agency_table())
    police, first_long, second_long, schools = widths[1:5]
    assert first_long == second_long, "a name without spaces is broken: letters beyond 16 are free"
    assert schools >= 10, "the columns of figures and 'suppressed' keep room"
    assert first_long < 2 * schools and police < schools
    ordinary = ReportTable("Roles", "Roles", ("Factor", "responsibilities"), (("a", 1.0),))
    assert column_widths(ordinary) == [27.3, 72.7]


def _table_html(table: ReportTable) -> str:
    """The markup the report template gives a table (caption left out), with the report's stylesheet."""
    widths = "".join(f'<col style="width: {width}%">' for width in column_widths(table))
    head = "".join(f'<th scope="col">{breakable(column)}</th>' for column in table.columns)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{format_cell(row[0])}</th>'
        + "".join(
            ("<td class=num>" if is_number(value) else "<td>") + f"{format_cell(value, column)}</td>"
            for value, column in zip(row[1:], table.columns[1:], strict=True)
        )
        + "</tr>"
        for row in table.rows
    )
    return (
        f'<!DOCTYPE html><html lang="en-GB"><head><style>{stylesheet()}</style></head><body>'
        f"<table><colgroup>{widths}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        "</body></html>"
    )


def _descendants(box: boxes.Box) -> list[boxes.Box]:
    found = [box]
    for child in getattr(box, "children", []):
        found += _descendants(child)
    return found


def test_printed_cells_hold_their_text_and_suppressed_is_never_cut() -> None:
    document = HTML(string=_table_html(_agency_table())).render()
    page = document.pages[0]._page_box
    cells = [box for box in _descendants(page) if isinstance(box, boxes.TableCellBox)]
    assert len(cells) == 8 * 3
    for cell in cells:
        right = cell.position_x + cell.border_width()
        for text in (box for box in _descendants(cell) if isinstance(box, boxes.TextBox)):
            assert text.position_x + text.width <= right + 0.01, (text.text, cell.position_x, right)
    texts = [box.text for box in _descendants(page) if isinstance(box, boxes.TextBox)]
    assert texts.count("suppressed") == 4
    assert LONG_NAMES[0] not in texts, "the long name is broken over lines"


def _relative_luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_hatching_of_suppressed_cells_is_as_visible_as_matplotlibs() -> None:
    canvas = charts.Canvas((1, 1), "chart", attributes=True)
    canvas.hatch()
    pattern = ElementTree.fromstring(canvas.defs[0])
    line = pattern.find("line")
    assert line is not None
    tile = float(pattern.get("width", "0"))
    stroke = float(line.get("stroke-width", "0"))
    x = float(line.get("x1", "0"))
    assert x - stroke / 2 >= 0 and x + stroke / 2 <= tile, "no part of the line is clipped by its tile"
    assert stroke >= 1 and stroke / tile >= 1 / 7, "1 pt lines at most 7 pt apart, as matplotlib drew"
    colour = line.get("stroke", "")
    assert re.fullmatch(r"#[0-9a-f]{6}", colour)
    lighter, darker = sorted(
        (_relative_luminance(charts.SUPPRESSED_FILL), _relative_luminance(colour)), reverse=True
    )
    assert (lighter + 0.05) / (darker + 0.05) >= 3, "WCAG's 3:1 for the graphics that carry meaning"


def test_a_short_column_of_a_wide_table_keeps_room_for_its_longest_word() -> None:
    """Shared in proportion alone, "Confidence" got less than its own width beside six columns of
    sentences and printed over "Times reported"."""
    sentence = "Minor concerns: two of the works concern health and social services joint working."
    columns = ("Factor", "Confidence", "Times reported", "Methodological limitations", "Coherence", "Why")
    table = ReportTable(
        "Confidence", "Confidence", columns, (("Communication", "Moderate", 6, *[sentence] * 3),)
    )
    widths = column_widths(table)
    assert widths[1] >= (len("Confidence") + 1.5) / 90 * 100 - 0.05
    assert widths[2] >= (len("reported") + 1.5) / 90 * 100 - 0.05
    assert abs(sum(widths) - 100) < 0.5


def test_money_prints_in_pounds_with_thousands_separators(report_html: str) -> None:
    """Funding amounts printed as "420000.00"."""
    assert cell_text(420000.0, "Amount per year (£)") == "£420,000"
    assert cell_text(1234.5, "Amount per year (£)") == "£1,234.50"
    assert cell_text(None, "Amount per year (£)") == "–"
    assert cell_text(420000.0, "Mean") == "420000.00"
    assert ">£" in report_html
    assert not re.search(r">\d{4,}\.\d\d<", report_html)
