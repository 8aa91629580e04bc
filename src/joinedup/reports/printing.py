"""The document a PDF is laid out from, made without WeasyPrint.

It is the very HTML the browser gets, with one difference: each chart is an `<img>` of its SVG
rather than the SVG inline, so the picture keeps the chart's title and description as its alt text
(its data table still follows it). The pictures are named by a `joinedup-chart:` address and
handed to WeasyPrint by `joinedup.reports.pdf`, which refuses every other address.

Kept apart from `joinedup.reports.pdf` so that the command line can make this document while a
separate process is still importing WeasyPrint (see `joinedup.reports.pdf_process`).
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from joinedup.reports.charts import Chart
    from joinedup.reports.data import ReportData

CHART_SCHEME = "joinedup-chart:"


class PrintCharts:
    """The charts of one printed report, by id, as the document's pictures name them."""

    def __init__(self) -> None:
        self.charts: dict[str, Chart] = {}

    def picture(self, chart: Chart) -> str:
        """An `<img>` of the chart's print drawing at its drawn width (narrower pages shrink it
        to fit)."""
        chart = chart.printed or chart
        self.charts[chart.id] = chart
        return (
            f'<img src="{escape(CHART_SCHEME + chart.id)}" alt="{escape(chart.alt)}" '
            f'style="width: {chart.size[0]:g}in">'
        )

    def drawings(self) -> dict[str, str]:
        """Each chart's print SVG by id: all WeasyPrint needs of the charts, and plain text that
        can be handed to another process."""
        return {chart_id: chart.print_svg for chart_id, chart in self.charts.items()}


def print_document(data: ReportData) -> tuple[str, PrintCharts]:
    """The HTML WeasyPrint lays out, with the charts its pictures name."""
    from joinedup.reports.html import render_html

    charts = PrintCharts()
    return render_html(data, drawing=charts.picture), charts
