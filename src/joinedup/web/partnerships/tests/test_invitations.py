"""Adding someone to a partnership asks them first, and never reveals whether an account exists."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from joinedup.web.partnerships.models import Agency, Membership, MembershipInvitation, Role

from .builders import PASSWORD, add_member, make_partnership, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def riverside():
    return make_partnership()


@pytest.fixture
def coordinator(riverside):
    user = make_user("coord")
    add_member(riverside, user, Role.COORDINATOR)
    return user


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def invite(client, riverside, who: str, role: str = Role.VIEWER, **extra):
    return client.post(
        reverse("partnerships:member_add", args=[riverside.slug]),
        {"who": who, "role": role, **extra},
        follow=True,
    )


def respond(client, invitation: MembershipInvitation, answer: str):
    return client.post(reverse("partnerships:invitation_respond", args=[invitation.token, answer]))


def _comparable(response, name: str) -> tuple[int, list, str]:
    """The whole answer with the name entered and the per-request CSRF token taken out."""
    body = response.content.decode().replace(f"exists for {name},", "exists for NAME,")
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", body)
    return response.status_code, response.redirect_chain, body


@pytest.mark.parametrize(
    "existing",
    [
        "lead",  # an account with that username
        "lead@example.org",  # an account with that e-mail address
        "already-in",  # someone already a member
    ],
)
def test_the_answer_is_the_same_whether_or_not_the_account_exists(
    coordinator_client, riverside, existing, django_capture_on_commit_callbacks
):
    User.objects.create_user("lead", email="lead@example.org", password=PASSWORD)
    add_member(riverside, make_user("already-in"), Role.VIEWER)
    missing = "nobody-by-that-name" if "@" not in existing else "nobody@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        found = invite(coordinator_client, riverside, existing)
        not_found = invite(coordinator_client, riverside, missing)
    assert f"If an account exists for {existing}, they have been invited" in found.content.decode()
    assert _comparable(found, existing) == _comparable(not_found, missing)


def test_an_invitation_creates_no_membership_until_accepted(
    client, coordinator_client, riverside, django_capture_on_commit_callbacks
):
    lead = User.objects.create_user("lead", email="lead@example.org", password=PASSWORD)
    agency = Agency.objects.get(partnership=riverside, name="Education")
    with django_capture_on_commit_callbacks(execute=True):
        invite(coordinator_client, riverside, "lead", Role.PARTNER_LEAD, agency=agency.pk)
    invitation = MembershipInvitation.objects.get()
    assert (invitation.user, invitation.role, invitation.agency) == (lead, Role.PARTNER_LEAD, agency)
    assert invitation.created_by is not None and invitation.created_by.get_username() == "coord"
    assert not Membership.objects.filter(user=lead).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lead@example.org"]
    assert riverside.name in mail.outbox[0].subject

    client.force_login(lead)
    assert client.get(reverse("partnerships:detail", args=[riverside.slug])).status_code == 404
    home = client.get(reverse("partnerships:home")).content.decode()
    assert riverside.name in home
    assert reverse("partnerships:invitation_respond", args=[invitation.token, "accept"]) in home

    accepted = respond(client, invitation, "accept")
    assert accepted.status_code == 302
    membership = Membership.objects.get(user=lead, partnership=riverside)
    assert (membership.role, membership.agency) == (Role.PARTNER_LEAD, agency)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.declined_at is None
    assert client.get(reverse("partnerships:detail", args=[riverside.slug])).status_code == 200
    assert respond(client, invitation, "decline").status_code == 404
    assert "Invitations" not in client.get(reverse("partnerships:home")).content.decode()


def test_a_declined_invitation_makes_no_membership_and_cannot_be_accepted_later(
    client, coordinator_client, riverside
):
    lead = make_user("lead")
    invite(coordinator_client, riverside, "lead")
    invitation = MembershipInvitation.objects.get()
    client.force_login(lead)
    assert respond(client, invitation, "decline").status_code == 302
    invitation.refresh_from_db()
    assert invitation.declined_at is not None and invitation.accepted_at is None
    assert respond(client, invitation, "accept").status_code == 404
    assert not Membership.objects.filter(user=lead).exists()
    assert riverside.name not in client.get(reverse("partnerships:home")).content.decode()


def test_nobody_else_can_answer_someone_elses_invitation(client, coordinator_client, coordinator, riverside):
    make_user("lead")
    invite(coordinator_client, riverside, "lead", Role.COORDINATOR)
    invitation = MembershipInvitation.objects.get()
    intruder = make_user("intruder")
    for user in (intruder, coordinator):
        client.force_login(user)
        assert respond(client, invitation, "accept").status_code == 404
    assert not Membership.objects.filter(user=intruder).exists()
    client.logout()
    assert respond(client, invitation, "accept").status_code == 302  # to sign in
    assert MembershipInvitation.objects.get().pending


def test_answering_needs_a_post(client, coordinator_client, riverside):
    lead = make_user("lead")
    invite(coordinator_client, riverside, "lead")
    invitation = MembershipInvitation.objects.get()
    client.force_login(lead)
    url = reverse("partnerships:invitation_respond", args=[invitation.token, "accept"])
    assert client.get(url).status_code == 405
    assert not Membership.objects.filter(user=lead).exists()


def test_an_address_without_an_account_is_offered_to_whoever_signs_in_with_it(
    client, coordinator_client, riverside, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(coordinator_client, riverside, "New.Person@Example.org")
    assert MembershipInvitation.objects.get().email == "new.person@example.org"
    assert [m.to for m in mail.outbox] == [["new.person@example.org"]]
    someone = User.objects.create_user(
        "someone", email="new.person@example.org", password=PASSWORD
    )
    client.force_login(someone)
    respond(client, MembershipInvitation.objects.get(), "accept")
    assert Membership.objects.get(user=someone).role == Role.VIEWER
    assert MembershipInvitation.objects.get().user == someone


def test_inviting_twice_or_inviting_a_member_stores_nothing_more(coordinator_client, riverside, coordinator):
    make_user("lead")
    invite(coordinator_client, riverside, "lead")
    invite(coordinator_client, riverside, "lead")
    invite(coordinator_client, riverside, "coord")
    assert MembershipInvitation.objects.count() == 1


def test_only_coordinators_invite(client, riverside):
    viewer = make_user("viewer")
    add_member(riverside, viewer, Role.VIEWER)
    make_user("friend")
    client.force_login(viewer)
    assert invite(client, riverside, "friend").status_code == 403
    assert not MembershipInvitation.objects.exists()


def test_a_blank_or_foreign_answer_shows_the_error_summary_and_stores_nothing(coordinator_client, riverside):
    other_agency = Agency.objects.create(
        partnership=make_partnership("Elsewhere", "elsewhere", ()), name="Police"
    )
    make_user("lead")
    blank = invite(coordinator_client, riverside, "")
    assert "govuk-error-summary" in blank.content.decode()
    assert "Enter the person&#x27;s username or e-mail address" in blank.content.decode()
    foreign = invite(coordinator_client, riverside, "lead", agency=other_agency.pk)
    assert "Choose one of this partnership&#x27;s agencies" in foreign.content.decode()
    assert not MembershipInvitation.objects.exists()


def test_an_address_without_an_account_is_told_to_ignore_the_message_not_to_decline(
    coordinator_client, riverside, django_capture_on_commit_callbacks
):
    """There is no decline link for someone without an account: the e-mail must not offer one."""
    with django_capture_on_commit_callbacks(execute=True):
        invite(coordinator_client, riverside, "someone.new@example.org")
    (message,) = mail.outbox
    assert "decline" not in message.body.lower()
    assert "ignore this message" in message.body
