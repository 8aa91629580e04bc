"""The report as PDF: WeasyPrint lays out the very HTML the browser gets, using its print
stylesheet (A4 pages, each question on a new page, page numbers in the footer).

One thing differs: each chart is a PNG picture instead of inline SVG. WeasyPrint lays out an SVG
shape by shape and glyph by glyph, which took most of a large report's time; a picture it only
places. Each picture keeps the chart's title and description as its alt text, and its data
table still follows it. The pictures are handed over by a URL fetcher rather than written into
the page as data URIs, so the HTML parser never reads megabytes of base64, and the fetcher
refuses every other address: making a report never reads a file or the network.

While WeasyPrint lays out a report it builds a few million objects that all stay alive until the
end, so Python's cyclic garbage collector, left to run, repeatedly traverses them (and everything
else the process holds) for nothing: that cost a fifth of the time. The collector is paused for
the layout and the young garbage collected once after it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from html import escape
from types import TracebackType

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from joinedup.reports.charts import Chart
from joinedup.reports.data import ReportData
from joinedup.reports.html import render_html

CHART_SCHEME = "joinedup-chart:"


class ChartPictures(URLFetcher):
    """The charts of one printed report, served to WeasyPrint as PNG pictures by their ids."""

    def __init__(self) -> None:
        super().__init__(fail_on_errors=True)
        self.charts: dict[str, Chart] = {}

    def picture(self, chart: Chart) -> str:
        """An `<img>` of the chart at its drawn width (narrower pages shrink it to fit)."""
        self.charts[chart.id] = chart
        return (
            f'<img src="{escape(CHART_SCHEME + chart.id)}" alt="{escape(chart.alt)}" '
            f'style="width: {chart.size[0]:g}in">'
        )

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        chart = self.charts.get(url.removeprefix(CHART_SCHEME)) if url.startswith(CHART_SCHEME) else None
        if chart is None:
            raise ValueError(f"a report fetches nothing but its own charts, not {url!r}")
        return URLFetcherResponse(url, chart.png, {"Content-Type": "image/png"})


class _CollectorPause:
    """Pauses the cyclic garbage collector while any thread lays out a report, and resumes it
    (if it was running before the first) when the last one finishes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._layouts = 0
        self._resume = False

    def __enter__(self) -> None:
        with self._lock:
            if self._layouts == 0:
                self._resume = gc.isenabled()
                gc.disable()
            self._layouts += 1

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        with self._lock:
            self._layouts -= 1
            if self._layouts == 0 and self._resume:
                gc.enable()


_COLLECTOR_PAUSE = _CollectorPause()


def print_document(data: ReportData) -> tuple[str, ChartPictures]:
    """The HTML WeasyPrint lays out, with the fetcher that serves its pictures."""
    pictures = ChartPictures()
    return render_html(data, drawing=pictures.picture), pictures


_CHARTS_FOR_CHILD: list[Chart] = []


def _pictures_of(positions: list[int]) -> list[bytes]:
    """In the forked child: draw the charts it inherited from the parent."""
    return [_CHARTS_FOR_CHILD[position].png for position in positions]


def _draw_pictures(charts: list[Chart]) -> None:
    """Draw the pictures on both cores: a forked child draws every second chart while this
    process draws the rest, which halves the largest single cost of a PDF after the layout.
    The child inherits the charts by fork, so nothing needs pickling but the PNG bytes back;
    where fork or a second core is missing, WeasyPrint draws each picture as it fetches it."""
    pending = [chart for chart in charts if "png" not in chart.__dict__]
    if len(pending) < 2 or (os.cpu_count() or 1) < 2:
        return
    if "fork" not in multiprocessing.get_all_start_methods():
        return
    _CHARTS_FOR_CHILD[:] = pending
    theirs = list(range(1, len(pending), 2))
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as child:
            drawn = child.submit(_pictures_of, theirs)
            for position in range(0, len(pending), 2):
                pending[position].png  # noqa: B018 - drawing fills the chart's cached picture
            for position, png in zip(theirs, drawn.result(), strict=True):
                pending[position].__dict__["png"] = png
    finally:
        _CHARTS_FOR_CHILD.clear()


def _lay_out(data: ReportData) -> bytes:
    document, pictures = print_document(data)
    _draw_pictures(list(pictures.charts.values()))
    pdf = HTML(string=document, base_url=None, url_fetcher=pictures).write_pdf()
    assert pdf is not None, "WeasyPrint returns bytes when no target is given"
    return pdf


def render_pdf(data: ReportData) -> bytes:
    with _COLLECTOR_PAUSE:
        pdf = _lay_out(data)
    if gc.isenabled():
        gc.collect(0)
    return pdf
