"""The health check a load balancer polls: is this app server able to answer, database included."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache


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
