"""The report's sections in HTML and XLSX, disclosure control, accessibility basics and determinism."""

from __future__ import annotations

import re
from collections import Counter

from tests.reports.conftest import SMALL_AGENCY, SMALL_MEAN, TODAY, make_report_data
from tests.reports.text import read_html, workbook_cells

from joinedup.analysis import analyse
from joinedup.evidence import PROVENANCE_LABELS, load_evidence_base
from joinedup.findings import bounds_words, extremes
from joinedup.instrument import load_instrument
from joinedup.reports import ReportData, all_tables, build_report_data, render_html, render_xlsx

SECTION_HEADINGS = (
    "Board summary",
    "Where we stand",
    "Where partners disagree",
    "What the records show",
    "The three actions that matter most",
    "How good are we now?",
    "Factor profile",
    "Agencies side by side",
    "Trend",
    "Findings",
    "Factor by factor",
    "How do we know?",
    "Structure",
    "Method",
    "Works cited",
    "What next?",
    "Recommendations",
    "Action plan",
)
SHEETS = (
    "About",
    "Findings",
    "Factors",
    "Agency means",
    "Role group means",
    "Groups",
    "Items",
    "Trends",
    "Comments",
    "Responsibilities",
    "Targets",
    "Attendance",
    "Funding",
    "Structural gaps",
    "Responses",
    "Role groups",
    "Suppressed",
    "Reliability",
    "Evidence confidence",
    "Recommendations",
    "Action plan",
    "Works cited",
)


def test_every_section_has_its_heading(report_html):
    headings = read_html(report_html).headings
    for heading in SECTION_HEADINGS:
        assert heading in headings, heading
    assert (
        headings.index("How good are we now?")
        < headings.index("How do we know?")
        < headings.index("What next?")
    )


def test_every_factor_has_its_own_section_with_score_evidence_and_interventions(report_data, report_html):
    text = read_html(report_html)
    for factor in report_data.evidence.factors:
        assert factor.name in text.headings
    assert report_html.count('class="factor"') == 16
    assert report_html.count("What the evidence says") == 16
    assert "Items lowering alpha" in report_html


def test_structure_charts_and_tables_are_all_there(report_html):
    for chart_id in (
        "factor-profile",
        "agency-heatmap",
        "trends",
        "raci",
        "target-1",
        "attendance",
        "funding",
    ):
        assert f'id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"' in report_html
    assert len(re.findall(r'<svg [^>]*id="items-[a-z-]+" role="img"', report_html)) == 16
    assert "gap: no one accountable" in report_html


def test_the_html_is_self_contained_and_accessible(report_html):
    assert report_html.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in report_html
    assert '<a class="skip-link" href="#main">' in report_html and '<main id="main">' in report_html
    assert "@media print" in report_html and "counter(pages)" in report_html
    assert not re.search(r'(src|href)="(https?:)?//', report_html)
    ids = Counter(re.findall(r'\sid="([^"]+)"', report_html))
    assert [name for name, count in ids.items() if count > 1] == []
    charts = report_html.count("<svg")
    assert report_html.count("<title id=") == charts and report_html.count("<desc id=") == charts
    assert report_html.count('<th scope="col">') > 100


def test_the_workbook_has_every_table_on_its_own_sheet(report_data, report_xlsx):
    sheets = workbook_cells(report_xlsx)
    assert tuple(sheets) == SHEETS
    for table in all_tables(report_data):
        rows = sheets[table.sheet]
        assert rows[0][0] == table.title and tuple(rows[1]) == table.columns
        assert len(rows) - 2 == len(table.rows)


def test_every_recommendation_shows_its_kind_of_advice_basis_and_caveats(
    report_data, report_html, report_xlsx
):
    from html import unescape

    def flat(text: str) -> str:
        return " ".join(unescape(text).split())

    items = [flat(item) for item in re.findall(r"<li>(.*?)</li>", report_html, flags=re.S)]
    shown = 0
    for item in report_data.evidence.interventions:
        opening = f"<strong>{flat(item.title)}.</strong>"
        places = [text for text in items if text.startswith(opening)]
        shown += len(places)
        for text in places:
            assert f"<strong>{PROVENANCE_LABELS[item.provenance]}.</strong>" in text, item.id
            assert f"Basis: {flat(item.basis)}" in text, item.id
            assert all(flat(caveat) in text for caveat in item.caveats), item.id
    assert shown
    sheet = workbook_cells(report_xlsx)["Recommendations"]
    columns = sheet[1]
    provenance, basis = columns.index("Provenance"), columns.index("Basis")
    assert {
        "Kind of advice",
        "Caveats",
        "Works that support this action",
        "Works that say this factor matters",
    } <= set(columns)
    assert len(sheet) > 2 and all(row[provenance] and row[basis] for row in sheet[2:])
    assert "Supported by" not in report_html


def test_the_small_agency_is_suppressed_everywhere_in_the_html(report_data, report_html):
    text = read_html(report_html)
    assert SMALL_MEAN not in "".join(text.parts)
    rows = [row for row in text.rows if row and row[0] == SMALL_AGENCY]
    assert rows, "the small agency is listed, as suppressed"
    for row in rows:
        assert "suppressed" in row, row
        assert not [cell for cell in row[1:] if re.fullmatch(r"[\d.]+", cell)], row
    heatmap = report_html[
        report_html.index('id="agency-heatmap"') : report_html.index(
            "</svg>", report_html.index('id="agency-heatmap"')
        )
    ]
    assert heatmap.count(">suppressed<") >= 16


def test_the_small_agency_is_suppressed_everywhere_in_the_workbook(report_xlsx):
    for name, rows in workbook_cells(report_xlsx).items():
        for row in rows:
            values = [str(value) for value in row if value is not None]
            assert not any(SMALL_MEAN in value for value in values), (name, row)
            if SMALL_AGENCY in values:
                figures = row[row.index(SMALL_AGENCY) + 1 :]
                assert 3 not in figures, (name, row)
    agency_means = workbook_cells(report_xlsx)["Agency means"]
    column = agency_means[1].index(SMALL_AGENCY)
    assert {row[column] for row in agency_means[2:]} == {"suppressed"}


def test_the_same_data_gives_byte_identical_html_and_workbooks(report_inputs, report_html, report_xlsx):
    again = make_report_data(report_inputs)
    assert render_html(again) == report_html
    assert render_xlsx(again) == report_xlsx


def test_a_first_round_says_there_is_no_trend_yet(report_inputs):
    first = report_inputs.responses[report_inputs.responses["round"] == "Round 1"]
    instrument = load_instrument()
    data: ReportData = build_report_data(
        analyse(first, instrument.items),
        "Partnership 01",
        "Round 1",
        evidence=load_evidence_base(),
        instrument=instrument,
        today=TODAY,
    )
    document = render_html(data)
    assert "first round" in document and 'id="trends"' not in document
    assert "No structure records were given" in document and "No action plan was given." in document


def test_the_board_summary_prints_the_bounds_that_name_an_extreme_to_two_decimals(report_data, report_html):
    """The strongest and weakest are named because their intervals part; the bounds are printed
    as the findings print them, so an interval ending at 2.99 never reads as touching 3."""
    summary = extremes(report_data.analysis.factors)
    assert summary.separable
    text = "".join(read_html(report_html).parts)
    for factor in summary.strongest + summary.weakest:
        assert factor.ci is not None
        assert f"({bounds_words(factor.ci)})" in text
    assert not re.search(r"\(\d\.\d to \d\.\d\)", text)


def test_making_a_report_imports_no_plotting_library(report_data):
    """The charts are SVG written directly: drawing them must not load matplotlib, whose import
    and figures were most of an HTML report's time."""
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from joinedup.reports import charts, html, pdf\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'matplotlib'))\n"
    )
    completed = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert completed.stdout.strip() == "[]"
    assert all(chart.svg.startswith("<svg") for chart in _every_chart(report_data))


def _every_chart(data):
    from joinedup.reports.html import report_context

    context = report_context(data)
    found = [context["profile"], context["heatmap"], context["trend"]]
    found += [section.items_chart for section in context["factor_sections"]]
    structure = context["structure"]
    found += [structure["raci"], structure["attendance"], structure["funding"], *structure["targets"]]
    return [chart for chart in found if chart is not None]
