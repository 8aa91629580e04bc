"""The one access layer: the same refusal everywhere, one membership query, and the account-level rights.

Outsiders (signed in, but not members) get a 404 so a partnership's existence is not revealed;
members whose role lacks the permission get a 403; anonymous visitors are sent to sign in.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.web.partnerships.access import (
    CREATE_PARTNERSHIP,
    DOWNLOAD_ROWS,
    EDIT_EVIDENCE,
    EVIDENCE_EDITORS_GROUP,
    MANAGE,
    PARTNERSHIP_CREATORS_GROUP,
    RECORD,
    VIEW,
    PartnershipAccess,
    partnership_view,
    round_for,
)
from joinedup.web.partnerships.models import Invitation, Membership, Partnership, Role

from .builders import add_member, make_partnership, make_round, make_user

pytestmark = pytest.mark.django_db

ROLES = (Role.VIEWER, Role.PARTNER_LEAD, Role.COORDINATOR)
ALLOWED = {
    VIEW: set(ROLES),
    RECORD: {Role.PARTNER_LEAD, Role.COORDINATOR},
    MANAGE: {Role.COORDINATOR},
    DOWNLOAD_ROWS: {Role.COORDINATOR},
}


@pytest.fixture
def riverside():
    return make_partnership()


@pytest.fixture
def people(riverside):
    """One user per role in Riverside, a coordinator of another partnership, and a user in none."""
    users: dict[str, User] = {str(role): make_user(str(role)) for role in ROLES}
    for role, user in users.items():
        add_member(riverside, user, role)
    elsewhere = make_partnership(name="Elsewhere", slug="elsewhere", agencies=["Police"])
    users["other_coordinator"] = make_user("other-coordinator")
    add_member(elsewhere, users["other_coordinator"], Role.COORDINATOR)
    users["nobody"] = make_user("nobody")
    return users


def _echo(request, access: PartnershipAccess, **kwargs) -> HttpResponse:
    return HttpResponse(f"{access.partnership.slug} {access.role} {sorted(kwargs.items())}")


def _call(user, permission: str, slug: str = "riverside", **kwargs):
    request = RequestFactory().get("/")
    request.user = user
    return partnership_view(permission)(_echo)(request, slug=slug, **kwargs)


@pytest.mark.parametrize("permission", [VIEW, RECORD, MANAGE, DOWNLOAD_ROWS])
@pytest.mark.parametrize("role", ROLES)
def test_members_are_let_in_or_refused_with_403_by_role(people, permission, role):
    if role in ALLOWED[permission]:
        response = _call(people[role], permission, round_id=7)
        assert response.content.decode() == f"riverside {role} [('round_id', 7)]"
    else:
        with pytest.raises(PermissionDenied):
            _call(people[role], permission)


@pytest.mark.parametrize("permission", [VIEW, RECORD, MANAGE, DOWNLOAD_ROWS])
@pytest.mark.parametrize("who", ["other_coordinator", "nobody", "anonymous", "superuser", "inactive"])
def test_anyone_who_is_not_a_member_gets_404(people, riverside, permission, who):
    user: User | AnonymousUser
    if who == "anonymous":
        user = AnonymousUser()
    elif who == "superuser":
        user = User.objects.create_superuser("root", password="a-long-enough-password")
    else:
        user = people["nobody"] if who == "nobody" else people["other_coordinator"]
    if who == "inactive":
        user = people[Role.COORDINATOR]
        user.is_active = False
    with pytest.raises(Http404):
        _call(user, permission)


def test_a_partnership_that_does_not_exist_looks_like_one_you_cannot_see(people):
    with pytest.raises(Http404):
        _call(people[Role.COORDINATOR], VIEW, slug="no-such-partnership")


def test_the_decorator_reads_the_membership_in_one_query_and_rules_reuse_it(people, riverside):
    request = RequestFactory().get("/")
    request.user = User.objects.get(pk=people[Role.PARTNER_LEAD].pk)
    seen = {}

    def view(request, access):
        seen["access"] = access
        return HttpResponse()

    with CaptureQueriesContext(connection) as queries:
        partnership_view(RECORD)(view)(request, slug="riverside")
        access = seen["access"]
        assert access.partnership.name == "Riverside"
        assert access.membership.agency is None
        assert (access.can_record, access.can_manage, access.can_download_rows) == (True, False, False)
        assert request.user.has_perm(VIEW, access.partnership)
        assert request.user.has_perm(RECORD, access.partnership)
        assert not request.user.has_perm(MANAGE, access.partnership)
    assert len(queries) == 1, [q["sql"] for q in queries]


def _membership_lookups(queries) -> list[str]:
    """Queries that read the signed-in user's own membership (not the list of members a page shows)."""
    return [
        q["sql"]
        for q in queries
        if 'FROM "partnerships_membership"' in q["sql"]
        and re.search(r'"partnerships_membership"\."user_id" = \d+', q["sql"])
    ]


@pytest.mark.parametrize(
    "page",
    [
        ("partnerships:detail", []),
        ("partnerships:round", ["round"]),
        ("structure:overview", []),
        ("structure:roles", []),
        ("reporting:dashboard", []),
        ("comments:lessons", []),
        ("comments:round", ["round"]),
    ],
)
def test_a_page_reads_the_users_membership_once(client, people, riverside, page):
    name, extra = page
    a_round = make_round(riverside)
    args = [riverside.slug] + [a_round.pk for _ in extra]
    client.force_login(people[Role.COORDINATOR])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    assert len(_membership_lookups(queries)) == 1, _membership_lookups(queries)


PAGES = [
    # (url name, extra args, permission the page needs)
    ("partnerships:detail", [], VIEW),
    ("partnerships:round", ["round"], VIEW),
    ("partnerships:agency_add", [], MANAGE),
    ("partnerships:member_add", [], MANAGE),
    ("partnerships:round_create", [], MANAGE),
    ("partnerships:round_import", ["round"], MANAGE),
    ("structure:overview", [], VIEW),
    ("structure:roles", [], VIEW),
    ("structure:task_add", [], RECORD),
    ("structure:targets", [], VIEW),
    ("structure:target_add", [], RECORD),
    ("structure:meetings", [], VIEW),
    ("structure:meeting_add", [], RECORD),
    ("structure:funding", [], VIEW),
    ("structure:post_add", [], RECORD),
    ("structure:actions", [], VIEW),
    ("structure:action_add", [], RECORD),
    ("reporting:dashboard", [], VIEW),
    ("comments:round", ["round"], RECORD),
    ("comments:round_review", ["round"], RECORD),
    ("comments:lessons", [], VIEW),
    ("comments:lesson_add", [], RECORD),
    ("comments:tagger", [], MANAGE),
]


@pytest.mark.parametrize(("name", "extra", "permission"), PAGES, ids=[p[0] for p in PAGES])
def test_every_kind_of_visitor_gets_the_same_answer_on_every_kind_of_page(
    client, people, riverside, name, extra, permission
):
    a_round = make_round(riverside)
    url = reverse(name, args=[riverside.slug] + [a_round.pk for _ in extra])
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    for who in ("nobody", "other_coordinator"):
        client.force_login(people[who])
        assert client.get(url).status_code == 404, who
    for role in ROLES:
        client.force_login(people[role])
        expected = 200 if role in ALLOWED[permission] else 403
        assert client.get(url).status_code == expected, role


def test_a_refused_member_sees_the_403_page_saying_who_may(client, people, riverside):
    client.force_login(people[Role.VIEWER])
    response = client.get(reverse("structure:task_add", args=[riverside.slug]))
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot see or change this page" in body
    assert "Only coordinators and partner leads can do this" in body


def test_round_for_refuses_another_partnerships_round(people, riverside):
    elsewhere = Partnership.objects.get(slug="elsewhere")
    theirs = make_round(elsewhere, name="Theirs")
    ours = make_round(riverside, name="Ours")
    membership = Membership.objects.get(user=people[Role.COORDINATOR], partnership=riverside)
    access = PartnershipAccess(riverside, membership, membership.role)
    assert round_for(access, ours.pk) == ours
    with pytest.raises(Http404):
        round_for(access, theirs.pk)


def test_a_coordinator_cannot_reach_another_partnerships_round_through_their_own(client, people, riverside):
    theirs = make_round(Partnership.objects.get(slug="elsewhere"), name="Theirs")
    client.force_login(people[Role.COORDINATOR])
    assert client.get(reverse("partnerships:round", args=[riverside.slug, theirs.pk])).status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_those_who_send_the_links_see_them(client, people, riverside, role):
    a_round = make_round(riverside)
    client.force_login(people[role])
    body = client.get(reverse("partnerships:round", args=[riverside.slug, a_round.pk])).content.decode()
    tokens = list(Invitation.objects.filter(round=a_round).values_list("token", flat=True))
    assert tokens
    if role == Role.VIEWER:
        assert not any(token in body for token in tokens)
        assert "Links to send" not in body
        assert "data-copy-target" not in body
    else:
        assert all(token in body for token in tokens)


def test_a_plain_account_may_not_create_a_partnership(client, people):
    client.force_login(people["nobody"])
    home = client.get(reverse("partnerships:home")).content.decode()
    assert reverse("partnerships:create") not in home
    assert client.get(reverse("partnerships:create")).status_code == 403
    refused = client.post(reverse("partnerships:create"), {"name": "Mine now", "nation": "scotland"})
    assert refused.status_code == 403
    assert not Partnership.objects.filter(name="Mine now").exists()


@pytest.mark.parametrize("kind", ["group", "staff"])
def test_partnership_creators_and_staff_may_create_one(client, kind):
    user = make_user("creator")
    if kind == "staff":
        user.is_staff = True
        user.save()
    else:
        user.groups.add(Group.objects.create(name=PARTNERSHIP_CREATORS_GROUP))
    client.force_login(user)
    assert reverse("partnerships:create") in client.get(reverse("partnerships:home")).content.decode()
    client.post(reverse("partnerships:create"), {"name": "Shore", "nation": "scotland"})
    made = Partnership.objects.get(name="Shore")
    assert Membership.objects.get(partnership=made, user=user).role == Role.COORDINATOR


def test_account_rights_come_from_staff_or_the_named_groups_only(people):
    nobody, coordinator = people["nobody"], people[Role.COORDINATOR]
    for permission in (EDIT_EVIDENCE, CREATE_PARTNERSHIP):
        assert not nobody.has_perm(permission)
        assert not coordinator.has_perm(permission)
    nobody.groups.add(Group.objects.create(name=EVIDENCE_EDITORS_GROUP))
    nobody = User.objects.get(pk=nobody.pk)
    assert nobody.has_perm(EDIT_EVIDENCE)
    assert not nobody.has_perm(CREATE_PARTNERSHIP)


def test_the_demo_coordinator_can_create_partnerships_and_edit_evidence(db):
    from django.utils import timezone

    from joinedup.web.partnerships.demo import load_demo

    load_demo(today=timezone.localdate())
    coordinator = User.objects.get(username="demo-coordinator")
    viewer = User.objects.get(username="demo-viewer")
    assert coordinator.has_perm(CREATE_PARTNERSHIP) and coordinator.has_perm(EDIT_EVIDENCE)
    assert not viewer.has_perm(CREATE_PARTNERSHIP) and not viewer.has_perm(EDIT_EVIDENCE)


def test_anonymous_visitors_are_sent_to_sign_in_but_public_pages_stay_open(client, riverside):
    a_round = make_round(riverside)
    page = client.get(reverse("partnerships:detail", args=[riverside.slug]))
    assert page.status_code == 302
    assert (
        page["Location"]
        == f"{reverse('accounts:login')}?next={reverse('partnerships:detail', args=['riverside'])}"
    )
    assert client.get(reverse("partnerships:home")).status_code == 302
    token = Invitation.objects.filter(round=a_round)[0].token
    assert client.get(reverse("survey:start", args=[token])).status_code == 200
    assert client.get(reverse("evidence_browser:factors")).status_code == 200
    assert client.get(reverse("evidence_browser:works")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
    home = client.get("/")
    assert home.status_code == 302
    assert home["Location"] == reverse("evidence_browser:factors")
    assert client.get(reverse("admin:login")).status_code == 200


def test_the_admin_still_works_for_staff_and_sends_others_to_sign_in(client):
    anonymous = client.get(reverse("admin:index"))
    assert anonymous.status_code == 302
    assert "next=/admin/" in anonymous["Location"]
    client.force_login(User.objects.create_superuser("root", password="a-long-enough-password"))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:partnerships_membershipinvitation_changelist")).status_code == 200
