"""The document WeasyPrint lays out: every chart a picture with its words, nothing else fetched."""

from __future__ import annotations

import re
from html import unescape

import pytest
from weasyprint.urls import URLFetcherResponse

from joinedup.reports.pdf import ChartPictures
from joinedup.reports.printing import CHART_SCHEME, print_document


def test_every_chart_is_an_svg_picture_with_its_title_and_description_as_alt_text_then_its_table(
    report_data,
):
    document, pictures = print_document(report_data)
    assert "<svg" not in document
    images = re.findall(r'<img src="([^"]+)" alt="([^"]*)"[^>]*>', document)
    assert len(images) == len(pictures.charts) == 26
    fetcher = ChartPictures(pictures.drawings())
    for url, alt in images:
        chart = pictures.charts[url.removeprefix(CHART_SCHEME)]
        assert unescape(alt) == f"{chart.title}. {chart.description}"
        served = fetcher.fetch(url)
        assert isinstance(served, URLFetcherResponse) and served.content_type == "image/svg+xml"
        assert served.read().decode() == chart.print_svg
    for chart_id in ("factor-profile", "agency-heatmap", "items-funding", "raci", "attendance", "funding"):
        after = document[document.index(f'src="{CHART_SCHEME}{chart_id}"') :]
        next_image = after.find("<img ", 1)
        assert "<table>" in after[: next_image if next_image > 0 else None], chart_id


def test_the_same_chart_gives_the_same_svg(report_data):
    _, first = print_document(report_data)
    _, second = print_document(report_data)
    assert first.charts["factor-profile"].svg == second.charts["factor-profile"].svg


def test_nothing_but_the_reports_own_charts_is_fetched(report_data):
    _, pictures = print_document(report_data)
    fetcher = ChartPictures(pictures.drawings())
    for url in ("file:///etc/passwd", "https://example.org/x.png", f"{CHART_SCHEME}no-such-chart"):
        with pytest.raises(ValueError, match="nothing but its own charts"):
            fetcher.fetch(url)


def test_printed_statement_charts_label_bars_by_id_and_the_table_after_gives_each_statement(report_data):
    document, pictures = print_document(report_data)
    statements = {item.id: item.text for item in report_data.instrument.items}
    chart = pictures.charts["items-funding"]
    labels = re.findall(r'text-anchor: end; fill: #0b0c0c">([^<]+)</text>', chart.svg)
    factor = next(factor for factor in report_data.analysis.factors if factor.id == "funding")
    assert labels == [item.id + (" (reverse-worded)" if item.reverse else "") for item in factor.items]
    table = document[document.index(f'src="{CHART_SCHEME}items-funding"') :]
    table = unescape(table[: table.index("</table>")])
    for item in factor.items:
        assert f'<th scope="row">{item.id}</th><td>{statements[item.id]}</td>' in table


def test_printed_charts_carry_the_screens_properties_as_presentation_attributes(report_data):
    _, pictures = print_document(report_data)
    for chart in pictures.charts.values():
        assert "style=" not in chart.print_svg, chart.id
        declared = [
            dict(pair.split(": ", 1) for pair in style.split("; "))
            for style in re.findall(r'style="([^"]*)"', chart.svg)
        ]
        elements = re.findall(r"<(?:rect|line|polyline|polygon|circle|path|text)\b[^>]*>", chart.print_svg)
        printed = [dict(re.findall(r'([a-z-]+)="([^"]*)"', element)) for element in elements]
        assert len(printed) == len(declared), chart.id
        for properties, attributes in zip(declared, printed, strict=True):
            assert properties.items() <= attributes.items(), chart.id
