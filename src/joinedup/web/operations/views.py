"""The health check a load balancer polls: is this app server able to answer, database included."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from django.views.decorators.cache import never_cache

from .middleware import unavailable_response


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} after a one-row query, 503 when the database does not answer.

    It says nothing else (no version, no host, no counts), so it can be left open to anyone.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
        response["Retry-After"] = "10"
        return response
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, except a 503 with `Retry-After` when the database was unreachable.

    The middleware catches a view's database failure; this catches one raised before the view,
    such as a signed-in user's session being read while the database restarts.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return unavailable_response()
    return defaults.server_error(request)
