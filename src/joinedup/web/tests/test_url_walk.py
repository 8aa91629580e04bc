"""Every URL of the app, visited by every kind of visitor with another partnership's objects.

The URLs come from the resolver (`url_catalogue.patterns`), so a URL added later is walked too;
one the catalogue cannot fill, or has no rule for, fails `test_every_url_pattern_is_walked`.
Each URL is filled with B's objects and visited by anonymous people, a survey respondent, an
account with no membership, A's viewer, partner lead and coordinator, staff, a superuser, and
B's own three roles. Outsiders get a 404 (anonymous people are sent to sign in), B's members get
the page or a 403 as their role allows. A's coordinator also gets every URL of A (so the ids are
real ones) and every URL of A with B's ids in it (404). POSTs by anyone refused change no row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from joinedup.web.partnerships.access import EDIT_EVIDENCE, MANAGE
from joinedup.web.partnerships.models import Role

from .partition_fixtures import World, client_for
from .url_catalogue import (
    ACCOUNT_PERMISSIONS,
    INVITEE,
    ROLE_PERMISSIONS,
    RULES,
    Pattern,
    UnfilledPattern,
    Visit,
    fill,
    mixed_visits,
    patterns,
)
from .walk import (
    Visitor,
    allowed,
    changed_tables,
    get,
    outcome,
    payload,
    refusal,
    snapshot,
    visitors,
)

pytestmark = pytest.mark.django_db


def _walked() -> list[Pattern]:
    """The patterns to visit; one without a rule fails `test_every_url_pattern_is_walked`."""
    return [p for p in patterns() if p.skipped is None and p.name in RULES]


def test_every_url_pattern_is_walked(world: World) -> None:
    """A URL with no rule, or with an argument the walk cannot fill, fails here until it is added."""
    problems = []
    for pattern in patterns():
        if pattern.skipped:
            continue
        if pattern.name not in RULES:
            problems.append(f"{pattern.route} ({pattern.name}): no rule in url_catalogue.RULES")
            continue
        for side in (world.a, world.b):
            try:
                fill(pattern, side)
            except UnfilledPattern as error:
                problems.append(str(error))
    stale = set(RULES) - {p.name for p in patterns()}
    assert not problems, "\n".join(problems)
    assert not stale, f"rules for URLs that no longer exist: {sorted(stale)}"
    assert len(_walked()) >= 70


def _check_get(visitor: Visitor, pattern: Pattern, visit: Visit, failures: list[str]) -> None:
    rule = RULES[pattern.name]
    if allowed(rule.get, visitor) and rule.heavy:
        least = min(
            (r for r, granted in ROLE_PERMISSIONS.items() if rule.get in granted),
            key=lambda r: len(ROLE_PERMISSIONS[r]),
        )
        if visitor.role_in_b != least or visit.url.endswith(".pdf"):
            return
    response = get(visitor.client, visit)
    got = outcome(response)
    if allowed(rule.get, visitor):
        wanted: set[Any] = set(rule.allowed_get)
    else:
        wanted = {refusal(rule.get, visitor)}
        if rule.post_only:
            wanted.add(405)
    if got not in wanted:
        failures.append(f"GET {visit.url} as {visitor.name}: {got}, expected {sorted(map(str, wanted))}")


def test_each_visitor_gets_the_status_their_role_allows(world: World) -> None:
    everyone = visitors(world)
    failures: list[str] = []
    for pattern in _walked():
        for visit in fill(pattern, world.b):
            for visitor in everyone:
                _check_get(visitor, pattern, visit, failures)
    assert not failures, f"{len(failures)} wrong answers:\n" + "\n".join(failures)


def test_a_coordinator_reaches_a_but_not_b_objects_through_a(world: World) -> None:
    """A's own URLs work for A's coordinator (so the walk's ids are real), but A's slug with one of
    B's ids (a tampered link) is a 404, whatever the URL and method."""
    coordinator = client_for(world.a.coordinator)
    as_member = Visitor("A's coordinator on A", coordinator, role_in_b=Role.COORDINATOR)
    failures: list[str] = []
    for pattern in _walked():
        rule = RULES[pattern.name]
        for visit in fill(pattern, world.a):
            if visit.url.endswith(".pdf"):
                continue
            got = outcome(get(coordinator, visit))
            wanted = set(rule.allowed_get) if allowed(rule.get, as_member) else {refusal(rule.get, as_member)}
            if rule.post_only:
                wanted.add(405)
            if got not in wanted:
                failures.append(
                    f"GET {visit.url} (A's own) as A's coordinator: {got}, expected {set(wanted)}"
                )
    tampered = [(RULES[p.name], visit) for p in _walked() for visit in mixed_visits(p, world.a, world.b)]
    before = snapshot()
    for rule, visit in tampered:
        got = outcome(get(coordinator, visit))
        if got not in ({404, 405} if rule.post_only else {404}):
            failures.append(f"GET {visit.url} (A's slug, B's ids): {got}, expected 404")
        got = outcome(coordinator.post(visit.url, visit.query))
        if got != 404:
            failures.append(f"POST {visit.url} (A's slug, B's ids): {got}, expected 404")
    changed = changed_tables(before, snapshot())
    if changed:
        failures.append(f"POSTs with A's slug and B's ids changed {changed}")
    assert not failures, "\n".join(failures)


PRECEDING = {"evidence_browser:review_claims": ("evidence_browser:review_upload",)}
"""Steps that must come first: the claims page decides on what an uploaded review proposed."""


def _poster(world: World, permission: str) -> Any:
    """Someone allowed to post: the invitee, staff for account permissions, else B's coordinator."""
    if permission == INVITEE:
        return client_for(world.b.member_invitation.user)
    if permission in ACCOUNT_PERMISSIONS:
        return client_for(world.staff)
    return client_for(world.b.coordinator)


def _poster_kind(permission: str) -> str:
    if permission == INVITEE:
        return INVITEE
    return EDIT_EVIDENCE if permission in ACCOUNT_PERMISSIONS else MANAGE


def _rewound(data: dict[str, Any]) -> dict[str, Any]:
    """The data with every uploaded file back at its start, so each post sends the whole file."""
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)
    return data


def _evidence_files() -> set[Path]:
    folder = settings.JOINEDUP_EVIDENCE_DIR
    assert folder, "the test settings name an evidence folder"
    return set(Path(folder).rglob("*"))


def _writes(poster: Any, pattern: Pattern, visit: Visit, data: dict[str, Any], world: World) -> str | None:
    """Post as someone allowed to, then undo it: a complaint if the post changed nothing."""
    savepoint = transaction.savepoint()
    files = _evidence_files()
    try:
        for step in PRECEDING.get(pattern.name, ()):
            poster.post(reverse(step), payload(Visit(step, reverse(step)), world, poster))
            data = payload(visit, world, poster)
        before = snapshot()
        response = poster.post(visit.url, _rewound(data))
        if changed_tables(before, snapshot()):
            return None
        return (
            f"control: POST {visit.url} {sorted(data)} by someone allowed changed nothing "
            f"({response.status_code})"
        )
    finally:
        transaction.savepoint_rollback(savepoint)
        for added in sorted(_evidence_files() - files, reverse=True):
            added.rmdir() if added.is_dir() else added.unlink()


def test_refused_posts_change_no_row(world: World) -> None:
    """Everyone refused posts what someone allowed would post (the URL's own form, completed):
    each gets the refusal their kind of visitor should get, and no row (and no evidence file)
    changes. The control: where the URL writes, the same payload posted by someone allowed does
    change stored data, so "nothing changed" means "refused", not "the form was invalid"."""
    everyone = visitors(world)
    posters = {permission: _poster(world, permission) for permission in (INVITEE, EDIT_EVIDENCE, MANAGE)}
    failures: list[str] = []
    checked = 0
    planned = []
    for pattern in _walked():  # payloads first: building one may store a cached analysis
        rule = RULES[pattern.name]
        permission = rule.post_permission
        if permission in {"public", "token"}:
            continue
        poster = posters[_poster_kind(permission)]
        for visit in fill(pattern, world.b):
            if not visit.url.endswith(".pdf"):
                planned.append((pattern, rule, permission, poster, visit, payload(visit, world, poster)))
    since: list[str] = []
    clean = snapshot()
    for pattern, rule, permission, poster, visit, data in planned:
        for visitor in everyone:
            if allowed(permission, visitor):
                continue
            got = outcome(visitor.client.post(visit.url, _rewound(data)))
            checked += 1
            if got != refusal(permission, visitor):
                failures.append(
                    f"POST {visit.url} as {visitor.name}: {got}, expected {refusal(permission, visitor)}"
                )
        since.append(visit.url)
        if rule.writes:
            now = snapshot()
            if changed_tables(clean, now):
                failures.append(f"refused POSTs to one of {since} changed {changed_tables(clean, now)}")
            clean, since = now, []
            complaint = _writes(poster, pattern, visit, data, world)
            if complaint:
                failures.append(complaint)
    if changed_tables(clean, snapshot()):
        failures.append(f"refused POSTs to one of {since} changed {changed_tables(clean, snapshot())}")
    assert checked > 300
    assert not failures, "\n".join(failures)
