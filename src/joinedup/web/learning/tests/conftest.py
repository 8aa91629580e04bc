"""The demo partnership (three closed rounds, an action plan) and a second partnership's coordinator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Agency, Membership, Partnership, Role, Round


@dataclass
class Demo:
    partnership: Partnership
    first: Round
    second: Round
    coordinator: Client
    viewer: Client
    other_coordinator: Client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def demo(db) -> Demo:
    load_demo(today=date(2026, 11, 26))
    partnership = Partnership.objects.get(slug=DEMO_SLUG)
    closed = list(Round.objects.filter(partnership=partnership, status="closed").order_by("opens_on"))
    users = get_user_model().objects
    other = Partnership.objects.create(name="Another Partnership", slug="another")
    Agency.objects.create(partnership=other, name="Police")
    stranger = users.create(username="other-coordinator")
    Membership.objects.create(user=stranger, partnership=other, role=Role.COORDINATOR)
    return Demo(
        partnership,
        closed[0],
        closed[1],
        client_for(users.get(username="demo-coordinator")),
        client_for(users.get(username="demo-viewer")),
        client_for(stranger),
    )
