"""What the report does for keyboard users, low vision and phones: scrolling regions take focus,
chart text and shapes stand out from what is behind them, and a chart on a phone keeps the size it
was drawn at instead of shrinking its labels."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from playwright.sync_api import Page

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 900}
CSS_PX_PER_PT = 4 / 3
TEXT_CONTRAST = 4.5
GRAPHIC_CONTRAST = 3.0
# A cell is shaded by the weightiest role it holds, which its letters list first.
RACI_CELLS = {"A": "#1d4f91", "R": "#4f86c6", "C": "#b8d3f0", "I": "#e8f1fb"}
REGION = re.compile(r'<div class="(table-wrap|chart-wrap)"([^>]*)>')


def to_rgb(colour: str) -> tuple[float, float, float]:
    """A "#rrggbb" colour as three fractions of full intensity."""
    red, green, blue = (int(colour[start : start + 2], 16) / 255 for start in (1, 3, 5))
    return red, green, blue


def luminance(colour: str) -> float:
    channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def chart_svg(report_html: str, chart_id: str) -> str:
    start = report_html.index(f'id="{chart_id}" role="img"')
    return report_html[start : report_html.index("</svg>", start)]


def test_every_scrolling_table_and_chart_is_a_labelled_region_reachable_by_tab(report_html):
    regions = REGION.findall(report_html)
    assert Counter(kind for kind, _ in regions) == Counter(
        {"table-wrap": report_html.count("<table>"), "chart-wrap": report_html.count("<svg")}
    )
    labels = []
    for _, attributes in regions:
        assert 'role="region"' in attributes and 'tabindex="0"' in attributes, attributes
        label = re.search(r'aria-label="([^"]+)"', attributes)
        assert label is not None, attributes
        labels.append(label.group(1))
    assert [label for label, count in Counter(labels).items() if count > 1] == []


def test_raci_letters_are_dark_on_mid_blue_and_white_only_on_the_darkest_cells(report_html):
    letters = re.findall(r'fill: (#[0-9a-f]{6})"[^>]*>([ARCI/]+)</text>', chart_svg(report_html, "raci"))
    assert letters
    for colour, text in letters:
        assert (colour == "#ffffff") == text.startswith("A"), (text, colour)
        assert contrast(colour, RACI_CELLS[text[0]]) >= TEXT_CONTRAST, (text, colour)


@pytest.mark.parametrize("chart_id", ["items-funding", "funding", "trends"])
def test_bars_and_dots_lighter_than_three_to_one_have_a_dark_edge(report_html, chart_id):
    shapes = re.findall(r"fill: (#[0-9a-f]{6}); stroke: (#[0-9a-f]{6})", chart_svg(report_html, chart_id))
    faint = [(fill, stroke) for fill, stroke in shapes if contrast(fill, "#ffffff") < GRAPHIC_CONTRAST]
    assert faint, "the chart has light colours, each needing an edge"
    assert [pair for pair in faint if contrast(pair[1], "#ffffff") < GRAPHIC_CONTRAST] == []


def sideways_overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def chart_widths(page: Page) -> list[dict[str, float]]:
    """Each chart's drawn width (its width attribute, in points) beside its shown and region widths."""
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('.chart-wrap svg')].map((svg) => ({
                drawn: parseFloat(svg.getAttribute('width')),
                shown: svg.getBoundingClientRect().width,
                region: svg.parentElement.clientWidth,
                scrolls: svg.parentElement.scrollWidth,
            }))"""
        )
    )


@pytest.mark.browser
def test_on_a_phone_charts_keep_their_drawn_size_and_scroll_in_their_region(page: Page, report_html):
    page.set_viewport_size(PHONE)
    page.set_content(report_html)

    widths = chart_widths(page)
    assert len(widths) == report_html.count("<svg")
    for chart in widths:
        assert chart["shown"] == pytest.approx(chart["drawn"] * CSS_PX_PER_PT, abs=1), chart
        assert chart["scrolls"] > chart["region"], chart
    assert sideways_overflow(page) == 0


@pytest.mark.browser
def test_a_keyboard_user_scrolls_a_chart_on_a_phone(page: Page, report_html):
    page.set_viewport_size(PHONE)
    page.set_content(report_html)
    region = page.locator(".chart-wrap").first

    region.focus()
    page.keyboard.press("ArrowRight")

    assert page.evaluate("document.activeElement.classList.contains('chart-wrap')")
    assert region.evaluate("(element) => element.scrollLeft") > 0
    assert region.evaluate("(element) => getComputedStyle(element).outlineStyle") == "solid"


@pytest.mark.browser
def test_on_a_desktop_the_usual_charts_fit_without_scrolling(page: Page, report_html):
    page.set_viewport_size(DESKTOP)
    page.set_content(report_html)

    fitting = [chart for chart in chart_widths(page) if chart["drawn"] * CSS_PX_PER_PT <= chart["region"]]
    assert len(fitting) == report_html.count("<svg")
    assert all(chart["scrolls"] == chart["region"] for chart in fitting)
