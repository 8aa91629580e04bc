"""Save-and-resume without identifying anyone, the closing grace period, the "any agency" link
and the sent page (issue 14, item 2)."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.models import Response, Round, RoundStatus
from joinedup.web.survey.models import SurveyDraft

from .flow import (
    answer_about_you,
    answer_and_send,
    answer_everything,
    answer_page,
    factor_order,
    send,
    send_key,
)


def _resume_url(client: Client, token: str) -> str:
    page = client.get(reverse("survey:save_for_later", args=[token])).content.decode()
    (url,) = re.findall(r'<code id="resume-link" class="jd-link-text">http://testserver([^<]+)</code>', page)
    return url


def test_a_respondent_resumes_on_another_device_from_the_resume_link(agency_link, instrument):
    first = Client()
    token = agency_link.token
    first.get(reverse("survey:start", args=[token]))
    answer_about_you(first, token)
    answer_page(first, token, instrument, 1, value="2")
    answer_page(first, token, instrument, 2, value="2")
    url = _resume_url(first, token)
    later = Client()
    resumed = later.get(url)
    assert resumed.status_code == 302
    assert resumed["Location"] == reverse("survey:questions", args=[token, 3])
    for number in range(3, len(factor_order(instrument)) + 1):
        assert answer_page(later, token, instrument, number).status_code == 302
    assert send(later, token).status_code == 302
    (response,) = Response.objects.all()
    first_factor = factor_order(instrument)[0]
    assert all(response.answers[i.id] == 2 for i in instrument.items_for(first_factor))
    assert not SurveyDraft.objects.exists()
    assert Client().get(url).status_code == 404, "a sent draft cannot be resumed"


def test_the_resume_link_holds_nothing_about_the_person_and_only_the_drafts_key(agency_link, client):
    token = agency_link.token
    client.get(reverse("survey:start", args=[token]))
    answer_about_you(client, token)
    url = _resume_url(client, token)
    key = url.rstrip("/").split("/")[-1]
    assert key == client.cookies["joinedup_survey_draft"].value
    assert len(key) >= 40
    assert set(SurveyDraft._meta.get_fields()).isdisjoint({"user", "session", "ip"})


def test_a_made_up_or_other_links_key_resumes_nothing(agency_link, any_agency_link, client):
    token = agency_link.token
    client.get(reverse("survey:start", args=[token]))
    answer_about_you(client, token)
    key = _resume_url(client, token).rstrip("/").split("/")[-1]
    other = Client()
    assert other.get(reverse("survey:resume", args=[token, "x" * 43])).status_code == 404
    assert other.get(reverse("survey:resume", args=[any_agency_link.token, key])).status_code == 404
    assert "joinedup_survey_draft" not in other.cookies or not other.cookies["joinedup_survey_draft"].value


def test_without_a_draft_there_is_no_resume_link(agency_link, client):
    response = client.get(reverse("survey:save_for_later", args=[agency_link.token]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "survey:start", args=[agency_link.token]
    )


def _close(a_round: Round, ago: timedelta) -> None:
    """Closed `ago`; every draft already made is dated a minute before the closing."""
    closed_at = timezone.now() - ago
    Round.objects.filter(pk=a_round.pk).update(status=RoundStatus.CLOSED, closed_at=closed_at)
    for draft in SurveyDraft.objects.all():
        draft.data = {**draft.data, "started_at": (closed_at - timedelta(minutes=1)).isoformat()}
        draft.save()


def test_someone_who_started_before_closing_can_send_within_the_grace_period(agency_link, instrument, client):
    token = agency_link.token
    client.get(reverse("survey:start", args=[token]))
    answer_about_you(client, token)
    _close(agency_link.round, timedelta(minutes=1))
    for number in range(1, len(factor_order(instrument)) + 1):
        assert answer_page(client, token, instrument, number).status_code == 302
    assert send(client, token)["Location"] == reverse("survey:sent", args=[token])
    assert Response.objects.count() == 1


def test_nobody_new_can_start_after_closing(agency_link, client):
    _close(agency_link.round, timedelta(minutes=1))
    assert client.get(reverse("survey:start", args=[agency_link.token])).status_code == 410
    assert answer_about_you(client, agency_link.token).status_code == 410


def _press_send(client: Client, token: str, key: str):
    return client.post(reverse("survey:send", args=[token]), {"idempotency_key": key})


def test_a_draft_started_after_closing_does_not_count(agency_link, instrument, client):
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    _close(agency_link.round, timedelta(minutes=1))
    draft = SurveyDraft.objects.get()
    draft.data = {**draft.data, "started_at": timezone.now().isoformat()}
    draft.save()
    assert _press_send(client, agency_link.token, key).status_code == 410
    assert not Response.objects.exists()


def test_after_the_grace_period_a_send_is_refused(agency_link, instrument, client):
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    _close(agency_link.round, timedelta(hours=24, minutes=1))
    assert _press_send(client, agency_link.token, key).status_code == 410
    assert not Response.objects.exists()


def test_the_sent_page_says_sent_only_to_a_browser_that_sent(agency_link, instrument, client):
    url = reverse("survey:sent", args=[agency_link.token])
    stranger = Client().get(url)
    assert stranger.status_code == 302
    assert "have been sent" not in stranger.content.decode()
    answer_and_send(client, agency_link.token, instrument)
    assert "Your answers have been sent" in client.get(url).content.decode()


def test_the_any_agency_link_asks_for_the_agency_and_records_the_choice(any_agency_link, instrument, client):
    agency = any_agency_link.round.partnership.agencies.get(name="Health visiting")
    page = client.get(reverse("survey:about_you", args=[any_agency_link.token])).content.decode()
    assert "Health visiting" in page and "Education" in page
    answer_and_send(client, any_agency_link.token, instrument, agency_id=agency.pk)
    assert Response.objects.get().agency == agency
