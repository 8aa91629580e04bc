"""A respondent's answers in progress, kept in their session until they send them.

Nothing reaches the `Response` table until the final submit, so an abandoned survey
leaves no trace among the answers. The state is keyed by invitation token so that
one browser can hold two surveys (two rounds) without mixing them.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field
from typing import Any

from django.contrib.sessions.backends.base import SessionBase

_SESSION_PREFIX = "survey:"


@dataclass
class SurveyState:
    """`idempotency_key` is made once, at the start, and travels with the final form."""

    idempotency_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    agency_id: int | None = None
    role_group: str = ""
    answers: dict[str, int] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    pages_done: list[str] = field(default_factory=list)

    @property
    def about_you_done(self) -> bool:
        return self.agency_id is not None and bool(self.role_group)

    def mark_done(self, factor: str) -> None:
        if factor not in self.pages_done:
            self.pages_done.append(factor)


def _key(token: str) -> str:
    return f"{_SESSION_PREFIX}{token}"


def load_state(session: SessionBase, token: str) -> SurveyState | None:
    stored: dict[str, Any] | None = session.get(_key(token))
    return SurveyState(**stored) if stored else None


def start_state(session: SessionBase, token: str) -> SurveyState:
    """The state already under way, or a fresh one with a new idempotency key."""
    state = load_state(session, token)
    if state is None:
        state = SurveyState()
        save_state(session, token, state)
    return state


def save_state(session: SessionBase, token: str, state: SurveyState) -> None:
    session[_key(token)] = asdict(state)


def clear_state(session: SessionBase, token: str) -> None:
    """Forget the answers; an otherwise empty session is deleted outright.

    Django does not write an emptied session back to the database, so without the
    flush the last saved copy of the answers would linger in the session table.
    """
    session.pop(_key(token), None)
    if session.keys():
        session.modified = True
    else:
        session.flush()
