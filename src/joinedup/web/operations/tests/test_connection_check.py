"""A reused PostgreSQL connection is checked before each request without a round trip, and a
connection the server closed is still replaced before the request's first query."""

from __future__ import annotations

import socket
import time
from unittest import mock

import pytest
from django.conf import settings
from django.db import close_old_connections, connection

from joinedup.web.partnerships.models import Partnership
from joinedup.web.postgresql.base import _has_something_to_read

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the check is PostgreSQL's; SQLite has no socket"
)


def test_a_quiet_socket_has_nothing_to_read_and_a_closed_or_talking_one_has():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        assert not _has_something_to_read(ours.fileno())
        theirs.sendall(b"E")
        assert _has_something_to_read(ours.fileno())
    quiet, closing = socket.socketpair()
    with quiet:
        closing.close()
        assert _has_something_to_read(quiet.fileno())


@on_postgresql
@pytest.mark.postgres
def test_postgresql_uses_the_backend_with_the_quiet_check():
    assert settings.DATABASES["default"]["ENGINE"] == "joinedup.web.postgresql"
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_quiet_connection_is_reused_without_asking_the_server():
    connection.close()  # a fresh connection, well within CONN_MAX_AGE
    Partnership.objects.count()
    raw = connection.connection
    close_old_connections()
    with mock.patch.object(raw, "cursor", side_effect=AssertionError("the check sent a query")):
        connection.close_if_health_check_failed()
    assert connection.connection is raw


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_closed_is_replaced_before_the_next_query():
    connection.close()
    Partnership.objects.count()
    raw = connection.connection
    backend = raw.info.backend_pid
    administrator = connection.copy()
    with administrator.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [backend])
    administrator.close()
    deadline = time.monotonic() + 5
    while not _has_something_to_read(raw.fileno()) and time.monotonic() < deadline:
        time.sleep(0.01)
    close_old_connections()
    assert Partnership.objects.count() >= 0
    assert connection.connection is not raw
    assert connection.connection.info.backend_pid != backend


@on_postgresql
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_query_run_again_and_again_on_a_connection_is_planned_once():
    """The survey's pages repeat a handful of queries on each kept connection; PostgreSQL plans
    each one once and keeps it (psycopg prepares a statement from its fifth run)."""
    assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True
    for name in ("one", "two", "three", "four", "five", "six"):
        Partnership.objects.filter(name=name).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "partnerships_partnership"' in statement for statement in prepared)
