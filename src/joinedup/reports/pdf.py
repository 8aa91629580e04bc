"""The report as PDF: WeasyPrint lays out the very HTML the browser gets, using its print
stylesheet (A4 pages, each question on a new page, page numbers in the footer).

One change is made on the way: each inline SVG chart becomes an image of the same SVG. The
drawing is identical, but WeasyPrint then no longer parses the charts as part of the page and
matches every stylesheet rule against each of their thousands of shapes, which is most of the
time a large report takes.
"""

from __future__ import annotations

import base64
import html
import re

from weasyprint import HTML

from joinedup.reports.data import ReportData
from joinedup.reports.html import render_html

_INLINE_SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.DOTALL)


def _as_image(match: re.Match[str]) -> str:
    svg = match.group(0)
    if "xmlns=" not in svg[: svg.index(">")]:
        svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"', 1)
    title = _TITLE.search(svg)
    alt = html.unescape(title.group(1)) if title else ""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{encoded}" alt="{html.escape(alt)}">'


def charts_as_images(document: str) -> str:
    return _INLINE_SVG.sub(_as_image, document)


def html_to_pdf(document: str) -> bytes:
    """PDF bytes from a self-contained HTML document (nothing is fetched from files or the network)."""
    pdf = HTML(string=charts_as_images(document), base_url=None).write_pdf()
    assert pdf is not None, "WeasyPrint returns bytes when no target is given"
    return pdf


def render_pdf(data: ReportData) -> bytes:
    return html_to_pdf(render_html(data))
