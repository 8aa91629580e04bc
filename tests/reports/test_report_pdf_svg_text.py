"""Chart labels drawn as one run each land where WeasyPrint's letter-by-letter drawing puts them
(slow: WeasyPrint)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
import weasyprint.svg
from pypdf import PdfReader

from joinedup.reports import pdf_svg_text
from joinedup.reports.pdf import ChartPictures, ReportHTML
from joinedup.reports.printing import print_document

pytestmark = pytest.mark.slow

Drawn = list[tuple[str, tuple[float, ...]]]


def _drawing_with(monkeypatch: pytest.MonkeyPatch, function: Callable[..., None], drawn: Drawn) -> None:
    """Make WeasyPrint draw SVG text with `function`, noting each label and its bounding box."""

    def noting(svg: Any, node: Any, font_size: float) -> None:
        function(svg, node, font_size)
        drawn.append((node.text, tuple(node.text_bounding_box)))

    for tag, entry in weasyprint.svg.TAGS.items():
        if entry is weasyprint.svg.text:
            monkeypatch.setitem(weasyprint.svg.TAGS, tag, noting)
    monkeypatch.setattr(weasyprint.svg, "text", noting)


def _charts_pdf(drawings: dict[str, str]) -> bytes:
    pictures = "".join(f'<p><img src="joinedup-chart:{chart_id}" alt=""></p>' for chart_id in drawings)
    pdf = ReportHTML(string=pictures, base_url=None, url_fetcher=ChartPictures(drawings)).write_pdf()
    assert pdf is not None
    return pdf


def test_importing_the_pdf_writer_installs_the_one_run_drawing():
    assert weasyprint.svg.text is pdf_svg_text.whole_run_text
    assert weasyprint.svg.TAGS["text"] is weasyprint.svg.TAGS["tspan"] is pdf_svg_text.whole_run_text


def test_every_chart_label_is_drawn_where_and_as_weasyprint_draws_it(report_data, monkeypatch):
    _, charts = print_document(report_data)
    drawings = charts.drawings()
    with monkeypatch.context() as patched:
        letter_by_letter: Drawn = []
        _drawing_with(patched, pdf_svg_text.LETTER_BY_LETTER, letter_by_letter)
        stock = _charts_pdf(drawings)
    one_run: Drawn = []
    _drawing_with(monkeypatch, pdf_svg_text.whole_run_text, one_run)
    ours = _charts_pdf(drawings)
    assert len(one_run) == len(letter_by_letter) > 200
    for (text, box), (stock_text, stock_box) in zip(one_run, letter_by_letter, strict=True):
        assert text == stock_text
        x, y, width, height = box
        stock_x, stock_y, stock_width, stock_height = stock_box
        assert (x, y, height) == pytest.approx((stock_x, stock_y, stock_height)), text
        assert width == pytest.approx(stock_width, rel=0.03, abs=0.5), text
    read = [[page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages] for pdf in (ours, stock)]
    assert read[0] == read[1]


def test_text_placed_letter_by_letter_is_left_to_weasyprint(monkeypatch):
    handed: list[str] = []
    own = pdf_svg_text.LETTER_BY_LETTER

    def weasyprints(svg: Any, node: Any, font_size: float) -> None:
        handed.append(node.text)
        own(svg, node, font_size)

    monkeypatch.setattr(pdf_svg_text, "LETTER_BY_LETTER", weasyprints)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60">'
        '<text x="10" y="20">one run</text>'
        '<text x="10 20 30" y="40">abc</text>'
        '<text x="10" y="50" dx="2">spaced</text>'
        '<text x="10" y="55" letter-spacing="2">wide</text>'
        "</svg>"
    )
    _charts_pdf({"probe": svg})
    assert handed == ["abc", "spaced", "wide"]
