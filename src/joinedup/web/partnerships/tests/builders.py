"""Plain builders for partnership records, shared by the survey and import tests."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.models import User

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import (
    Agency,
    Invitation,
    Membership,
    Partnership,
    Response,
    Role,
    Round,
    RoundStatus,
)

PASSWORD = "a-long-enough-password"


def make_user(username: str) -> User:
    return User.objects.create_user(username, password=PASSWORD)


def make_partnership(
    name: str = "Riverside",
    slug: str = "riverside",
    agencies: Iterable[str] = ("Education", "Health visiting"),
) -> Partnership:
    partnership = Partnership.objects.create(name=name, slug=slug)
    for agency in agencies:
        Agency.objects.create(partnership=partnership, name=agency)
    return partnership


def add_member(partnership: Partnership, user: User, role: str = Role.COORDINATOR) -> Membership:
    return Membership.objects.create(user=user, partnership=partnership, role=role)


def make_round(partnership: Partnership, name: str = "Spring", status: str = RoundStatus.OPEN) -> Round:
    """A round with one invitation per agency and one for any agency, as the coordinator's page makes."""
    instrument = load_instrument("1")
    new_round = Round.objects.create(
        partnership=partnership,
        name=name,
        opens_on=date(2026, 3, 1),
        closes_on=date(2026, 3, 31),
        instrument_version=instrument.version,
        instrument_fingerprint=instrument.fingerprint(),
        status=status,
    )
    for agency in partnership.agencies.all():
        Invitation.objects.create(round=new_round, agency=agency)
    Invitation.objects.create(round=new_round, agency=None)
    return new_round


def make_responses(
    a_round: Round, agency: Agency, count: int, answer: int = 4, role_group: str = "practitioner"
) -> None:
    item_ids = load_instrument(a_round.instrument_version).item_ids()
    Response.objects.bulk_create(
        Response(round=a_round, agency=agency, role_group=role_group, answers=dict.fromkeys(item_ids, answer))
        for _ in range(count)
    )
