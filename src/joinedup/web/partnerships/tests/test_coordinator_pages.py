"""The coordinator's pages: creating a partnership, agencies, people, rounds and their status."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.access import PARTNERSHIP_CREATORS_GROUP
from joinedup.web.partnerships.models import (
    Agency,
    Invitation,
    Membership,
    MembershipInvitation,
    Partnership,
    Response,
    Role,
    Round,
)
from joinedup.web.tests.dates import date_boxes


@pytest.fixture
def coordinator(db):
    user = get_user_model().objects.create_user("coord", password="a-long-enough-password")
    user.groups.add(Group.objects.get_or_create(name=PARTNERSHIP_CREATORS_GROUP)[0])
    return user


@pytest.fixture
def partnership(coordinator):
    p = Partnership.objects.create(name="Riverside", slug="riverside")
    Membership.objects.create(user=coordinator, partnership=p, role=Role.COORDINATOR)
    return p


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


def make_round(partnership, **kwargs):
    defaults = {
        "name": "Spring",
        "opens_on": date(2026, 3, 1),
        "closes_on": date(2026, 3, 31),
        "instrument_version": "1",
    }
    return Round.objects.create(partnership=partnership, **{**defaults, **kwargs})


def test_creating_a_partnership_makes_the_creator_its_coordinator(coordinator_client, coordinator):
    response = coordinator_client.post(
        reverse("partnerships:create"), {"name": "North Shore Partnership", "nation": "scotland"}
    )
    created = Partnership.objects.get(name="North Shore Partnership")
    assert response.status_code == 302
    assert created.slug == "north-shore-partnership"
    assert Membership.objects.get(partnership=created).role == Role.COORDINATOR


def test_a_blank_partnership_form_shows_the_error_summary(coordinator_client):
    response = coordinator_client.post(reverse("partnerships:create"), {"name": "", "nation": "scotland"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "Enter the partnership&#x27;s name" in body
    assert not Partnership.objects.exists()


def test_two_partnerships_whose_names_make_one_slug_get_different_addresses(coordinator_client):
    for name in ("Same Name", "Same-Name"):
        coordinator_client.post(reverse("partnerships:create"), {"name": name, "nation": "england"})
    assert sorted(Partnership.objects.values_list("slug", flat=True)) == ["same-name", "same-name-2"]


def test_adding_an_agency_records_its_coarse_group(coordinator_client, partnership):
    from joinedup.instrument.reference import load_agency_types

    agency_type = load_agency_types(partnership.nation)[0]
    response = coordinator_client.post(
        reverse("partnerships:agency_add", args=[partnership.slug]),
        {"name": "Health visiting", "agency_type": agency_type.id},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(partnership=partnership)
    assert agency.coarse_group == agency_type.coarse_group


def test_a_duplicate_agency_name_is_refused(coordinator_client, partnership):
    from joinedup.instrument.reference import load_agency_types

    agency_type = load_agency_types(partnership.nation)[0]
    Agency.objects.create(partnership=partnership, name="Police")
    response = coordinator_client.post(
        reverse("partnerships:agency_add", args=[partnership.slug]),
        {"name": "police", "agency_type": agency_type.id},
    )
    assert "already has an agency with that name" in response.content.decode()
    assert Agency.objects.filter(partnership=partnership).count() == 1


def test_a_new_round_gets_a_link_per_agency_and_one_for_any_agency(coordinator_client, partnership):
    Agency.objects.create(partnership=partnership, name="Education")
    Agency.objects.create(partnership=partnership, name="Police")
    response = coordinator_client.post(
        reverse("partnerships:round_create", args=[partnership.slug]),
        {
            "name": "Spring 2026",
            **date_boxes("opens_on", "2026-03-01"),
            **date_boxes("closes_on", "2026-03-31"),
            "instrument_version": "1",
            "min_group_size": "5",
        },
    )
    assert response.status_code == 302
    new_round = Round.objects.get(partnership=partnership)
    assert new_round.status == "draft"
    assert new_round.instrument_fingerprint
    tokens = list(Invitation.objects.filter(round=new_round).values_list("token", flat=True))
    assert len(tokens) == 3
    assert all(len(t) >= 32 for t in tokens)
    assert Invitation.objects.filter(round=new_round, agency=None).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"min_group_size": "3"}, "The minimum group size must be 5 or more"),
        (
            date_boxes("closes_on", "2026-02-01"),
            "The closing date must be the same as or after the opening date",
        ),
        ({"opens_on-day": "not a day"}, "The opening date must be a real date"),
        ({"opens_on-month": ""}, "The opening date must include a month"),
        (
            {"closes_on-day": "", "closes_on-month": "", "closes_on-year": ""},
            "Enter the date the round closes",
        ),
    ],
)
def test_round_form_errors(coordinator_client, partnership, change, message):
    data = {
        "name": "Spring 2026",
        **date_boxes("opens_on", "2026-03-01"),
        **date_boxes("closes_on", "2026-03-31"),
        "instrument_version": "1",
        "min_group_size": "5",
        **change,
    }
    response = coordinator_client.post(reverse("partnerships:round_create", args=[partnership.slug]), data)
    assert message in response.content.decode()
    assert not Round.objects.exists()


def test_a_round_goes_from_draft_to_open_to_closed_and_no_further(coordinator_client, partnership):
    a_round = make_round(partnership)
    Round.objects.filter(pk=a_round.pk).update(closes_on=timezone.localdate() + timedelta(days=10))
    url = lambda action: reverse("partnerships:round_status", args=[partnership.slug, a_round.pk, action])  # noqa: E731
    coordinator_client.post(url("close"))
    assert Round.objects.get(pk=a_round.pk).status == "draft"
    coordinator_client.post(url("open"))
    assert Round.objects.get(pk=a_round.pk).status == "open"
    coordinator_client.post(url("close"))
    assert Round.objects.get(pk=a_round.pk).status == "closed"
    coordinator_client.post(url("open"))
    assert Round.objects.get(pk=a_round.pk).status == "closed"
    Round.objects.filter(pk=a_round.pk).update(closed_at=timezone.now() - timedelta(hours=25))
    coordinator_client.post(url("reopen"))
    assert Round.objects.get(pk=a_round.pk).status == "closed"


def test_counts_show_only_groups_at_the_minimum_size(coordinator_client, partnership):
    a_round = make_round(partnership, status="open")
    big = Agency.objects.create(partnership=partnership, name="Education")
    bigger = Agency.objects.create(partnership=partnership, name="Social work")
    small = Agency.objects.create(partnership=partnership, name="Police")
    for agency, n in ((big, 7), (bigger, 9), (small, 2)):
        Invitation.objects.create(round=a_round, agency=agency)
        Response.objects.bulk_create(
            Response(round=a_round, agency=agency, role_group="practitioner", answers={}) for _ in range(n)
        )
    body = coordinator_client.get(
        reverse("partnerships:round", args=[partnership.slug, a_round.pk])
    ).content.decode()
    # Police has 2: hidden. Education (7) is hidden too, otherwise 18 - 9 - 7 would reveal Police.
    assert ">9<" in body
    assert ">18<" in body
    assert ">2<" not in body
    assert ">7<" not in body


def test_people_outside_the_partnership_get_not_found(client, partnership, db):
    outsider = get_user_model().objects.create_user("outsider", password="a-long-enough-password")
    client.force_login(outsider)
    a_round = make_round(partnership)
    for url in (
        reverse("partnerships:detail", args=[partnership.slug]),
        reverse("partnerships:round", args=[partnership.slug, a_round.pk]),
        reverse("partnerships:agency_add", args=[partnership.slug]),
    ):
        assert client.get(url).status_code == 404


def test_viewers_see_the_partnership_but_cannot_manage_it(client, partnership, db):
    viewer = get_user_model().objects.create_user("viewer", password="a-long-enough-password")
    Membership.objects.create(user=viewer, partnership=partnership, role=Role.VIEWER)
    client.force_login(viewer)
    assert client.get(reverse("partnerships:detail", args=[partnership.slug])).status_code == 200
    assert client.get(reverse("partnerships:round_create", args=[partnership.slug])).status_code == 403
    a_round = make_round(partnership)
    refused = client.post(reverse("partnerships:round_status", args=[partnership.slug, a_round.pk, "open"]))
    assert refused.status_code == 403
    assert Round.objects.get(pk=a_round.pk).status == "draft"


def test_adding_a_member_invites_them_and_creates_no_membership(coordinator_client, partnership):
    get_user_model().objects.create_user("lead", password="a-long-enough-password")
    response = coordinator_client.post(
        reverse("partnerships:member_add", args=[partnership.slug]),
        {"who": "lead", "role": "partner_lead"},
        follow=True,
    )
    assert "If an account exists for lead, they have been invited" in response.content.decode()
    assert not Membership.objects.filter(user__username="lead").exists()
    assert MembershipInvitation.objects.get(user__username="lead").role == Role.PARTNER_LEAD


def test_a_round_with_answers_cannot_lower_its_minimum_group_size(partnership):
    from django.core.exceptions import ValidationError

    a_round = make_round(partnership, min_group_size=8)
    agency = Agency.objects.create(partnership=partnership, name="Education")
    a_round.full_clean()
    Response.objects.create(round=a_round, agency=agency, role_group="practitioner", answers={})
    a_round.min_group_size = 6
    with pytest.raises(ValidationError, match="cannot go below 8"):
        a_round.full_clean()
    a_round.min_group_size = 10
    a_round.full_clean()


def test_a_changed_instrument_version_is_refused(partnership, coordinator_client):
    from joinedup.web.partnerships.models import InstrumentChanged

    a_round = make_round(partnership, status="open", instrument_fingerprint="0" * 64)
    invitation = Invitation.objects.create(round=a_round, agency=None)
    with pytest.raises(InstrumentChanged, match="must never change"):
        a_round.instrument()
    with pytest.raises(InstrumentChanged):
        coordinator_client.get(invitation.get_absolute_url())
