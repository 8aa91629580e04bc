"""In a real browser at 375 and 1280 px: dashboard charts keep legible labels and scroll in a
labelled region; the action plan and the roles grid fit or scroll, never cut off; the pages
that delete, undo and set aside pass axe."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize

from joinedup.web.partnerships.models import Partnership, RoundStatus
from joinedup.web.structure.models import Target
from joinedup.web.tests.test_accessibility import (
    DESKTOP,
    PHONE,
    SIDEWAYS_OVERFLOW,
    demo_partnership,
    describe,
    signed_in,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SMALLEST_LABEL_PX = 9.0
"""Chart labels are drawn at 7 to 8 pt: 9.3 to 10.7 CSS px at the chart's drawn size. Shrunk to a
phone's width they fell to about 4 px; anything under 9 px means the chart was scaled down."""

CHART_LABELS = """() => [...document.querySelectorAll('.jd-chart')].map((figure) => {
  const region = figure.querySelector('.jd-chart-scroll');
  const svg = figure.querySelector('svg');
  const box = svg.viewBox.baseVal;
  const scale = svg.getBoundingClientRect().width / (box && box.width ? box.width : svg.width.baseVal.value);
  const sizes = [...svg.querySelectorAll('text')].map(
    (text) => parseFloat(getComputedStyle(text).fontSize) * scale);
  return {
    title: figure.querySelector('figcaption').textContent.trim(),
    region: region && {
      role: region.getAttribute('role'),
      label: region.getAttribute('aria-label'),
      tabindex: region.getAttribute('tabindex'),
      scrolls: region.scrollWidth > region.clientWidth,
      right: region.getBoundingClientRect().right,
    },
    labels: sizes.length,
    smallest: Math.min(...sizes),
  };
})"""

TABLES = """() => [...document.querySelectorAll('main table')].map((table) => {
  const region = table.closest('.jd-table-scroll');
  const cells = table.querySelectorAll('thead th');
  const last = cells[cells.length - 1];
  if (region) { region.scrollLeft = region.scrollWidth; }
  const bounds = region ? region.getBoundingClientRect() : table.getBoundingClientRect();
  const lastRight = last ? last.getBoundingClientRect().right : bounds.right;
  const result = {
    caption: (table.caption ? table.caption.textContent : region && region.getAttribute('aria-label')) || '',
    inRegion: !!region,
    label: region && region.getAttribute('aria-label'),
    focusable: region && region.getAttribute('tabindex') === '0',
    fits: table.getBoundingClientRect().width <= bounds.width + 1,
    scrolls: !!region && getComputedStyle(region).overflowX === 'auto'
      && region.scrollWidth > region.clientWidth,
    regionRight: bounds.right,
    lastColumnReachable: lastRight <= bounds.right + 1,
  };
  if (region) { region.scrollLeft = 0; }
  return result;
})"""


@pytest.fixture
def demo(live_server, page: Page) -> Partnership:
    partnership = demo_partnership()
    signed_in(page, live_server.url)
    return partnership


def _dashboard(partnership: Partnership) -> str:
    latest = partnership.rounds.filter(status=RoundStatus.CLOSED).order_by("-closes_on").first()
    assert latest is not None
    return f"{reverse('reporting:dashboard', args=[partnership.slug])}?round={latest.pk}"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_dashboard_charts_keep_legible_labels_and_scroll_in_a_labelled_region(
    live_server, page: Page, demo: Partnership, viewport: ViewportSize
) -> None:
    page.set_viewport_size(viewport)
    page.goto(live_server.url + _dashboard(demo))

    charts = page.evaluate(CHART_LABELS)

    assert len(charts) >= 2
    width = page.evaluate("document.documentElement.clientWidth")
    for chart in charts:
        assert chart["labels"] > 0, chart
        assert chart["smallest"] >= SMALLEST_LABEL_PX, chart
        region = chart["region"]
        assert region is not None, chart["title"]
        assert region["role"] == "region" and region["tabindex"] == "0", chart
        assert region["label"] == f"Chart: {chart['title']}", chart
        assert region["right"] <= width + 1, chart
    if viewport == PHONE:
        assert any(chart["region"]["scrolls"] for chart in charts), "no chart is wider than a phone?"
    assert page.evaluate(SIDEWAYS_OVERFLOW) == 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_the_action_plan_and_roles_grid_fit_or_scroll_and_are_never_cut_off(
    live_server, page: Page, demo: Partnership, viewport: ViewportSize
) -> None:
    page.set_viewport_size(viewport)
    pages = [
        reverse("structure:actions", args=[demo.slug]),
        reverse("structure:roles", args=[demo.slug]),
        _dashboard(demo),
    ]
    problems = []
    for path in pages:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.clientWidth")
        tables = page.evaluate(TABLES)
        assert tables, f"no table on {path}"
        for table in tables:
            where = f"{path} {table['caption']!r} at {viewport['width']} px"
            if not (table["fits"] or table["scrolls"]):
                problems.append(f"{where}: neither fits nor scrolls")
            if table["regionRight"] > width + 1:
                problems.append(f"{where}: runs {table['regionRight'] - width:.0f} px off the screen")
            if not table["lastColumnReachable"]:
                problems.append(f"{where}: the last column cannot be reached")
            if table["scrolls"] and not (table["label"] and table["focusable"]):
                problems.append(f"{where}: scrolls without a labelled, focusable region")
        overflow = page.evaluate(SIDEWAYS_OVERFLOW)
        if overflow:
            problems.append(f"{path} at {viewport['width']} px: the page scrolls sideways ({overflow} px)")
    assert not problems, "\n".join(problems)


def _axe(page: Page, where: str) -> list[str]:
    found = describe(Axe().run(page).response["violations"], where)
    overflow = page.evaluate(SIDEWAYS_OVERFLOW)
    return found + ([f"{where}: the page scrolls sideways ({overflow} px)"] if overflow else [])


def _submit(page: Page) -> None:
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").first.click()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_deleting_undoing_and_setting_aside_pages_pass_axe(
    live_server, page: Page, demo: Partnership, viewport: ViewportSize
) -> None:
    page.set_viewport_size(viewport)
    base = live_server.url
    problems: list[str] = []
    target = Target.objects.filter(partnership=demo, readings__isnull=False).first()
    assert target is not None
    reading = target.readings.all()[0]

    page.goto(base + reverse("structure:reading_edit", args=[demo.slug, target.pk, reading.pk]))
    problems += _axe(page, "change a reading")
    page.goto(base + reverse("structure:delete", args=[demo.slug, "target", target.pk]))
    problems += _axe(page, "delete a target")
    _submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    problems += _axe(page, "delete a target, no reason")
    page.fill("textarea[name=reason]", "Entered twice by mistake")
    _submit(page)
    assert "has been deleted" in page.content()
    problems += _axe(page, "target deleted")
    _submit(page)
    assert Target.objects.filter(pk=target.pk).exists()
    problems += _axe(page, "target put back")

    page.goto(base + _dashboard(demo))
    with page.expect_navigation():
        page.locator("main a.govuk-button--secondary", has_text="Set aside").first.click()
    problems += _axe(page, "set aside")
    _submit(page)
    problems += _axe(page, "set aside, no reason")
    page.fill("textarea[name=reason]", "Already covered by the early help strategy")
    _submit(page)
    assert "Recommendation set aside" in page.content()
    problems += _axe(page, "set aside done")

    assert not problems, "\n".join(problems)
