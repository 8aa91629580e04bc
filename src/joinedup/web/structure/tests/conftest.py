"""A partnership with five agencies and one person of each role, plus a stranger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from joinedup.web.partnerships.models import Agency, Membership, Partnership, Role

TODAY = date(2026, 3, 1)
AGENCY_NAMES = ("Education", "Health visiting", "Police", "Social work", "Voluntary sector")


@dataclass
class People:
    coordinator: Client
    lead: Client
    viewer: Client
    stranger: Client


@pytest.fixture
def partnership(db) -> Partnership:
    made = Partnership.objects.create(name="Riverside", slug="riverside")
    for name in AGENCY_NAMES:
        Agency.objects.create(partnership=made, name=name)
    return made


@pytest.fixture
def agencies(partnership: Partnership) -> dict[str, Agency]:
    return {agency.name: agency for agency in partnership.agencies.all()}


def _client_for(
    username: str, partnership: Partnership | None, role: str | None, agency: Agency | None = None
) -> Client:
    user = get_user_model().objects.create_user(username, password="a-long-enough-password")
    if partnership is not None and role is not None:
        Membership.objects.create(user=user, partnership=partnership, role=role, agency=agency)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(partnership: Partnership, agencies: dict[str, Agency]) -> People:
    return People(
        coordinator=_client_for("cora", partnership, Role.COORDINATOR),
        lead=_client_for("leo", partnership, Role.PARTNER_LEAD, agencies["Police"]),
        viewer=_client_for("vic", partnership, Role.VIEWER),
        stranger=_client_for("stan", None, None),
    )
