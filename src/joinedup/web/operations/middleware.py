"""While the database is unreachable, say so with a 503 and a retry hint instead of a 500.

A PostgreSQL restart or failover makes every query fail for a few seconds with `OperationalError`
or `InterfaceError`. Those are not bugs in the page: the honest answer is "Service unavailable,
try again in a few seconds", which load balancers and browsers understand (`Retry-After`). The
page is rendered without the request, so drawing it needs no session, user or database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 10

logger = logging.getLogger("joinedup.operations")


def unavailable_response() -> HttpResponse:
    response = HttpResponse(
        render_to_string("operations/unavailable.html", {"retry_after": RETRY_AFTER_SECONDS}), status=503
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database connection failure raised by a view into a 503 page with `Retry-After`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # The exception's class only: its text can hold a query with someone's answers in it.
        logger.warning("database unavailable: %s", type(exception).__name__, extra={"status": 503})
        return unavailable_response()
