"""The check page drawn from kept markup is exactly the page the template renders.

`survey.pages.filled_page` keeps the check page rendered once per link and language with a slot for
each answer, comment, the agency, the role group and the send key, and fills the slots for each
request (rendering its 48 rows cost about four sign-in pages). These tests fetch the page both ways
and compare them byte for byte (the CSRF token, random per request, aside): every answer label,
comments that need escaping and line breaks, no comment, the agency asked or not, English and Welsh.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from joinedup.instrument.responses import DONT_KNOW_CODE
from joinedup.web.partnerships.models import Nation
from joinedup.web.partnerships.tests.builders import make_partnership, make_round
from joinedup.web.survey import pages, views
from joinedup.web.survey.models import SingleUseLink

from .flow import answer_about_you, answer_page, factor_order, send_key
from .kept_pages import kept_and_full


def _both_ways(client: Client, path: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(the kept page, the page rendered in full) for `path`."""
    return kept_and_full(client, path, monkeypatch, full_render_in=views)


def _answer_all(client: Client, token: str, instrument, values: list[str], comments: dict[int, str], **about):
    client.get(reverse("survey:start", args=[token]))
    assert answer_about_you(client, token, **about).status_code == 302
    for number in range(1, len(factor_order(instrument)) + 1):
        value = values[number % len(values)]
        answered = answer_page(
            client, token, instrument, number, value=value, comment=comments.get(number, "")
        )
        assert answered.status_code == 302


COMMENTS = {1: "Fine <b>\"mostly\"</b> & 'often'\nsecond line\r\nthird", 3: "Short"}


@pytest.mark.parametrize("values", [["1", "2", "3"], ["4", "5", DONT_KNOW_CODE]])
def test_the_kept_check_page_is_the_templates_page(client, agency_link, instrument, values, monkeypatch):
    _answer_all(client, agency_link.token, instrument, values, COMMENTS)
    kept, full = _both_ways(client, reverse("survey:check", args=[agency_link.token]), monkeypatch)
    assert kept == full
    assert (
        "Fine &lt;b&gt;&quot;mostly&quot;&lt;/b&gt; &amp; &#x27;often&#x27;<br>second line<br>third" in kept
    )
    assert "No comment" in kept and "slot-" not in kept


def test_the_kept_check_page_asking_the_agency_is_the_templates_page(
    client, any_agency_link, instrument, monkeypatch
):
    agency = any_agency_link.round.partnership.agencies.order_by("name").first()
    agency.name = "Health & <Care>"
    agency.save()
    _answer_all(client, any_agency_link.token, instrument, ["3"], {}, agency_id=agency.pk)
    kept, full = _both_ways(client, reverse("survey:check", args=[any_agency_link.token]), monkeypatch)
    assert kept == full
    assert "Health &amp; &lt;Care&gt;" in kept and 'Change<span class="govuk-visually-hidden"> agency' in kept


def test_the_kept_check_page_in_welsh_and_english_is_the_templates_page(db, client, instrument, monkeypatch):
    partnership = make_partnership(name="Cwm <Partneriaeth>", slug="cwm")
    partnership.nation = Nation.WALES
    partnership.save()
    link = make_round(partnership).invitations.get(agency__name="Education")
    _answer_all(client, link.token, instrument, ["2", DONT_KNOW_CODE], COMMENTS)
    for language in ("cy", "en-gb", "cy"):
        kept, full = _both_ways(
            client, f"{reverse('survey:check', args=[link.token])}?lang={language}", monkeypatch
        )
        assert kept == full
        assert ('<html lang="cy"' in kept) == (language == "cy")


def test_the_kept_check_pages_key_sends_the_answers_once(client, agency_link, instrument):
    _answer_all(client, agency_link.token, instrument, ["4"], {})
    key = send_key(client, agency_link.token)
    assert key == send_key(client, agency_link.token)
    url = reverse("survey:send", args=[agency_link.token])
    assert client.post(url, {"idempotency_key": key}).url == reverse("survey:sent", args=[agency_link.token])
    assert agency_link.round.responses.count() == 1


def test_a_signed_in_user_checking_gets_their_own_menu(client, agency_link, instrument):
    client.force_login(get_user_model().objects.create_user("someone", password="a long password 1"))
    _answer_all(client, agency_link.token, instrument, ["4"], {})
    assert "Sign out" in client.get(reverse("survey:check", args=[agency_link.token])).content.decode()


def test_single_use_links_share_one_kept_check_page_with_their_own_token(
    agency_link, instrument, monkeypatch
):
    """The check page is kept once for all of an invitation's single-use links, with a placeholder
    for the token; each link's page is the templates' byte for byte and names only that link."""
    first, second = (SingleUseLink.objects.create(invitation=agency_link) for _ in range(2))
    for link in (first, second):
        browser = Client()
        _answer_all(browser, link.token, instrument, ["2", "5"], COMMENTS)
        if link is second:
            monkeypatch.setattr(pages, "get_template", lambda name: pytest.fail("rendered again"))
        kept, full = _both_ways(browser, reverse("survey:check", args=[link.token]), monkeypatch)
        monkeypatch.undo()
        assert kept == full
        assert link.token in kept and pages.LINK_PLACEHOLDER not in kept
        assert (second if link is first else first).token not in kept and agency_link.token not in kept
        key = send_key(browser, link.token)
        sent = browser.post(reverse("survey:send", args=[link.token]), {"idempotency_key": key})
        assert sent["Location"] == reverse("survey:sent", args=[link.token])
    assert agency_link.round.responses.count() == 2
