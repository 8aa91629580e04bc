"""Survey sends and new drafts are limited per link and client address, with a 429 page."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from joinedup.web.partnerships.models import Response
from joinedup.web.survey.models import SurveyDraft

from .flow import answer_about_you, answer_and_send, answer_everything, send

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def several(agency_link, settings):
    """Shared-device mode, so only the rate limit stops one address sending again and again."""
    agency_link.round.one_response_per_browser = False
    agency_link.round.save()
    settings.JOINEDUP_SURVEY_SUBMISSIONS_PER_HOUR = 2
    return agency_link


def _browser(address: str, forwarded: str = "") -> Client:
    if forwarded:
        return Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)
    return Client(REMOTE_ADDR=address)


def test_sends_beyond_the_limit_from_one_address_get_a_429_and_store_nothing(several, instrument):
    browser = _browser("198.51.100.7")
    for _ in range(2):
        assert answer_and_send(browser, several.token, instrument).status_code == 302
    answer_everything(browser, several.token, instrument)
    refused = send(browser, several.token)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    body = refused.content.decode()
    assert "too many sets of answers" in body
    assert "Your answers have not been sent yet" in body
    assert Response.objects.count() == 2
    assert SurveyDraft.objects.count() == 1, "the answers wait for a retry"


def test_another_address_and_another_link_still_get_through(several, any_agency_link, instrument):
    any_agency_link.round.refresh_from_db()
    for _ in range(2):
        answer_and_send(_browser("198.51.100.7"), several.token, instrument)
    assert answer_and_send(_browser("203.0.113.9"), several.token, instrument).status_code == 302
    other_link = answer_and_send(
        _browser("198.51.100.7"), any_agency_link.token, instrument, agency_id=several.agency_id
    )
    assert other_link.status_code == 302
    assert Response.objects.count() == 4


def test_behind_a_trusted_proxy_the_forwarded_address_counts(several, instrument, settings):
    settings.JOINEDUP_TRUSTED_PROXY_COUNT = 1
    for _ in range(2):
        answer_and_send(_browser("10.0.0.2", "198.51.100.7"), several.token, instrument)
    assert answer_and_send(_browser("10.0.0.2", "203.0.113.9"), several.token, instrument).status_code == 302
    assert answer_and_send(_browser("10.0.0.2", "198.51.100.7"), several.token, instrument).status_code == 429


def test_a_forged_forwarded_header_is_ignored_without_a_trusted_proxy(several, instrument):
    for _ in range(2):
        answer_and_send(_browser("198.51.100.7"), several.token, instrument)
    forged = answer_and_send(_browser("198.51.100.7", "192.0.2.1"), several.token, instrument)
    assert forged.status_code == 429


def test_new_drafts_beyond_the_limit_are_refused_and_not_stored(agency_link, settings):
    settings.JOINEDUP_SURVEY_DRAFTS_PER_HOUR = 3
    for _ in range(3):
        assert answer_about_you(_browser("198.51.100.7"), agency_link.token).status_code == 302
    refused = answer_about_you(_browser("198.51.100.7"), agency_link.token)
    assert refused.status_code == 429
    assert "too many new starts" in refused.content.decode()
    assert SurveyDraft.objects.count() == 3
    assert answer_about_you(_browser("203.0.113.9"), agency_link.token).status_code == 302


def test_carrying_on_with_a_draft_is_never_counted_as_a_new_start(agency_link, instrument, settings):
    settings.JOINEDUP_SURVEY_DRAFTS_PER_HOUR = 1
    browser = _browser("198.51.100.7")
    answer_everything(browser, agency_link.token, instrument)
    assert answer_about_you(browser, agency_link.token, role_group="team-leader").status_code == 302
