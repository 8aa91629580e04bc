"""The dashboard and the report downloads, on the demo partnership."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Membership, Partnership, Role, Round

TODAY = date(2026, 11, 26)


@pytest.fixture
def demo(db):
    return load_demo(today=TODAY)


@pytest.fixture
def coordinator_client(client, demo):
    client.force_login(get_user_model().objects.get(username="demo-coordinator"))
    return client


def latest_closed_round() -> Round:
    return Round.objects.filter(partnership__slug=DEMO_SLUG, status="closed").order_by("-opens_on")[0]


def test_the_dashboard_shows_the_latest_closed_round(coordinator_client):
    response = coordinator_client.get(reverse("reporting:dashboard", args=[DEMO_SLUG]))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Dashboard: {latest_closed_round().name}" in body
    for heading in (
        "Summary",
        "Where we stand",
        "Where partners disagree",
        "What the records show",
        "The three actions that matter most",
        "How good are we now?",
        "What we agreed last time",
        "What next?",
    ):
        assert heading in body
    assert "<svg" in body
    assert "Add to action plan" in body


def test_an_earlier_round_can_be_chosen_and_an_unknown_one_is_not_found(coordinator_client):
    first = Round.objects.filter(partnership__slug=DEMO_SLUG).order_by("opens_on")[0]
    url = reverse("reporting:dashboard", args=[DEMO_SLUG])
    assert f"Dashboard: {first.name}" in coordinator_client.get(url, {"round": first.pk}).content.decode()
    assert coordinator_client.get(url, {"round": 999999}).status_code == 404


def test_a_partnership_without_closed_rounds_says_so(client, db):
    user = get_user_model().objects.create_user("lonely", password="a-long-enough-password")
    partnership = Partnership.objects.create(name="New", slug="new")
    Membership.objects.create(user=user, partnership=partnership, role=Role.VIEWER)
    client.force_login(user)
    body = client.get(reverse("reporting:dashboard", args=["new"])).content.decode()
    assert "There is nothing to show yet" in body


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_each_report_format_downloads(coordinator_client, fmt, content_type, magic):
    a_round = latest_closed_round()
    response = coordinator_client.get(reverse("reporting:download", args=[DEMO_SLUG, a_round.pk, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert "attachment" in response["Content-Disposition"]
    assert response.content[:16].lstrip().upper().startswith(magic.upper())


def test_an_open_round_has_no_report(coordinator_client):
    open_round = Round.objects.get(partnership__slug=DEMO_SLUG, status="open")
    url = reverse("reporting:download", args=[DEMO_SLUG, open_round.pk, "html"])
    assert coordinator_client.get(url).status_code == 404


def test_outsiders_see_neither_dashboard_nor_report(client, demo):
    outsider = get_user_model().objects.create_user("outsider", password="a-long-enough-password")
    client.force_login(outsider)
    a_round = latest_closed_round()
    assert client.get(reverse("reporting:dashboard", args=[DEMO_SLUG])).status_code == 404
    assert client.get(reverse("reporting:download", args=[DEMO_SLUG, a_round.pk, "pdf"])).status_code == 404


def test_viewers_read_the_dashboard_but_cannot_decide(client, demo):
    client.force_login(get_user_model().objects.get(username="demo-viewer"))
    body = client.get(reverse("reporting:dashboard", args=[DEMO_SLUG])).content.decode()
    assert "Dashboard:" in body
    assert "Add to action plan" not in body
    a_round = latest_closed_round()
    response = client.post(
        reverse("reporting:reject", args=[DEMO_SLUG, a_round.pk]), {"finding": "x", "intervention": "y"}
    )
    assert response.status_code == 403
