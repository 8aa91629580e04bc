"""The respondent's journey: link, about you, one page per factor, check, send, confirmation."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.models import Agency, Response
from joinedup.web.partnerships.tests.builders import make_partnership
from joinedup.web.survey.models import SurveyDraft

from .flow import answer_about_you, answer_everything, answer_page, factor_order, send_key

pytestmark = pytest.mark.django_db


def test_the_start_page_explains_time_anonymity_and_minimum_group(client, agency_link, instrument):
    page = client.get(reverse("survey:start", args=[agency_link.token]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "10 to 15 minutes" in body
    assert "fewer than 5 people" in body
    assert f"{len(instrument.items)} short statements" in body
    assert "Education" in body
    assert reverse("survey:about_you", args=[agency_link.token]) in body


def test_an_unknown_link_is_not_found(client):
    assert client.get(reverse("survey:start", args=["no-such-token"])).status_code == 404


def test_a_link_that_names_the_agency_asks_only_the_role_group(client, agency_link):
    page = client.get(reverse("survey:about_you", args=[agency_link.token]))
    assert list(page.context["form"].fields) == ["role_group"]
    assert 'name="agency"' not in page.content.decode()


def test_a_general_link_asks_the_agency_from_this_partnership_only(client, any_agency_link, partnership):
    make_partnership(name="Elsewhere", slug="elsewhere", agencies=["Police"])
    page = client.get(reverse("survey:about_you", args=[any_agency_link.token]))
    labels = [option.label for option in page.context["form"].radio_groups()[0].options]
    assert labels == ["Education", "Health visiting"]
    foreign = Agency.objects.get(name="Police")
    refused = answer_about_you(client, any_agency_link.token, agency_id=foreign.pk)
    assert refused.status_code == 200
    assert "Select one of the agencies listed" in refused.content.decode()


def test_role_groups_follow_the_partnership_nation(client, agency_link):
    page = client.get(reverse("survey:about_you", args=[agency_link.token]))
    values = [option.value for option in page.context["form"].radio_groups()[0].options]
    assert "named-person" in values
    assert "designated-safeguarding-lead" not in values


def test_a_page_left_blank_shows_the_error_summary_linked_to_the_first_radio(client, agency_link, instrument):
    answer_about_you(client, agency_link.token)
    page = client.post(reverse("survey:questions", args=[agency_link.token, 1]), {})
    body = page.content.decode()
    first_item = instrument.items_for(factor_order(instrument)[0])[0]
    assert page.status_code == 200
    assert "govuk-error-summary" in body
    assert "Statement 1: select how far you agree" in body
    assert f'href="#id_{first_item.id}_0"' in body
    assert f'id="id_{first_item.id}_0"' in body
    assert "<title>Error:" in body


def test_each_page_shows_its_place_and_the_dont_know_divider(client, agency_link, instrument):
    answer_about_you(client, agency_link.token)
    answer_page(client, agency_link.token, instrument, 1)
    page = client.get(reverse("survey:questions", args=[agency_link.token, 2]))
    body = page.content.decode()
    assert f"Section 2 of {len(factor_order(instrument))}" in body
    assert body.count('class="govuk-radios__divider">or<') == len(
        instrument.items_for(factor_order(instrument)[1])
    )
    assert "What gets in the way" in body


def test_skipping_ahead_returns_to_the_first_unfinished_page(client, agency_link, instrument):
    answer_about_you(client, agency_link.token)
    answer_page(client, agency_link.token, instrument, 1)
    jump = client.get(reverse("survey:questions", args=[agency_link.token, 7]))
    assert jump.status_code == 302
    assert jump.url == reverse("survey:questions", args=[agency_link.token, 2])
    assert client.get(reverse("survey:check", args=[agency_link.token])).url == jump.url


def test_a_page_beyond_the_last_is_not_found(client, agency_link, instrument):
    answer_about_you(client, agency_link.token)
    beyond = len(factor_order(instrument)) + 1
    assert client.get(reverse("survey:questions", args=[agency_link.token, beyond])).status_code == 404


def test_sending_stores_one_anonymous_response_and_forgets_the_draft(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument, value="2")
    answer_page(
        client, agency_link.token, instrument, 3, value="DK", comment="Budgets are set a year at a time"
    )
    key = send_key(client, agency_link.token)
    sent = client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": key})
    assert sent.status_code == 302
    assert sent.url == reverse("survey:sent", args=[agency_link.token])
    stored = Response.objects.get()
    third = factor_order(instrument)[2]
    assert stored.agency.name == "Education"
    assert stored.role_group == "practitioner"
    assert stored.submitted_on == timezone.localdate()
    assert set(stored.answers) == set(instrument.item_ids())
    assert {stored.answers[i.id] for i in instrument.items_for(third)} == {0}
    assert stored.answers[instrument.items_for(factor_order(instrument)[0])[0].id] == 2
    assert stored.comments == {third: "Budgets are set a year at a time"}
    assert not SurveyDraft.objects.exists()
    confirmation = client.get(sent.url)
    assert "Your answers have been sent" in confirmation.content.decode()


def test_the_check_page_lists_every_answer_with_change_links(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument, value="5")
    body = client.get(reverse("survey:check", args=[agency_link.token])).content.decode()
    assert body.count("Strongly agree") == len(instrument.items)
    assert body.count(">Change<") == len(instrument.items) + len(instrument.comment_prompts) + 1
    assert 'name="idempotency_key"' in body


def test_a_change_returns_to_the_check_page(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument)
    token = agency_link.token
    factor = factor_order(instrument)[4]
    changed = client.post(
        reverse("survey:questions", args=[token, 5]) + "?change=1",
        {item.id: "1" for item in instrument.items_for(factor)},
    )
    assert changed.url == reverse("survey:check", args=[token])
    again = client.post(
        reverse("survey:about_you", args=[token]) + "?change=1", {"role_group": "team-leader"}
    )
    assert again.url == reverse("survey:check", args=[token])
    key = send_key(client, token)
    client.post(reverse("survey:send", args=[token]), {"idempotency_key": key})
    stored = Response.objects.get()
    assert stored.role_group == "team-leader"
    assert {stored.answers[item.id] for item in instrument.items_for(factor)} == {1}


def test_a_general_link_stores_the_agency_the_respondent_chose(client, any_agency_link, instrument):
    health = Agency.objects.get(name="Health visiting")
    answer_everything(client, any_agency_link.token, instrument, agency_id=health.pk)
    key = send_key(client, any_agency_link.token)
    client.post(reverse("survey:send", args=[any_agency_link.token]), {"idempotency_key": key})
    assert Response.objects.get().agency == health


def test_a_double_submission_stores_one_response(client, agency_link, instrument):
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    url = reverse("survey:send", args=[agency_link.token])
    first = client.post(url, {"idempotency_key": key})
    second = client.post(url, {"idempotency_key": key})
    assert Response.objects.count() == 1
    assert first.url == second.url == reverse("survey:sent", args=[agency_link.token])


def test_a_resubmission_from_another_tab_with_the_session_intact_stores_one(client, agency_link, instrument):
    """The other request of a double-click may have stored the response after this one read the session."""
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    Response.objects.create(
        round=agency_link.round, agency=agency_link.agency, role_group="practitioner", idempotency_key=key
    )
    client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": key})
    assert Response.objects.count() == 1


def test_sending_without_answers_in_the_session_stores_nothing(client, agency_link):
    page = client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": "made-up"})
    assert page.status_code == 400
    assert "Nothing has been saved" in page.content.decode()
    assert not Response.objects.exists()


def test_sending_before_every_page_is_answered_returns_to_the_gap(client, agency_link, instrument):
    client.get(reverse("survey:start", args=[agency_link.token]))
    answer_about_you(client, agency_link.token)
    key = SurveyDraft.objects.get().data["idempotency_key"]
    refused = client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": key})
    assert refused.url == reverse("survey:questions", args=[agency_link.token, 1])
    assert not Response.objects.exists()


def test_a_too_long_comment_is_refused(client, agency_link, instrument):
    answer_about_you(client, agency_link.token)
    page = answer_page(client, agency_link.token, instrument, 1, comment="x" * 2001)
    assert page.status_code == 200
    assert "2,000 characters or fewer" in page.content.decode()


@pytest.mark.parametrize(
    ("status", "code", "wording"), [("draft", 200, "not opened yet"), ("closed", 410, "has closed")]
)
def test_draft_and_closed_rounds_refuse_answers(client, agency_link, instrument, status, code, wording):
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    agency_link.round.status = status
    agency_link.round.save()
    for url in (
        reverse("survey:start", args=[agency_link.token]),
        reverse("survey:about_you", args=[agency_link.token]),
        reverse("survey:questions", args=[agency_link.token, 1]),
        reverse("survey:check", args=[agency_link.token]),
    ):
        page = client.get(url)
        assert page.status_code == code
        assert wording in page.content.decode()
    refused = client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": key})
    assert refused.status_code == code
    assert not Response.objects.exists()
