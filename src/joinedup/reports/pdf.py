"""The report as PDF: WeasyPrint lays out the very HTML the browser gets, using its print
stylesheet (A4 pages, each question on a new page, page numbers in the footer).

One thing differs: each chart is an `<img>` of its SVG rather than the SVG inline, so the picture
keeps the chart's title and description as its alt text (its data table still follows it). The
drawing is the browser's, vector and light (see `joinedup.reports.charts`), with two changes that
spare WeasyPrint work and change nothing a reader needs: its properties are written as
presentation attributes, and a chart may have a print drawing (`Chart.printed`: the statement
charts label their bars by statement id, since WeasyPrint lays out SVG text one letter at a time
and the table after the chart gives each statement in full). The pictures are handed over by a
URL fetcher rather than written into the page as data URIs, and the fetcher refuses every other
address: making a report never reads a file or the network.

The PDF is made by a task worker, not a web worker, and touches nothing process-wide: it neither
forks a child to draw pictures (forking a threaded server process can copy a held lock) nor pauses
the garbage collector (which would pause it for every other request or task in the process).
"""

from __future__ import annotations

from html import escape

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from joinedup.reports.charts import Chart
from joinedup.reports.data import ReportData
from joinedup.reports.html import render_html

CHART_SCHEME = "joinedup-chart:"


class ChartPictures(URLFetcher):
    """The charts of one printed report, served to WeasyPrint as SVG pictures by their ids."""

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)
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

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        chart = self.charts.get(url.removeprefix(CHART_SCHEME)) if url.startswith(CHART_SCHEME) else None
        if chart is None:
            raise ValueError(f"a report fetches nothing but its own charts, not {url!r}")
        return URLFetcherResponse(url, chart.print_svg.encode(), {"Content-Type": "image/svg+xml"})


def print_document(data: ReportData) -> tuple[str, ChartPictures]:
    """The HTML WeasyPrint lays out, with the fetcher that serves its pictures."""
    pictures = ChartPictures()
    return render_html(data, drawing=pictures.picture), pictures


def render_pdf(data: ReportData) -> bytes:
    document, pictures = print_document(data)
    pdf = HTML(string=document, base_url=None, url_fetcher=pictures).write_pdf()
    assert pdf is not None, "WeasyPrint returns bytes when no target is given"
    return pdf
