"""Visitors, the status each should get, database snapshots and form payloads for the URL walk."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from joinedup.io.structure_layouts import SHEETS
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
    """A checksum of every row of every table (but `UNCHECKED_TABLES`), by model."""
    sums = {}
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


_DATE_PARTS = {"day": "1", "month": "3", "year": "2026"}


def completed(form: Form, files: dict[str, SimpleUploadedFile] | None = None) -> dict[str, Any]:
    """What a person would send: the form as it stands, with every empty box filled in."""
    data: dict[str, Any] = {
        name: values if len(values) > 1 else values[0] for name, values in form.data().items()
    }
    for name, kind in form.empty:
        part = name.rsplit("-", 1)[-1]
        if part in _DATE_PARTS:
            data[name] = _DATE_PARTS[part]
        elif kind == "number":
            data[name] = "5"
        elif kind == "select":
            data[name] = next((v for v in form.choices.get(name, []) if v), "")
        elif kind != "file":
            data[name] = f"{B_MARKER} walk {name}"
    for name, values in form.choices.items():
        if name not in data and values:
            data[name] = values[0]
    data.pop("csrfmiddlewaretoken", None)
    data.update(files or {})
    return data


def upload_for(visit: Visit, world: World, owner: Client) -> dict[str, SimpleUploadedFile]:
    """A file the upload page would accept: B's own sheet or responses, downloaded by B."""
    match = resolve(visit.url)
    if visit.name == "structure:import":
        kind = match.kwargs["kind"]
        sheet = SHEETS[kind][0].name
        body = owner.get(reverse("structure:download_csv", args=[world.b.slug, kind, sheet]))
        return {"file": SimpleUploadedFile(f"{sheet}.csv", body.content, "text/csv")}
    if visit.name == "partnerships:round_import":
        body = owner.get(reverse("partnerships:round_export", args=[world.b.slug, world.b.closed.pk, "csv"]))
        return {"file": SimpleUploadedFile("answers.csv", body.content, "text/csv")}
    if visit.name == "evidence_browser:review_upload":
        text = b"Joint training improved trust between agencies (Smith, 2020).\n"
        return {"file": SimpleUploadedFile("review.txt", text, "text/plain")}
    return {}


def payload(visit: Visit, world: World, owner: Client) -> dict[str, Any]:
    """The data someone allowed to would post to `visit`: its own form, completed."""
    data: dict[str, Any] = dict(visit.query)
    page = get(owner, visit)
    form = _form_for(page.content.decode(errors="replace"), visit.url) if page.status_code == 200 else None
    if form is not None:
        data.update(completed(form, upload_for(visit, world, owner) if form.files else None))
    return data


def leaks(texts: Iterable[str], secrets: list[str]) -> list[str]:
    found = []
    for text in texts:
        lowered = text.lower()
        found.extend(secret for secret in secrets if secret.lower() in lowered)
    return sorted(set(found))
