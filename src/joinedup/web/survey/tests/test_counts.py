"""A response sent through a link shows in the coordinator's counts once its group is big enough."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joinedup.web.partnerships.models import Agency, Role
from joinedup.web.partnerships.tests.builders import add_member, make_responses, make_user

from .flow import answer_everything, send_key

pytestmark = pytest.mark.django_db


def education_count(client, a_round) -> int | None:
    rows = client.get(a_round.get_absolute_url()).context["counts"]
    return next(row["count"] for row in rows if row["agency"] == "Education")


def test_the_fifth_response_from_an_agency_appears_in_the_counts(client, agency_link, instrument):
    a_round = agency_link.round
    make_responses(a_round, Agency.objects.get(name="Education"), 4)
    make_responses(a_round, Agency.objects.get(name="Health visiting"), 6)
    coordinator = make_user("coordinator")
    add_member(a_round.partnership, coordinator, Role.COORDINATOR)
    client.force_login(coordinator)
    assert education_count(client, a_round) is None

    answer_everything(client, agency_link.token, instrument)
    client.post(
        reverse("survey:send", args=[agency_link.token]),
        {"idempotency_key": send_key(client, agency_link.token)},
    )
    assert education_count(client, a_round) == 5
