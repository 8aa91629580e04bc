"""While the database is down every page says 503 with a retry hint; other failures stay 500s."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.db import IntegrityError, InterfaceError, OperationalError
from django.test import Client
from django.urls import reverse

from joinedup.web.partnerships.tests.builders import make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db


def _failing(error: Exception):
    """Every query fails the way a restarting PostgreSQL makes it fail."""
    return mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=error)


@pytest.fixture
def survey_url() -> str:
    a_round = make_round(make_partnership())
    return reverse("survey:start", args=[a_round.invitations.exclude(agency=None)[0].token])


@pytest.mark.parametrize(
    "error", [OperationalError("server closed the connection"), InterfaceError("closed")]
)
def test_a_survey_page_during_a_database_outage_is_a_503_with_retry_after(survey_url, error):
    client = Client(raise_request_exception=False)
    with _failing(error):
        response = client.get(survey_url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Sorry, the service is unavailable" in body
    assert "server closed the connection" not in body


def test_a_send_during_a_database_outage_is_a_503_not_a_500(survey_url):
    client = Client(raise_request_exception=False)
    client.get(survey_url)
    with _failing(OperationalError("connection refused")):
        response = client.post(f"{survey_url}send/", {"idempotency_key": "k" * 20})
    assert response.status_code == 503


def test_the_page_works_again_once_the_database_is_back(survey_url):
    client = Client(raise_request_exception=False)
    with _failing(OperationalError("down")):
        assert client.get(survey_url).status_code == 503
    assert client.get(survey_url).status_code == 200


def test_a_database_error_that_is_not_an_outage_is_still_a_server_error(survey_url):
    client = Client(raise_request_exception=False)
    with _failing(IntegrityError("duplicate key")):
        response = client.get(survey_url)
    assert response.status_code == 500


def test_the_health_check_says_ok_to_anyone_without_signing_in(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_health_check_says_unavailable_when_the_database_does_not_answer(client):
    with _failing(OperationalError("connection refused")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert json.loads(response.content)["status"] == "unavailable"
    assert response["Retry-After"]


def test_a_signed_in_page_whose_session_cannot_be_read_is_a_503_too():
    client = Client(raise_request_exception=False)
    client.force_login(make_user("coordinator"))
    with _failing(OperationalError("the database system is shutting down")):
        response = client.get(reverse("partnerships:home"))
    assert response.status_code == 503
    assert response["Retry-After"]
