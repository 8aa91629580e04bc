"""A question page drawn from the kept markup is exactly the page the templates render.

`survey.pages` keeps each question page rendered once with nothing answered and marks each
request's answers, comment and CSRF token into it (issue 13: rendering was the largest part of a
question page's server time). These tests fetch every page both ways and compare them byte for
byte (the CSRF token, random per request, aside): unanswered, each answer checked, with a comment
that needs escaping, in English and in Welsh; and they check the token works and that a signed-in
user still gets the page with their own menu.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from joinedup.instrument.responses import DONT_KNOW_CODE
from joinedup.web.partnerships.models import Nation
from joinedup.web.partnerships.tests.builders import make_partnership, make_round
from joinedup.web.survey import pages
from joinedup.web.survey.models import SingleUseLink

from .flow import answer_about_you, answer_page, factor_order
from .kept_pages import kept_and_full


def _both_ways(client: Client, path: str, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """(the kept page, the page rendered in full) for `path`."""
    return kept_and_full(client, path, monkeypatch, full_render_in=pages)


def _started(client: Client, token: str) -> None:
    client.get(reverse("survey:start", args=[token]))
    assert answer_about_you(client, token).status_code == 302


@pytest.mark.parametrize("value", ["1", "2", "3", "4", "5", DONT_KNOW_CODE])
def test_every_answer_and_a_comment_give_the_templates_page(
    client, agency_link, instrument, value, monkeypatch
):
    _started(client, agency_link.token)
    path = reverse("survey:questions", args=[agency_link.token, 1])
    kept, full = _both_ways(client, path, monkeypatch)
    assert kept == full
    assert " checked" not in kept
    comment = "Fine <b>\"mostly\"</b> & 'often'"
    answered = answer_page(client, agency_link.token, instrument, 1, value=value, comment=comment)
    assert answered.status_code == 302
    kept, full = _both_ways(client, path, monkeypatch)
    assert kept == full
    assert kept.count(f'value="{value}" checked') == len(instrument.items_for(factor_order(instrument)[0]))
    assert "Fine &lt;b&gt;&quot;mostly&quot;&lt;/b&gt; &amp; &#x27;often&#x27;</textarea>" in kept


def test_every_page_in_welsh_and_in_english_gives_the_templates_page(db, client, instrument, monkeypatch):
    partnership = make_partnership(name="Cwm <Partneriaeth>", slug="cwm")
    partnership.nation = Nation.WALES
    partnership.save()
    link = make_round(partnership).invitations.get(agency__name="Education")
    _started(client, link.token)
    for number in range(1, len(factor_order(instrument)) + 1):
        path = reverse("survey:questions", args=[link.token, number])
        for language in ("cy", "en-gb"):
            kept, full = _both_ways(client, f"{path}?lang={language}", monkeypatch)
            assert kept == full
            assert ('<html lang="cy"' in kept) == (language == "cy")
        assert answer_page(client, link.token, instrument, number, value="2").status_code == 302


def test_the_kept_pages_token_is_this_browsers_and_its_form_is_accepted(agency_link, instrument, monkeypatch):
    client = Client(enforce_csrf_checks=True)
    token = agency_link.token
    client.get(reverse("survey:start", args=[token]))
    about = client.get(reverse("survey:about_you", args=[token])).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', about)
    assert csrf is not None
    moved = client.post(
        reverse("survey:about_you", args=[token]),
        {"csrfmiddlewaretoken": csrf.group(1), "role_group": "practitioner"},
    )
    assert moved.status_code == 302
    monkeypatch.setattr(pages, "render", lambda *args, **kwargs: pytest.fail("rendered in full"))
    page = client.get(moved["Location"]).content.decode()
    items = instrument.items_for(factor_order(instrument)[0])
    form = {item.id: "4" for item in items}
    assert client.post(moved["Location"], form).status_code == 403
    kept_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert kept_token is not None
    sent = client.post(moved["Location"], {**form, "csrfmiddlewaretoken": kept_token.group(1)})
    assert sent.status_code == 302


def test_a_signed_in_user_answering_gets_their_own_menu(client, agency_link, instrument):
    client.force_login(get_user_model().objects.create_user("someone", password="a long password 1"))
    _started(client, agency_link.token)
    page = client.get(reverse("survey:questions", args=[agency_link.token, 1])).content.decode()
    assert "Sign out" in page
    anonymous = Client()
    _started(anonymous, agency_link.token)
    page = anonymous.get(reverse("survey:questions", args=[agency_link.token, 1])).content.decode()
    assert "Sign out" not in page and "Sign in" in page


def test_a_page_with_errors_is_rendered_in_full_with_its_error_summary(client, agency_link, instrument):
    _started(client, agency_link.token)
    first = instrument.items_for(factor_order(instrument)[0])[0]
    page = client.post(reverse("survey:questions", args=[agency_link.token, 1]), {first.id: "9"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html and "<title>Error:" in html


def test_single_use_links_share_one_kept_page_with_their_own_token(agency_link, instrument, monkeypatch):
    """Each single-use link has its own token, so a page kept per token served nobody twice; the
    page is kept once for the invitation with a placeholder for the token, and each link's page
    is still the templates' page byte for byte, naming that link only."""
    first, second = (SingleUseLink.objects.create(invitation=agency_link) for _ in range(2))
    for link in (first, second):
        browser = Client()
        _started(browser, link.token)
        assert answer_page(browser, link.token, instrument, 1, value="3", comment="<Yes>").status_code == 302
        for number in (1, 2):
            path = reverse("survey:questions", args=[link.token, number])
            if link is second:
                # Drawn from the page kept for the first link: no template is rendered at all.
                monkeypatch.setattr(pages, "get_template", lambda name: pytest.fail("rendered again"))
            kept, full = _both_ways(browser, path, monkeypatch)
            monkeypatch.undo()
            assert kept == full
            assert link.token in kept and pages.LINK_PLACEHOLDER not in kept
            assert agency_link.token not in kept
            other = second if link is first else first
            assert other.token not in kept
