"""A respondent's answers in progress, kept in a `SurveyDraft` until they send them.

Nothing reaches the `Response` table until the final submit, so an abandoned survey leaves no
trace among the answers, and nothing of it is in the session, so a signed-in respondent's account
is never stored next to their answers. The browser holds the draft's random key in a cookie whose
path is the survey link, so one browser can hold two surveys (two rounds, two links) at once; the
database holds only the key's hash, so reading the table does not let anyone continue a draft.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.models import Invitation

from .models import DRAFT_LIFETIME, SurveyDraft

DRAFT_COOKIE = "joinedup_survey_draft"


@dataclass
class SurveyState:
    """`idempotency_key` is made once, at the start, and travels with the final form."""

    idempotency_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    agency_id: int | None = None
    role_group: str = ""
    answers: dict[str, int] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    pages_done: list[str] = field(default_factory=list)
    started_at: str = field(default_factory=lambda: timezone.now().isoformat())

    def started_before(self, moment: datetime) -> bool:
        """Whether answering began before `moment` (a round's closing), for the closing grace."""
        return datetime.fromisoformat(self.started_at) < moment

    @property
    def about_you_done(self) -> bool:
        return self.agency_id is not None and bool(self.role_group)

    def as_data(self) -> dict[str, object]:
        """The fields as the draft's JSON holds them. Shallow, unlike `asdict`, which copied every
        answer on every save; the values are plain dicts, lists and strings, stored at once."""
        return {item.name: getattr(self, item.name) for item in fields(self)}

    def mark_done(self, factor: str) -> None:
        if factor not in self.pages_done:
            self.pages_done.append(factor)


@dataclass
class Draft:
    """A state and the cookie key that finds it again; `key` is empty until first saved."""

    state: SurveyState
    key: str = ""


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _cookie_path(token: str) -> str:
    return reverse("survey:start", args=[token])


def _stored(request: HttpRequest, invitation: Invitation) -> SurveyDraft | None:
    key = request.COOKIES.get(DRAFT_COOKIE, "")
    if not key:
        return None
    return SurveyDraft.objects.filter(
        key_hash=_hash(key), invitation=invitation, updated_at__gte=timezone.now() - DRAFT_LIFETIME
    ).first()


def draft_with_invitation(request: HttpRequest, token: str) -> SurveyDraft | None:
    """This browser's live draft of the invitation whose own link is `token`, fetched with the
    invitation, its round, partnership and agency in one query: a question page then costs one
    round trip for both, where looking up the invitation and then the draft cost two. None without
    a draft cookie, or when the draft is gone or belongs to another link (a single-use link's
    drafts are found through its invitation, by `load_draft`)."""
    key = request.COOKIES.get(DRAFT_COOKIE, "")
    if not key:
        return None
    try:
        # get(), not first(): the key hash is unique, and first()'s ORDER BY cost a fifth of
        # compiling this query, which every question page and answer pays.
        return SurveyDraft.objects.select_related("invitation__round__partnership", "invitation__agency").get(
            key_hash=_hash(key), invitation__token=token, updated_at__gte=timezone.now() - DRAFT_LIFETIME
        )
    except SurveyDraft.DoesNotExist:
        return None


def as_draft(request: HttpRequest, stored: SurveyDraft) -> Draft:
    """The state of a draft found by `draft_with_invitation`, with the cookie key that found it."""
    return Draft(state=SurveyState(**stored.data), key=request.COOKIES[DRAFT_COOKIE])


def resume_key(request: HttpRequest, invitation: Invitation) -> str | None:
    """The key of this browser's draft for `invitation`, for the resume link; None without one."""
    return request.COOKIES[DRAFT_COOKIE] if _stored(request, invitation) is not None else None


def load_draft_by_key(key: str, invitation: Invitation) -> Draft | None:
    """The live draft of `invitation` whose key is `key` (a resume link's), or None."""
    stored = SurveyDraft.objects.filter(
        key_hash=_hash(key), invitation=invitation, updated_at__gte=timezone.now() - DRAFT_LIFETIME
    ).first()
    return None if stored is None else Draft(state=SurveyState(**stored.data), key=key)


def load_draft(request: HttpRequest, invitation: Invitation) -> Draft | None:
    stored = _stored(request, invitation)
    return None if stored is None else as_draft(request, stored)


def start_draft() -> Draft:
    """A fresh, unsaved draft with a new idempotency key, for a browser with none under way."""
    return Draft(state=SurveyState())


def save_draft(draft: Draft, invitation: Invitation, token: str, response: HttpResponse) -> HttpResponse:
    """Store the state and (re)set the cookie on the link's path (`token`, the invitation's own or
    a single-use link's), so the draft lives a day from its last change."""
    data, now = draft.state.as_data(), timezone.now()
    if draft.key:
        # One UPDATE in autocommit, not update_or_create's locking SELECT in a transaction: every
        # answer page saves here, and a row deleted meanwhile (sent from another tab) is recreated.
        saved = SurveyDraft.objects.filter(key_hash=_hash(draft.key)).update(
            invitation=invitation, data=data, updated_at=now
        )
    else:
        draft.key, saved = secrets.token_urlsafe(32), 0
    if not saved:
        SurveyDraft.objects.create(
            key_hash=_hash(draft.key), invitation=invitation, data=data, updated_at=now
        )
    response.set_cookie(
        DRAFT_COOKIE,
        draft.key,
        max_age=int(DRAFT_LIFETIME.total_seconds()),
        path=_cookie_path(token),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def delete_draft(request: HttpRequest) -> None:
    """Delete this browser's draft row, if it has one: a single DELETE (nothing listens to a
    draft's deletion), so the send does it inside the transaction that stores the response."""
    key = request.COOKIES.get(DRAFT_COOKIE, "")
    if key:
        SurveyDraft.objects.filter(key_hash=_hash(key)).delete()


def forget_draft(request: HttpRequest, token: str, response: HttpResponse) -> HttpResponse:
    """Delete the draft's cookie, once its row is gone."""
    if request.COOKIES.get(DRAFT_COOKIE, ""):
        response.delete_cookie(DRAFT_COOKIE, path=_cookie_path(token), samesite="Lax")
    return response


def discard_draft(request: HttpRequest, token: str, response: HttpResponse) -> HttpResponse:
    """Delete the draft's row and its cookie: nothing of the answers is kept outside `Response`."""
    delete_draft(request)
    return forget_draft(request, token, response)
