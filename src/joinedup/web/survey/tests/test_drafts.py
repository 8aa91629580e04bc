"""A survey in progress is kept where nothing links it to an account, and is gone within a day."""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.models import Response
from joinedup.web.partnerships.tests.builders import PASSWORD
from joinedup.web.survey.models import SurveyDraft
from joinedup.web.survey.state import DRAFT_COOKIE, SurveyState

from .flow import answer_about_you, answer_everything, answer_page, factor_order, send, send_key

pytestmark = pytest.mark.django_db
COMMENT = "Our budgets never line up, says Zebedee"


@pytest.fixture
def staff_client(client):
    """A staff member signed in through the real sign-in form, so a session row carries their id."""
    get_user_model().objects.create_user("staffer", password=PASSWORD, is_staff=True)
    signed_in = client.post(reverse("accounts:login"), {"username": "staffer", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert Session.objects.count() == 1
    return client


def _sessions_text() -> str:
    return repr([session.get_decoded() for session in Session.objects.all()])


def test_a_signed_in_respondents_session_never_holds_the_survey(staff_client, agency_link, instrument):
    token = agency_link.token
    staff_client.get(reverse("survey:start", args=[token]))
    answer_about_you(staff_client, token, role_group="team-leader")
    seen = [_sessions_text()]
    answer_everything(staff_client, token, instrument, value="2", role_group="team-leader")
    answer_page(staff_client, token, instrument, 2, value="5", comment=COMMENT)
    seen.append(_sessions_text())
    key = send_key(staff_client, token)
    seen.append(_sessions_text())
    assert send(staff_client, token).status_code == 302
    seen.append(_sessions_text())
    stored = Response.objects.get()
    assert stored.comments and COMMENT in stored.comments.values()
    user_id = str(get_user_model().objects.get().pk)
    for text in seen:
        assert user_id in text
        for secret in (
            COMMENT,
            "team-leader",
            "survey",
            token,
            key,
            "Education",
            "agency",
            "answers",
            "role",
        ):
            assert secret not in text, secret
        for item_id in instrument.item_ids():
            assert item_id not in text


def test_the_submission_key_is_stored_nowhere_but_the_anonymous_response(
    staff_client, agency_link, instrument
):
    answer_everything(staff_client, agency_link.token, instrument)
    key = send_key(staff_client, agency_link.token)
    send(staff_client, agency_link.token)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            found = key in repr(cursor.fetchall())
            assert found is (table == Response._meta.db_table), table


def test_a_draft_has_no_column_for_a_person_a_session_or_an_address():
    names = {field.name for field in SurveyDraft._meta.get_fields()}
    assert names == {"id", "key_hash", "invitation", "data", "updated_at"}
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, SurveyDraft._meta.db_table)
    assert {column.name for column in columns} == {"id", "key_hash", "invitation_id", "data", "updated_at"}


def test_the_database_holds_only_a_hash_of_the_browsers_key(client, agency_link):
    answer_about_you(client, agency_link.token)
    cookie = client.cookies[DRAFT_COOKIE]
    draft = SurveyDraft.objects.get()
    assert cookie.value not in draft.key_hash
    assert cookie["path"] == reverse("survey:start", args=[agency_link.token])
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 24 * 3600


def test_the_draft_is_gone_once_sent(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument)
    assert SurveyDraft.objects.count() == 1
    send(client, agency_link.token)
    assert not SurveyDraft.objects.exists()
    assert client.cookies[DRAFT_COOKIE].value == ""


def _age(hours: float) -> None:
    SurveyDraft.objects.update(updated_at=timezone.now() - timedelta(hours=hours))


def test_the_purge_command_deletes_drafts_older_than_a_day_only(
    client, agency_link, any_agency_link, instrument
):
    answer_about_you(client, agency_link.token)
    _age(25)
    answer_about_you(client, any_agency_link.token, agency_id=agency_link.agency_id)
    call_command("purge_survey_drafts")
    left = SurveyDraft.objects.get()
    assert left.invitation == any_agency_link


def test_opening_any_survey_purges_abandoned_drafts(client, agency_link, any_agency_link):
    answer_about_you(client, agency_link.token)
    _age(24.1)
    client.get(reverse("survey:start", args=[any_agency_link.token]))
    assert not SurveyDraft.objects.exists()


def test_a_draft_older_than_a_day_is_not_used_even_before_the_purge(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    _age(25)
    assert client.get(reverse("survey:check", args=[agency_link.token])).url == reverse(
        "survey:start", args=[agency_link.token]
    )
    expired = client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": key})
    assert expired.status_code == 400
    assert not Response.objects.exists()


def test_each_change_keeps_the_draft_a_day_longer(client, agency_link, instrument):
    answer_about_you(client, agency_link.token)
    _age(23)
    answer_page(client, agency_link.token, instrument, 1)
    call_command("purge_survey_drafts")
    assert SurveyDraft.objects.get().updated_at > timezone.now() - timedelta(minutes=1)


def test_a_saved_draft_holds_the_state_field_for_field(client, agency_link, instrument):
    """The draft's JSON is the state's fields (saved without `asdict`'s deep copy), read back whole."""
    client.get(reverse("survey:start", args=[agency_link.token]))
    answer_about_you(client, agency_link.token)
    answer_page(client, agency_link.token, instrument, 1, value="3", comment=COMMENT)
    stored = SurveyDraft.objects.get()
    state = SurveyState(**stored.data)
    assert stored.data == asdict(state)
    assert state.comments == {factor_order(instrument)[0]: COMMENT}
    assert set(state.answers.values()) == {3} and state.pages_done == [factor_order(instrument)[0]]
