"""Nothing that could identify a respondent is stored with an answer, in the model or the database."""

from __future__ import annotations

import logging

import pytest
from django.db import connection, models
from django.urls import reverse

from joinedup.web.partnerships.models import Response

from .flow import answer_everything, send_key

ALLOWED = {
    "id",
    "round",
    "agency",
    "role_group",
    "submitted_on",
    "answers",
    "comments",
    "idempotency_key",
    "import_batch",
}
RESPONDENT_IP = "203.0.113.77"
RESPONDENT_AGENT = "QuiteUniqueBrowser/9.9"


def test_the_model_has_no_identifying_field_and_keeps_only_the_date():
    names = {field.name for field in Response._meta.get_fields()}
    assert names == ALLOWED
    assert not any(
        isinstance(field, models.DateTimeField | models.GenericIPAddressField)
        for field in Response._meta.get_fields()
    )
    assert type(Response._meta.get_field("submitted_on")) is models.DateField
    assert not any(
        field.related_model and field.related_model._meta.label == "auth.User"
        for field in Response._meta.get_fields()
    )


@pytest.mark.django_db
def test_the_database_table_has_no_identifying_column_and_a_date_column():
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, Response._meta.db_table)
    names = {column.name for column in columns}
    assert names == {
        "id",
        "round_id",
        "agency_id",
        "role_group",
        "submitted_on",
        "answers",
        "comments",
        "idempotency_key",
        "import_batch_id",
    }
    submitted = next(column for column in columns if column.name == "submitted_on")
    assert connection.introspection.get_field_type(submitted.type_code, submitted) == "DateField"


@pytest.mark.django_db
def test_a_respondent_ip_and_browser_appear_in_no_table_and_no_log(client, agency_link, instrument, caplog):
    client.defaults.update(REMOTE_ADDR=RESPONDENT_IP, HTTP_USER_AGENT=RESPONDENT_AGENT)
    caplog.set_level(logging.DEBUG)
    answer_everything(client, agency_link.token, instrument)
    client.post(
        reverse("survey:send", args=[agency_link.token]),
        {"idempotency_key": send_key(client, agency_link.token)},
    )
    assert Response.objects.count() == 1
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            dump = repr(cursor.fetchall())
            assert RESPONDENT_IP not in dump, table
            assert RESPONDENT_AGENT not in dump, table
    assert RESPONDENT_IP not in caplog.text
    assert RESPONDENT_AGENT not in caplog.text


@pytest.mark.django_db
def test_a_respondent_never_gets_a_session_and_the_draft_goes_once_sent(client, agency_link, instrument):
    from django.contrib.sessions.models import Session

    from joinedup.web.survey.models import SurveyDraft

    answer_everything(client, agency_link.token, instrument)
    assert SurveyDraft.objects.count() == 1
    assert not Session.objects.exists()
    client.post(
        reverse("survey:send", args=[agency_link.token]),
        {"idempotency_key": send_key(client, agency_link.token)},
    )
    assert not SurveyDraft.objects.exists()
    assert not Session.objects.exists()
