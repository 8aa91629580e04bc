"""People (issue 14, item 3): a colleague without an account joins through a single-use
set-password link; partnerships and agencies are renamed and archived with history; partnership
names are unique whatever their case."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.models import (
    Agency,
    Invitation,
    Membership,
    MembershipInvitation,
    Partnership,
    Role,
)
from joinedup.web.tests.dates import date_boxes

from .builders import make_partnership, make_user

NEW_PASSWORD = "correct horse battery staple 42"


def _invite_by_email(client, fife, address: str, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("partnerships:member_add", args=[fife.slug]), {"who": address, "role": Role.PARTNER_LEAD}
        )
    (message,) = mail.outbox
    assert message.to == [address]
    (path,) = re.findall(r"http://testserver(/partnerships/join/[^\s]+/)", str(message.body))
    return path


def _join(client, path: str, username: str = "newlead"):
    return client.post(path, {"username": username, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})


def test_a_colleague_without_an_account_sets_a_password_and_joins_with_the_role(
    coordinator_client, client, fife, django_capture_on_commit_callbacks
):
    path = _invite_by_email(
        coordinator_client, fife, "new.lead@example.org", django_capture_on_commit_callbacks
    )
    coordinator_client.logout()
    assert client.get(path).status_code == 200
    response = _join(client, path)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="newlead")
    assert user.email == "new.lead@example.org" and user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user, partnership=fife).role == Role.PARTNER_LEAD
    assert client.get(fife.get_absolute_url()).status_code == 200, "signed in as the new account"
    client.logout()
    assert client.get(path).status_code == 410, "the link works once"
    assert _join(client, path, "someone-else").status_code == 410
    assert not get_user_model().objects.filter(username="someone-else").exists()


def test_a_weak_password_is_refused_with_the_reason_and_nothing_is_made(
    coordinator_client, client, fife, django_capture_on_commit_callbacks
):
    path = _invite_by_email(
        coordinator_client, fife, "new.lead@example.org", django_capture_on_commit_callbacks
    )
    coordinator_client.logout()
    response = client.post(path, {"username": "newlead", "password1": "password", "password2": "password"})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not get_user_model().objects.filter(username="newlead").exists()
    assert MembershipInvitation.objects.get().pending


def test_an_old_join_link_no_longer_works(
    coordinator_client, client, fife, django_capture_on_commit_callbacks
):
    path = _invite_by_email(
        coordinator_client, fife, "new.lead@example.org", django_capture_on_commit_callbacks
    )
    MembershipInvitation.objects.update(created_at=timezone.now() - timedelta(days=15))
    coordinator_client.logout()
    assert client.get(path).status_code == 410
    assert _join(client, path).status_code == 410
    assert not Membership.objects.filter(user__username="newlead").exists()


def test_an_account_holder_is_asked_to_sign_in_not_sent_a_join_link(
    coordinator_client, fife, django_capture_on_commit_callbacks
):
    user = make_user("lead")
    user.email = "lead@example.org"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("partnerships:member_add", args=[fife.slug]),
            {"who": "lead@example.org", "role": Role.VIEWER},
        )
    (message,) = mail.outbox
    assert "/partnerships/join/" not in message.body and "Sign in to accept" in message.body


def test_partnership_names_are_unique_whatever_their_case(coordinator_client, fife):
    from django.contrib.auth.models import Group

    from joinedup.web.partnerships.access import PARTNERSHIP_CREATORS_GROUP

    group, _ = Group.objects.get_or_create(name=PARTNERSHIP_CREATORS_GROUP)
    get_user_model().objects.get(username="coordinator").groups.add(group)
    response = coordinator_client.post(
        reverse("partnerships:create"), {"name": "  FIFE children's SERVICES ", "nation": "scotland"}
    )
    assert "There is already a partnership with that name" in response.content.decode()
    assert Partnership.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(name="fife children's services", slug="other")


def test_renaming_a_partnership_keeps_its_history_and_refuses_a_taken_name(coordinator_client, fife):
    make_partnership(name="Elsewhere", slug="elsewhere", agencies=[])
    url = reverse("partnerships:edit", args=[fife.slug])
    clash = coordinator_client.post(url, {"name": "ELSEWHERE", "nation": "scotland"})
    assert "There is already a partnership with that name" in clash.content.decode()
    coordinator_client.post(url, {"name": "Fife Partnership", "nation": "scotland"})
    renamed = Partnership.objects.get(pk=fife.pk)
    assert renamed.name == "Fife Partnership" and renamed.slug == "fife"
    assert "Fife Children's Services" in {h.name for h in renamed.history.all()}


def test_an_archived_partnership_leaves_the_home_list_but_is_kept(coordinator_client, fife):
    coordinator_client.post(reverse("partnerships:archive", args=[fife.slug]))
    assert Partnership.objects.get(pk=fife.pk).archived
    assert fife.name not in coordinator_client.get(reverse("partnerships:home")).content.decode()
    assert coordinator_client.get(fife.get_absolute_url()).status_code == 200
    coordinator_client.post(reverse("partnerships:archive", args=[fife.slug]))
    assert not Partnership.objects.get(pk=fife.pk).archived


def test_renaming_and_archiving_an_agency(coordinator_client, fife):
    agency = fife.agencies.get(name="Education")
    url = reverse("partnerships:agency_edit", args=[fife.slug, agency.pk])
    clash = coordinator_client.post(url, {"name": "social work", "agency_type": "education"})
    assert "already has an agency with that name" in clash.content.decode()
    page = coordinator_client.get(url)
    agency_type = page.context["form"].fields["agency_type"].choices[1][0]
    coordinator_client.post(url, {"name": "Schools", "agency_type": agency_type})
    assert Agency.objects.get(pk=agency.pk).name == "Schools"
    assert "Education" in {h.name for h in Agency.history.filter(id=agency.pk)}
    coordinator_client.post(reverse("partnerships:agency_archive", args=[fife.slug, agency.pk]))
    assert Agency.objects.get(pk=agency.pk).archived
    coordinator_client.post(
        reverse("partnerships:round_create", args=[fife.slug]),
        {
            "name": "Later",
            **date_boxes("opens_on", "2026-03-01"),
            **date_boxes("closes_on", "2026-03-31"),
            "instrument_version": "1",
            "min_group_size": "5",
        },
    )
    later = Invitation.objects.filter(round__name="Later")
    assert later.count() == 4 and not later.filter(agency=agency).exists(), "three agencies and any agency"
    page = coordinator_client.get(fife.get_absolute_url()).content.decode()
    assert "Archived agencies" in page


def test_only_coordinators_rename_or_archive(viewer_client, fife):
    agency = fife.agencies.first()
    for name, args in (
        ("partnerships:edit", [fife.slug]),
        ("partnerships:archive", [fife.slug]),
        ("partnerships:agency_edit", [fife.slug, agency.pk]),
        ("partnerships:agency_archive", [fife.slug, agency.pk]),
    ):
        assert viewer_client.post(reverse(name, args=args), {"name": "X"}).status_code == 403
    assert Partnership.objects.get(pk=fife.pk).name == "Fife Children's Services"
    assert not Agency.objects.filter(archived=True).exists()


def test_the_join_page_speaks_govuk_not_django(
    coordinator_client, client, fife, django_capture_on_commit_callbacks
):
    path = _invite_by_email(
        coordinator_client, fife, "new.lead@example.org", django_capture_on_commit_callbacks
    )
    coordinator_client.logout()
    page = client.get(path).content.decode()
    assert "Required. 150 characters or fewer" not in page
    response = client.post(
        path, {"username": "new lead!", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"}
    )
    body = html.unescape(response.content.decode())
    assert "Enter a username using letters, numbers and @ . + - _ only" in body
    assert "Enter the same password twice" in body
    assert "Enter a valid username" not in body and "didn’t match" not in body
    assert not get_user_model().objects.filter(username="new lead!").exists()
