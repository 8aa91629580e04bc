"""Django's PostgreSQL backend, with a health check that asks the socket before the server.

With `CONN_HEALTH_CHECKS`, Django checks a reused connection before each request's first query by
sending `SELECT 1` and waiting for the answer. That round trip is a third of the queries of a
survey page, and on a busy 2-core server each round trip is also a wait for the database process
to be scheduled. A connection that the server has closed (a restart, a failover, an
administrator's `pg_terminate_backend`) is not silent, though: the server sends its "terminating
connection" notice and closes the socket, so the socket has something to read. An idle
connection whose socket has nothing to read has not been closed by the server, and is used as it
is; one with something waiting gets Django's `SELECT 1` check, which fails on a closed connection
and makes Django reconnect before the request's query. A connection cut without a word (a
network partition) is not caught by either check in time: `SELECT 1` would wait for the
network's timeout just as the request's own query does.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base as postgresql
from psycopg.pq import TransactionStatus


class DatabaseWrapper(postgresql.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE or _has_something_to_read(
            connection.fileno()
        ):
            return bool(super().is_usable())
        return True


def _has_something_to_read(descriptor: int) -> bool:
    """Whether the server has sent anything (or closed the socket) on an idle connection, without
    reading it: libpq reads a connection's socket only while a query runs, so between requests
    anything there is unasked for."""
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLPRI)
    try:
        return bool(poller.poll(0))
    except OSError:
        return True
