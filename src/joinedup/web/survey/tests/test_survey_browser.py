"""A respondent completes the survey on a phone-sized screen by keyboard alone, and every page passes axe.

Only Tab, Space and Enter are pressed: Tab to reach a control, Space to choose a
radio button, Enter to follow a link or press a button.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Response
from joinedup.web.partnerships.tests.builders import make_partnership, make_round

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 667}
MOST_TABS_TO_ANY_CONTROL = 120
axe = Axe()


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the focused element matches `selector`, as a keyboard user would."""
    for _ in range(MOST_TABS_TO_ANY_CONTROL):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def press_enter_on(page: Page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_accessible(page: Page) -> None:
    results = axe.run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_a_respondent_completes_the_survey_by_keyboard_on_a_phone(live_server, page: Page):
    instrument = load_instrument("1")
    factors = list(dict.fromkeys(item.factor for item in instrument.items))
    partnership = make_partnership()
    invitation = make_round(partnership).invitations.get(agency__name="Education")
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + invitation.get_absolute_url())
    assert_accessible(page)
    press_enter_on(page, "a.govuk-button--start")

    assert page.locator("h1").inner_text() == "About you"
    assert_accessible(page)
    press_enter_on(page, "button[type=submit]")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    tab_to(page, "input[name=role_group]")
    page.keyboard.press("Space")
    press_enter_on(page, "button[type=submit]")

    for number, factor in enumerate(factors, start=1):
        assert f"Section {number} of {len(factors)}" in page.locator(".govuk-caption-l").inner_text()
        assert_accessible(page)
        for item in instrument.items_for(factor):
            tab_to(page, f"input[name={item.id}]")
            page.keyboard.press("Space")
        press_enter_on(page, "button[type=submit]")

    assert "Check your answers" in page.locator("h1").inner_text()
    assert_accessible(page)
    press_enter_on(page, "form[action$='/send/'] button[type=submit]")

    assert page.locator(".govuk-panel__title").inner_text() == "Your answers have been sent"
    assert_accessible(page)
    stored = Response.objects.get()
    assert stored.agency.name == "Education"
    assert set(stored.answers.values()) == {1}
