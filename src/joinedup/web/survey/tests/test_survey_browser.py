"""A respondent completes the survey on a phone-sized screen by keyboard alone, and every page passes axe.

Only Tab, Space, Enter and arrows are pressed: Tab to reach a control, Space to choose a
radio button (an arrow to move from the one already chosen), Enter to follow a link or press a button.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import Page, ViewportSize

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Nation, Response
from joinedup.web.partnerships.tests.builders import (
    PASSWORD,
    add_member,
    make_partnership,
    make_round,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE: ViewportSize = {"width": 375, "height": 667}
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

    page.goto(live_server.url + invitation.get_absolute_url())
    assert page.locator("h1").inner_text() == "You have already sent your answers for this round"
    assert_accessible(page)
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert "joinedup_survey_draft" not in cookies
    marker = cookies[f"joinedup_sent_{invitation.round.pk}"]
    assert marker["httpOnly"] and marker["sameSite"] == "Lax" and marker["path"] == "/survey/"



def test_a_welsh_respondent_switches_to_cymraeg_by_keyboard_and_the_pages_pass_axe(live_server, page: Page):
    """The language links, Welsh pages with their errors, and lang="cy" throughout; answering
    every page again would add nothing the English run above does not already check."""
    partnership = make_partnership()
    partnership.nation = Nation.WALES
    partnership.save()
    invitation = make_round(partnership).invitations.get(agency__name="Education")
    page.set_viewport_size(PHONE)

    page.goto(live_server.url + invitation.get_absolute_url())
    assert_accessible(page)
    press_enter_on(page, "a[hreflang=cy]")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("h1").inner_text() == "Pa mor dda ydym ni'n cydweithio?"
    assert_accessible(page)
    press_enter_on(page, "a.govuk-button--start")

    assert page.locator("h1").inner_text() == "Amdanoch chi"
    press_enter_on(page, "button[type=submit]")
    assert page.locator(".govuk-error-summary__title").inner_text() == "Mae problem wedi codi"
    assert_accessible(page)
    tab_to(page, "input[name=role_group]")
    page.keyboard.press("Space")
    press_enter_on(page, "button[type=submit]")

    assert page.locator(".govuk-caption-l").inner_text() == "Adran 1 o 16"
    assert page.locator("html").get_attribute("lang") == "cy"
    assert_accessible(page)
    press_enter_on(page, "a[hreflang=en]")
    assert page.locator("h1").inner_text() == "Secure, agreed funding"
    assert page.locator("html").get_attribute("lang") == "en-GB"
    assert_accessible(page)


def test_a_coordinator_sets_the_response_mode_and_makes_single_use_links(live_server, page: Page):
    partnership = make_partnership()
    a_round = make_round(partnership)
    add_member(partnership, make_user("coordinator"))
    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("input[name=username]", "coordinator")
    page.fill("input[name=password]", PASSWORD)
    press_enter_on(page, "main button[type=submit]")
    page.goto(live_server.url + a_round.get_absolute_url())
    assert "One: a browser that has sent its answers cannot send another set" in page.content()

    press_enter_on(page, "a[href$='/responses-per-browser/']")
    assert_accessible(page)
    tab_to(page, "input[name=mode]:checked")
    page.keyboard.press("ArrowDown")
    press_enter_on(page, "main button[type=submit]")
    assert "Several: people can answer one after another" in page.content()

    press_enter_on(page, "a[href$='/single-use-links/']")
    assert_accessible(page)
    press_enter_on(page, "main button[type=submit]")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)
    page.select_option("select[name=invitation]", label="Education")
    page.fill("input[name=how_many]", "3")
    press_enter_on(page, "main button[type=submit]")
    assert "Education: 3 links" in page.content()
    assert_accessible(page)
