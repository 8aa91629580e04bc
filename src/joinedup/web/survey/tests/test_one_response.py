"""One complete response per browser per round, by a signed marker that identifies nobody."""

from __future__ import annotations

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse

from joinedup.web.partnerships.models import Agency, Response
from joinedup.web.partnerships.tests.builders import add_member, make_round, make_user
from joinedup.web.survey.marker import SENT_COOKIE_PREFIX
from joinedup.web.survey.models import SurveyDraft
from joinedup.web.survey.state import DRAFT_COOKIE

from .flow import answer_about_you, answer_and_send, answer_everything, send_key

pytestmark = pytest.mark.django_db
ALREADY = "You have already sent your answers for this round"


def test_a_second_complete_response_from_the_same_browser_is_refused_and_not_stored(
    client, agency_link, any_agency_link, instrument
):
    """Started on the general link in another tab before sending on the agency link."""
    health = Agency.objects.get(name="Health visiting")
    answer_everything(client, any_agency_link.token, instrument, agency_id=health.pk)
    other_tab_key = send_key(client, any_agency_link.token)
    other_tab_draft = client.cookies[DRAFT_COOKIE].value
    assert answer_and_send(client, agency_link.token, instrument).status_code == 302
    # A browser keeps one draft cookie per link path; the test client keeps one per name.
    client.cookies[DRAFT_COOKIE] = other_tab_draft
    refused = client.post(
        reverse("survey:send", args=[any_agency_link.token]), {"idempotency_key": other_tab_key}
    )
    assert refused.status_code == 409
    assert ALREADY in refused.content.decode()
    assert Response.objects.count() == 1
    assert not SurveyDraft.objects.exists()


@pytest.mark.parametrize("page", ["start", "about_you", "check"])
def test_every_page_of_the_round_says_the_answers_were_sent(
    client, agency_link, any_agency_link, instrument, page
):
    answer_and_send(client, agency_link.token, instrument)
    for link in (agency_link, any_agency_link):
        refused = client.get(reverse(f"survey:{page}", args=[link.token]))
        assert refused.status_code == 409
        assert ALREADY in refused.content.decode()
    assert answer_about_you(client, agency_link.token).status_code == 409
    assert Response.objects.count() == 1


def test_the_sent_page_and_a_repeated_send_still_confirm(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    url = reverse("survey:send", args=[agency_link.token])
    assert client.post(url, {"idempotency_key": key}).status_code == 302
    repeat = client.post(url, {"idempotency_key": key})
    assert repeat.url == reverse("survey:sent", args=[agency_link.token])
    assert client.get(repeat.url).status_code == 200
    assert Response.objects.count() == 1


def test_with_the_mode_off_one_browser_can_send_several(client, agency_link, instrument):
    agency_link.round.one_response_per_browser = False
    agency_link.round.save()
    for _ in range(3):
        assert answer_and_send(client, agency_link.token, instrument).status_code == 302
    assert Response.objects.count() == 3


def test_another_browser_and_another_round_are_not_refused(client, agency_link, instrument, partnership):
    answer_and_send(client, agency_link.token, instrument)
    assert answer_and_send(Client(), agency_link.token, instrument).status_code == 302
    autumn = make_round(partnership, name="Autumn")
    assert (
        answer_and_send(
            client, autumn.invitations.get(agency__name="Education").token, instrument
        ).status_code
        == 302
    )
    assert Response.objects.count() == 3


def test_a_marker_cannot_be_copied_to_another_round_or_forged(client, agency_link, instrument, partnership):
    answer_and_send(client, agency_link.token, instrument)
    spring_marker = client.cookies[f"{SENT_COOKIE_PREFIX}{agency_link.round.pk}"].value
    autumn = make_round(partnership, name="Autumn")
    autumn_link = autumn.invitations.get(agency__name="Education")
    other = Client()
    other.cookies[f"{SENT_COOKIE_PREFIX}{autumn.pk}"] = spring_marker
    assert other.get(reverse("survey:start", args=[autumn_link.token])).status_code == 200
    other.cookies[f"{SENT_COOKIE_PREFIX}{autumn.pk}"] = f"[{autumn.pk}]:forged"
    assert answer_and_send(other, autumn_link.token, instrument).status_code == 302


def test_the_marker_holds_only_the_round_and_a_nonce_and_is_stored_nowhere(client, agency_link, instrument):
    answer_and_send(client, agency_link.token, instrument)
    cookie = client.cookies[f"{SENT_COOKIE_PREFIX}{agency_link.round.pk}"]
    round_id, nonce = signing.loads(cookie.value, salt="joinedup.survey.sent")
    assert round_id == agency_link.round.pk
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/survey/"
    assert int(cookie["max-age"]) >= 365 * 24 * 3600
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            assert nonce not in repr(cursor.fetchall()), table


def test_the_round_page_says_which_mode_is_on_and_the_coordinator_switches_it(
    client, agency_link, partnership
):
    coordinator = make_user("coordinator")
    add_member(partnership, coordinator)
    client.force_login(coordinator)
    a_round = agency_link.round
    page = client.get(a_round.get_absolute_url()).content.decode()
    assert "One: a browser that has sent its answers cannot send another set" in page
    url = reverse("partnerships:round_response_mode", args=[partnership.slug, a_round.pk])
    assert url in page
    refused = client.post(url, {})
    assert refused.status_code == 200
    assert "Select how many sets of answers one browser can send" in refused.content.decode()
    assert "govuk-error-summary" in refused.content.decode()
    assert client.post(url, {"mode": "several"}).status_code == 302
    a_round.refresh_from_db()
    assert a_round.one_response_per_browser is False
    assert (
        "Several: people can answer one after another"
        in client.get(a_round.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("role", ["viewer", "partner_lead"])
def test_only_a_coordinator_can_switch_the_mode(client, agency_link, partnership, role):
    member = make_user("member")
    add_member(partnership, member, role=role)
    client.force_login(member)
    url = reverse("partnerships:round_response_mode", args=[partnership.slug, agency_link.round.pk])
    assert client.post(url, {"mode": "several"}).status_code == 403
    assert url not in client.get(agency_link.round.get_absolute_url()).content.decode()
    agency_link.round.refresh_from_db()
    assert agency_link.round.one_response_per_browser is True
