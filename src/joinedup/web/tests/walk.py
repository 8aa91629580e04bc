"""Visitors, the status each should get, database snapshots and form payloads for the URL walk."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from joinedup.io.structure_layouts import SHEETS
from joinedup.learning.synthetic import synthetic_records
from joinedup.web.partnerships.models import Role

from .html_forms import Form, parse
from .partition_fixtures import B_MARKER, World, client_for
from .url_catalogue import (
    ACCOUNT_PERMISSIONS,
    INVITEE,
    PUBLIC,
    ROLE_PERMISSIONS,
    SIGNED_IN,
    TOKEN,
    Visit,
)

SIGN_IN = "sign in"
"""Expected outcome: a redirect to the sign-in page."""
UNCHECKED_TABLES = {"sessions", "axes", "admin"}
"""Apps whose rows a refused request may write: sessions (a visitor's own), sign-in lockout
records and the admin log, none of them partnership data."""


@dataclass
class Visitor:
    name: str
    client: Client
    role_in_b: str | None = None
    signed_in: bool = True
    account: frozenset[str] = frozenset()


def visitors(world: World) -> list[Visitor]:
    """Every kind of visitor, all looking at B's objects."""
    respondent = client_for(None)
    respondent.get(reverse("survey:start", args=[world.b.open_token]))
    staff = frozenset(ACCOUNT_PERMISSIONS)
    return [
        Visitor("anonymous", client_for(None), signed_in=False),
        Visitor("respondent with B's survey link", respondent, signed_in=False),
        Visitor("signed in, no membership", client_for(world.outsider)),
        Visitor("A's viewer", client_for(world.a.viewer)),
        Visitor("A's partner lead", client_for(world.a.lead)),
        Visitor("A's coordinator", client_for(world.a.coordinator)),
        Visitor("staff", client_for(world.staff), account=staff),
        Visitor("superuser", client_for(world.superuser), account=staff),
        Visitor("B's viewer", client_for(world.b.viewer), role_in_b=Role.VIEWER),
        Visitor("B's partner lead", client_for(world.b.lead), role_in_b=Role.PARTNER_LEAD),
        Visitor("B's coordinator", client_for(world.b.coordinator), role_in_b=Role.COORDINATOR),
    ]


def allowed(permission: str, visitor: Visitor) -> bool:
    if permission in {PUBLIC, TOKEN}:
        return True
    if permission == SIGNED_IN:
        return visitor.signed_in
    if permission == INVITEE:
        return False
    if permission in ACCOUNT_PERMISSIONS:
        return permission in visitor.account
    return visitor.role_in_b is not None and permission in ROLE_PERMISSIONS[visitor.role_in_b]


def refusal(permission: str, visitor: Visitor) -> int | str:
    """How a visitor who may not use the URL is turned away."""
    if not visitor.signed_in:
        return SIGN_IN
    if permission in ACCOUNT_PERMISSIONS or permission == SIGNED_IN:
        return 403
    if permission == INVITEE:
        return 404
    return 403 if visitor.role_in_b is not None else 404


def outcome(response: Any) -> int | str:
    """The status, or SIGN_IN for a redirect to the sign-in page."""
    if response.status_code == 302 and urlsplit(response["Location"]).path == reverse("accounts:login"):
        return SIGN_IN
    return int(response.status_code)


def get(client: Client, visit: Visit) -> Any:
    url = f"{visit.url}?{urlencode(visit.query)}" if visit.query else visit.url
    return client.get(url)


def snapshot() -> dict[str, str]:
    """A checksum of every row of every table (but `UNCHECKED_TABLES`), by model, and of the files
    in the evidence folder (the evidence review pages write there, not to the database)."""
    folder = getattr(settings, "JOINEDUP_EVIDENCE_DIR", None)
    files = sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*")) if folder else []
    sums = {"evidence folder": hashlib.sha256(repr(files).encode()).hexdigest()}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label in UNCHECKED_TABLES or meta.proxy or not meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digest = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
        sums[meta.label] = digest
    return sums


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in after if before.get(label) != after[label])


def _form_for(html: str, url: str) -> Form | None:
    """The page's POST form that posts back to `url` (or to the page itself)."""
    for form in parse(html).forms:
        if form.method == "post" and (form.action in {"", url} or urlsplit(form.action).path == url):
            return form
    return None


_PAST = {"day": "1", "month": "3", "year": "2026"}
_FUTURE = {"day": "1", "month": "3", "year": str(date.today().year + 1)}
_FUTURE_DATES = ("due", "target_date", "closes_on", "end")
"""Date fields that must lie ahead (a due date); every other date is put in the past (an update)."""


def completed(form: Form, files: dict[str, SimpleUploadedFile] | None = None) -> dict[str, Any]:
    """What a person would send: the form as it stands, with every empty box filled in."""
    data: dict[str, Any] = {
        name: values if len(values) > 1 else values[0] for name, values in form.data().items()
    }
    for name, kind in form.empty:
        field, _, part = name.rpartition("-")
        if part in _PAST:
            data[name] = (_FUTURE if field.startswith(_FUTURE_DATES) else _PAST)[part]
        elif kind == "number":
            data[name] = "5"
        elif kind == "select":
            data[name] = next((v for v in form.choices.get(name, []) if v), "")
        elif kind != "file":
            data[name] = f"{B_MARKER} walk {name}"
    for name, values in form.choices.items():
        if name not in data and values:
            data[name] = next((v for v in values if v), values[0])
    data.pop("csrfmiddlewaretoken", None)
    data.update(files or {})
    return data


REVIEW_TEXT = (
    b"Integrated working review\n\nJoint training of staff from different agencies improved trust "
    b"and communication between professionals (Smith, 2020). Co-location of teams was associated "
    b"with better information sharing (Jones and Brown, 2019).\n\nReferences\n\n"
    b"Smith, A. (2020). Joint training in children's services. Journal of Integrated Care, 28(2), 1-10.\n"
    b"Jones, B. and Brown, C. (2019). Co-located teams. Child Care in Practice, 25(1), 20-30.\n"
)


def upload_for(visit: Visit, form: Form, world: World, owner: Client) -> dict[str, SimpleUploadedFile]:
    """A file the upload page would accept, with something new in it: B's own sheet (downloaded by
    B's coordinator, every name changed so the import has work to do), B's responses, learning
    records, a review."""
    match = resolve(visit.url)
    name = form.files[0]
    if visit.name == "structure:import":
        kind = match.kwargs["kind"]
        sheet = SHEETS[kind][0].name
        body = owner.get(reverse("structure:download_csv", args=[world.b.slug, kind, sheet])).content
        walked = f"{B_MARKER}-walk"
        changed = body.replace(B_MARKER.encode(), walked.encode())
        for agency in world.b.agencies:  # agencies must stay the partnership's own
            changed = changed.replace(agency.name.replace(B_MARKER, walked).encode(), agency.name.encode())
        return {name: SimpleUploadedFile(f"{sheet}.csv", changed, "text/csv")}
    if visit.name == "learning:import":
        records = json.dumps(synthetic_records(1, seed=17)).encode()
        return {name: SimpleUploadedFile("records.json", records, "application/json")}
    if visit.name == "partnerships:round_import":
        rows = owner.get(reverse("partnerships:round_export", args=[world.b.slug, world.b.closed.pk, "csv"]))
        return {name: SimpleUploadedFile("answers.csv", rows.content, "text/csv")}
    return {name: SimpleUploadedFile("review.txt", REVIEW_TEXT, "text/plain")}


def _the_other_choice(name: str) -> Any:
    """The choice the form does not have now, so posting it changes something."""

    def pick(form: Form | None) -> str:
        current = form.data().get(name, []) if form else []
        choices = form.choices.get(name, []) if form else []
        return next(value for value in choices if value and [value] != current)

    return pick


OVERRIDES: dict[str, dict[str, Any]] = {
    "partnerships:member_add": {"who": "new.member@example.org"},
    "partnerships:invitation_edit": {"invited": "11"},
    "partnerships:round_create": {"reminder_days": "7"},
    "partnerships:round_edit": {"reminder_days": "7"},
    "partnerships:round_emails": {"addresses": "someone@example.org"},
    "partnerships:round_response_mode": {"mode": _the_other_choice("mode")},
    "reporting:accept": {"success_measure": "Signed agreement in the board minutes"},
    "structure:action_add": {
        "what": f"{B_MARKER} walk: agree a shared referral form with every agency",
        "success_measure": "Signed agreement in the board minutes",
    },
    "structure:action_edit": {"success_measure": "40 staff trained by the end of March"},
    "structure:reading_edit": {"note": f"{B_MARKER} walk corrected note"},
    "structure:update_edit": {"note": f"{B_MARKER} walk corrected note"},
}
"""Values a completed form needs beyond its current ones, so that posting it changes something."""


def payload(visit: Visit, world: World, owner: Client) -> dict[str, Any]:
    """The data someone allowed to would post to `visit`: its own form, completed."""
    data: dict[str, Any] = dict(visit.query)
    page = get(owner, visit)
    form = _form_for(page.content.decode(errors="replace"), visit.url) if page.status_code == 200 else None
    if form is not None:
        data.update(completed(form, upload_for(visit, form, world, owner) if form.files else None))
    data.update(
        {
            name: value(form) if callable(value) else value
            for name, value in OVERRIDES.get(visit.name, {}).items()
        }
    )
    return data


def leaks(texts: Iterable[str], secrets: list[str]) -> list[str]:
    found: list[str] = []
    for text in texts:
        lowered = text.lower()
        found.extend(secret for secret in secrets if secret.lower() in lowered)
    return sorted(set(found))
