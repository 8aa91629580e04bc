"""A partnership whose spring round has comments from a large, a just-large-enough and a small agency.

Oakfield Primary has 6 respondents, Police 5 and Health visiting 3, so the round's analysis
hides Health visiting and, by secondary suppression, Police: their comments are counted but
never quoted or listed (Oakfield is the only agency whose comments are shown). The commented
round is closed, since no comment is shown while a round is open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from joinedup.web.partnerships.models import Agency, Partnership, Response, Role, Round, RoundStatus
from joinedup.web.partnerships.tests.builders import add_member, make_partnership, make_round, make_user

AGENCIES = ("Oakfield Primary", "Police", "Health visiting")
IDENTIFYING = (
    "Ask Sarah Jones at Oakfield Primary (sarah.jones@example.org, 07700 900123) "
    "why the funding for the joint post is never agreed."
)
BUDGET = "The budget for the family support worker runs out every March and nobody agrees who pays."
PATHWAY = "Our health visitors were only told about the new pathway after it started."
TRAINING = "We learnt that joint training with the police built trust quickly."
SMALL_GROUP = "The funding panel keeps turning down the drop-in for families, and money is never agreed."


def respond(
    a_round: Round, agency_name: str, comments: dict[str, str] | None = None, count: int = 1
) -> list[Response]:
    """`count` responses answering every item 3, so the round's analysis shows every large agency."""
    agency = Agency.objects.get(partnership=a_round.partnership, name=agency_name)
    answers = {item.id: 3 for item in a_round.instrument().items}
    return [
        Response.objects.create(
            round=a_round, agency=agency, role_group="practitioner", answers=answers, comments=comments or {}
        )
        for _ in range(count)
    ]


def close(a_round: Round) -> Round:
    """Close the round: comments are shown only once a round has closed."""
    a_round.status = RoundStatus.CLOSED
    a_round.save(update_fields=["status"])
    return a_round


@pytest.fixture
def riverside(db) -> Partnership:
    return make_partnership(name="Riverside", slug="riverside", agencies=AGENCIES)


@pytest.fixture
def spring(riverside) -> Round:
    return make_round(riverside, name="Spring")


@pytest.fixture
def commented_round(spring) -> Round:
    respond(spring, "Oakfield Primary", {"funding": IDENTIFYING})
    respond(spring, "Oakfield Primary", {"funding": BUDGET, "communication": PATHWAY})
    respond(spring, "Oakfield Primary", count=4)
    respond(spring, "Police", {"joint-training": TRAINING})
    respond(spring, "Police", count=4)
    respond(spring, "Health visiting", {"funding": SMALL_GROUP})
    respond(spring, "Health visiting", count=2)
    return close(spring)


@pytest.fixture
def log_in(client) -> Callable[[Partnership, str], Client]:
    def as_member(partnership: Partnership, role: str) -> Client:
        user = make_user(f"{role}-of-{partnership.slug}")
        add_member(partnership, user, role)
        client.force_login(user)
        return client

    return as_member


@pytest.fixture
def coordinator(log_in, riverside) -> Client:
    return log_in(riverside, Role.COORDINATOR)


@pytest.fixture
def partner_lead(log_in, riverside) -> Client:
    return log_in(riverside, Role.PARTNER_LEAD)


@pytest.fixture
def viewer(log_in, riverside) -> Client:
    return log_in(riverside, Role.VIEWER)


@pytest.fixture
def outsider(log_in, riverside) -> Client:
    return log_in(make_partnership(name="Elsewhere", slug="elsewhere", agencies=["Police"]), Role.COORDINATOR)
