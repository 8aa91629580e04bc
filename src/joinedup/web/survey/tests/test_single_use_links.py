"""Single-use links: each sends answers once, and nothing joins a link to the response it sent."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from joinedup.web.partnerships.models import Response
from joinedup.web.partnerships.tests.builders import add_member, make_user
from joinedup.web.survey.models import SingleUseLink, SurveyDraft

from .flow import answer_and_send, answer_everything, send_key

pytestmark = pytest.mark.django_db
USED = "This link has already been used"


@pytest.fixture
def coordinator_client(client, partnership):
    coordinator = make_user("coordinator")
    add_member(partnership, coordinator)
    client.force_login(coordinator)
    return client


@pytest.fixture
def links_url(agency_link, partnership):
    return reverse("partnerships:round_single_use_links", args=[partnership.slug, agency_link.round.pk])


def test_a_coordinator_makes_the_number_of_links_an_agency_needs(coordinator_client, agency_link, links_url):
    assert links_url in coordinator_client.get(agency_link.round.get_absolute_url()).content.decode()
    made = coordinator_client.post(links_url, {"invitation": agency_link.pk, "how_many": 12})
    assert made.status_code == 302
    links = SingleUseLink.objects.filter(invitation=agency_link)
    assert links.count() == 12
    assert len({link.token for link in links}) == 12
    page = coordinator_client.get(links_url).content.decode()
    for link in links:
        assert reverse("survey:start", args=[link.token]) in page
    assert "Education: 12 links" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"invitation": "", "how_many": 3}, "Select the agency the links are for"),
        ({"invitation": "x", "how_many": 3}, "Select one of this round&#x27;s agencies"),
        ({"how_many": 0}, "Enter 1 or more"),
        ({"how_many": 501}, "Enter 500 or fewer"),
        ({"how_many": ""}, "Enter how many people need a link"),
        ({"how_many": "lots"}, "Enter a whole number, like 25"),
    ],
)
def test_bad_input_is_named_and_makes_no_link(coordinator_client, agency_link, links_url, data, message):
    data = {"invitation": agency_link.pk, **data}
    page = coordinator_client.post(links_url, data)
    body = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in body
    assert message in body
    assert not SingleUseLink.objects.exists()


def test_another_partnerships_invitation_is_refused(coordinator_client, links_url):
    from joinedup.web.partnerships.tests.builders import make_partnership, make_round

    elsewhere = make_round(make_partnership(name="Elsewhere", slug="elsewhere", agencies=["Police"]))
    foreign = elsewhere.invitations.get(agency__name="Police")
    page = coordinator_client.post(links_url, {"invitation": foreign.pk, "how_many": 2})
    assert "Select one of this round&#x27;s agencies" in page.content.decode()
    assert not SingleUseLink.objects.exists()


@pytest.mark.parametrize("role", ["viewer", "partner_lead"])
def test_only_a_coordinator_makes_links(client, agency_link, partnership, links_url, role):
    member = make_user("member")
    add_member(partnership, member, role=role)
    client.force_login(member)
    assert client.post(links_url, {"invitation": agency_link.pk, "how_many": 2}).status_code == 403
    assert not SingleUseLink.objects.exists()


def test_a_link_sends_answers_once_even_from_another_browser(agency_link, instrument):
    link = SingleUseLink.objects.create(invitation=agency_link)
    first = Client()
    assert answer_and_send(first, link.token, instrument).status_code == 302
    assert Response.objects.get().agency == agency_link.agency
    second = Client()
    page = second.get(reverse("survey:start", args=[link.token]))
    assert page.status_code == 410
    assert USED in page.content.decode()
    assert Response.objects.count() == 1


def test_two_browsers_racing_on_one_link_store_one_response(agency_link, instrument):
    """Both start before either sends; the second send is refused and its draft deleted."""
    link = SingleUseLink.objects.create(invitation=agency_link)
    one, two = Client(), Client()
    answer_everything(one, link.token, instrument)
    answer_everything(two, link.token, instrument)
    key_one, key_two = send_key(one, link.token), send_key(two, link.token)
    send_url = reverse("survey:send", args=[link.token])
    assert one.post(send_url, {"idempotency_key": key_one}).status_code == 302
    refused = two.post(send_url, {"idempotency_key": key_two})
    assert refused.status_code == 410
    assert USED in refused.content.decode()
    assert Response.objects.count() == 1
    assert not SurveyDraft.objects.exists()
    assert one.post(send_url, {"idempotency_key": key_one}).status_code == 302, "a repeat still confirms"


def test_the_pages_show_only_the_single_use_link_never_the_agency_link(agency_link, instrument, client):
    link = SingleUseLink.objects.create(invitation=agency_link)
    answer_everything(client, link.token, instrument)
    for url in (reverse("survey:start", args=[link.token]), reverse("survey:check", args=[link.token])):
        body = client.get(url).content.decode()
        assert link.token in body
        assert agency_link.token not in body


def test_a_response_cannot_be_joined_to_its_link():
    response_relations = {
        field.related_model
        for field in Response._meta.get_fields()
        if field.is_relation and field.related_model
    }
    assert SingleUseLink not in response_relations
    link_relations = {
        field.related_model
        for field in SingleUseLink._meta.get_fields()
        if field.is_relation and field.related_model
    }
    assert Response not in link_relations
    # `recipient` is the e-mail address the link was sent to, if it was e-mailed: that table has no
    # response either, and its rows are deleted once the round has closed for good.
    assert {field.name for field in SingleUseLink._meta.get_fields()} == {
        "id",
        "invitation",
        "token",
        "used",
        "recipient",
    }
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, Response._meta.db_table)
    assert not any("link" in column.name for column in columns)


def test_the_links_page_does_not_say_which_links_were_used(
    coordinator_client, agency_link, links_url, instrument
):
    coordinator_client.post(links_url, {"invitation": agency_link.pk, "how_many": 3})
    before = coordinator_client.get(links_url).content.decode()
    answer_and_send(Client(), SingleUseLink.objects.order_by("pk")[0].token, instrument)
    after = coordinator_client.get(links_url).content.decode()
    strip = lambda page: page.split('name="csrfmiddlewaretoken"')[0] + page.split("Make the links")[1]  # noqa: E731
    assert strip(before) == strip(after)
