"""The report as PDF: WeasyPrint lays out the very HTML the browser gets, using its print
stylesheet (A4 pages, each question on a new page, page numbers in the footer).

The document, with each chart as an `<img>` of its SVG, is made by `joinedup.reports.printing`
without WeasyPrint. The drawing is the browser's, vector and light (see
`joinedup.reports.charts`), with two changes that spare WeasyPrint work and change nothing a
reader needs: its properties are written as presentation attributes, and a chart may have a print
drawing (`Chart.printed`: the statement charts label their bars by statement id, since WeasyPrint
lays out SVG text one letter at a time and the table after the chart gives each statement in
full). The pictures are handed over by a URL fetcher rather than written into the page as data
URIs, and the fetcher refuses every other address: making a report never reads a file or the
network.

WeasyPrint's user-agent stylesheet gives every element six pseudo-elements to style (`::marker`
and five for footnotes and notes), which made five of every six styles it computed for a report
and a tenth of its layout and drawing time. A report has no footnotes or notes and only list
items have markers, so the report is laid out with that sheet less those rules (`ReportHTML`):
the same pages, the same text.

The charts' labels are drawn each as one run of text rather than letter by letter
(`joinedup.reports.pdf_svg_text`, installed into WeasyPrint when this module is imported): the
same text at the same places, in a sixth less drawing time.

The PDF is made by a task worker, not a web worker, and touches nothing else process-wide: it
neither forks a child to draw pictures (forking a threaded server process can copy a held lock)
nor pauses the garbage collector (which would pause it for every other request or task in the
process). The command line runs this module in a process of its own
(`joinedup.reports.pdf_process`).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

from weasyprint import CSS, HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.html import UA, UA_FORM_STYLESHEET
from weasyprint.urls import URLFetcher, URLFetcherResponse

from joinedup.reports import pdf_svg_text
from joinedup.reports.printing import CHART_SCHEME, print_document

if TYPE_CHECKING:
    from joinedup.reports.data import ReportData

pdf_svg_text.install()

UNUSED_UA_RULES = (
    "::footnote-call { content: counter(footnote); vertical-align: super; font-size: smaller;"
    " line-height: inherit }",
    '::footnote-marker { content: counter(footnote) ". " }',
    "::note-call { content: counter(note); vertical-align: super; font-size: smaller; line-height: inherit }",
    '::note-marker { content: counter(note) ". " }',
    '::note-callback { content: "\u202f↩" }',
)
"""Rules of WeasyPrint's user-agent stylesheet, verbatim, that match every element of a report
and style pseudo-elements a report never has."""

EVERY_MARKER = "::marker {"
LIST_MARKERS = "li::marker, summary::marker {"
"""The user-agent rule for markers, scoped to the elements that can have them in a report."""


def report_ua_text() -> str:
    """WeasyPrint's user-agent stylesheet less the rules a report never needs."""
    lines = [line for line in UA.splitlines() if line not in UNUSED_UA_RULES]
    return "\n".join(
        LIST_MARKERS + line.removeprefix(EVERY_MARKER) if line.startswith(EVERY_MARKER) else line
        for line in lines
    )


@cache
def report_ua_stylesheet() -> CSS:
    """`report_ua_text` parsed, once per process."""
    # Its @counter-style rules are WeasyPrint's own, already known to every document (a document's
    # counter styles start from WeasyPrint's); parsed into a dictionary of their own, they are not
    # refused as redefinitions of `decimal` and `disc`.
    return CSS(string=report_ua_text(), counter_style=CounterStyle())


class ReportHTML(HTML):
    """A report's HTML, styled with `report_ua_stylesheet` instead of the stock user-agent sheet.

    `_ua_stylesheets` is WeasyPrint's own hook (private): tests hold that the rules left out are
    still in the installed WeasyPrint's sheet word for word and that every page's text is what the
    stock sheet gives, so an upgrade that changes either fails a test rather than a report.
    """

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        if forms:
            return [report_ua_stylesheet(), UA_FORM_STYLESHEET]
        return [report_ua_stylesheet()]


class ChartPictures(URLFetcher):
    """The charts of one printed report, served to WeasyPrint as SVG pictures by their ids."""

    def __init__(self, drawings: Mapping[str, str]) -> None:
        super().__init__(fail_on_errors=True)
        self.drawings = drawings

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        drawing = self.drawings.get(url.removeprefix(CHART_SCHEME)) if url.startswith(CHART_SCHEME) else None
        if drawing is None:
            raise ValueError(f"a report fetches nothing but its own charts, not {url!r}")
        return URLFetcherResponse(url, drawing.encode(), {"Content-Type": "image/svg+xml"})


def pdf_of(document: str, drawings: Mapping[str, str]) -> bytes:
    """The PDF of a print document (`joinedup.reports.printing.print_document`) and its charts'
    SVG by id."""
    pdf = ReportHTML(string=document, base_url=None, url_fetcher=ChartPictures(drawings)).write_pdf()
    assert pdf is not None, "WeasyPrint returns bytes when no target is given"
    return pdf


def render_pdf(data: ReportData) -> bytes:
    """The report as PDF, made in this process."""
    document, charts = print_document(data)
    return pdf_of(document, charts.drawings())
