"""The "already sent" marker: one complete response per browser per round, without knowing who.

On a successful send the browser gets a long-lived cookie holding only the round's id and a random
nonce, signed so that it cannot be forged for another round. Nothing is stored on the server: the
marker is checked against the signature alone, so it cannot be linked to the response it follows.
It stops the easy repeat (the same browser answering again and again), not a determined person
with a second browser; per-person links are the stronger option.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from joinedup.web.partnerships.models import Round

SENT_COOKIE_PREFIX = "joinedup_sent_"
MARKER_LIFETIME = timedelta(days=400)
_SALT = "joinedup.survey.sent"


def _name(a_round: Round) -> str:
    return f"{SENT_COOKIE_PREFIX}{a_round.pk}"


def _survey_root() -> str:
    """`/survey/`: every link of every round lies under it, so the marker reaches them all."""
    return reverse("survey:start", args=["_"]).removesuffix("_/")


def has_sent(request: HttpRequest, a_round: Round) -> bool:
    value = request.COOKIES.get(_name(a_round), "")
    if not value:
        return False
    try:
        data = signing.loads(value, salt=_SALT)
    except signing.BadSignature:
        return False
    return isinstance(data, list) and bool(data) and data[0] == a_round.pk


def mark_sent(response: HttpResponse, a_round: Round) -> HttpResponse:
    value = signing.dumps([a_round.pk, secrets.token_urlsafe(8)], salt=_SALT)
    response.set_cookie(
        _name(a_round),
        value,
        max_age=int(MARKER_LIFETIME.total_seconds()),
        path=_survey_root(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
