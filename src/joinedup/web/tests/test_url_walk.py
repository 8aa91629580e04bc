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

from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from joinedup.web.partnerships.models import Role

from .partition_fixtures import World, client_for
from .url_catalogue import (
    ACCOUNT_PERMISSIONS,
    INVITEE,
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
    if visit.url.endswith(".pdf") and visitor.role_in_b not in {None, "viewer"}:
        return  # a PDF takes seconds to draw: B's viewer fetches it, outsiders are refused
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
        for visit in mixed_visits(pattern, world.a, world.b):
            got = outcome(get(coordinator, visit))
            if got not in ({404, 405} if rule.post_only else {404}):
                failures.append(f"GET {visit.url} (A's slug, B's ids): {got}, expected 404")
            before = snapshot()
            got = outcome(coordinator.post(visit.url, visit.query))
            if got != 404 or changed_tables(before, snapshot()):
                failures.append(f"POST {visit.url} (A's slug, B's ids): {got}, expected 404 and no change")
    assert not failures, "\n".join(failures)


def _refused_posts(world: World, everyone: list[Visitor]) -> tuple[list[str], int]:
    failures: list[str] = []
    checked = 0
    for pattern in _walked():
        rule = RULES[pattern.name]
        permission = rule.post_permission
        if permission in {"public", "token"}:
            continue
        for visit in fill(pattern, world.b):
            if visit.url.endswith(".pdf"):
                continue
            data = payload(visit, world, _poster(world, permission))
            refused = [v for v in everyone if not allowed(permission, v)]
            before = snapshot()
            for visitor in refused:
                got = outcome(visitor.client.post(visit.url, data))
                checked += 1
                if got != refusal(permission, visitor):
                    failures.append(
                        f"POST {visit.url} as {visitor.name}: {got}, expected {refusal(permission, visitor)}"
                    )
            changed = changed_tables(before, snapshot())
            if changed:
                failures.append(f"POST {visit.url} by a refused visitor changed {changed}")
    return failures, checked


def test_refused_posts_change_no_row(world: World) -> None:
    """Viewers and outsiders posting what a coordinator would post are refused and nothing moves."""
    failures, checked = _refused_posts(world, visitors(world))
    assert checked > 300
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


def test_the_refused_posts_would_have_changed_rows(world: World) -> None:
    """The control for `test_refused_posts_change_no_row`: each payload it posts does change stored
    data when someone allowed to posts it, so "nothing changed" there means "refused"."""
    failures = []
    for pattern in _walked():
        rule = RULES[pattern.name]
        if not rule.writes:
            continue
        poster = _poster(world, rule.post_permission)
        for visit in fill(pattern, world.b):
            savepoint = transaction.savepoint()
            for step in PRECEDING.get(pattern.name, ()):
                poster.post(reverse(step), payload(Visit(step, reverse(step)), world, poster))
            data = payload(visit, world, poster)
            before = snapshot()
            response = poster.post(visit.url, data)
            changed = changed_tables(before, snapshot())
            transaction.savepoint_rollback(savepoint)
            if not changed:
                failures.append(f"POST {visit.url} {sorted(data)} changed nothing ({response.status_code})")
    assert not failures, "\n".join(failures)
