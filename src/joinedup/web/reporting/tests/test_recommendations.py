"""Turning an evidence-backed recommendation into a SMART action, or setting it aside."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Agency, Round
from joinedup.web.reporting.models import RecommendationDecision
from joinedup.web.reporting.services import report_data
from joinedup.web.structure.models import ActionItem
from joinedup.web.tests.dates import date_boxes


@pytest.fixture
def setting(db, client):
    load_demo(today=date(2026, 11, 26))
    client.force_login(get_user_model().objects.get(username="demo-coordinator"))
    a_round = Round.objects.filter(partnership__slug=DEMO_SLUG, status="closed").order_by("-opens_on")[0]
    data = report_data(a_round, today=timezone.localdate())
    finding = next(f for f in data.findings if data.recommendations.get(f.key))
    recommendation = data.recommendations[finding.key][0]
    return client, a_round, finding, recommendation


def _post(client, a_round, finding, recommendation, **fields):
    owner = Agency.objects.filter(partnership=a_round.partnership)[0]
    data = {
        "finding": finding.key,
        "intervention": recommendation.intervention,
        "what": "Hold a joint process-mapping workshop for referral staff from every agency",
        "owner": owner.pk,
        **date_boxes("due", timezone.localdate() + timedelta(days=90)),
        "success_measure": "Every agency signs off the new referral map",
    }
    data.update(fields)
    return client.post(reverse("reporting:accept", args=[DEMO_SLUG, a_round.pk]), data)


def test_the_form_starts_from_the_recommendation(setting):
    client, a_round, finding, recommendation = setting
    response = client.get(
        reverse("reporting:accept", args=[DEMO_SLUG, a_round.pk]),
        {"finding": finding.key, "intervention": recommendation.intervention},
    )
    assert response.status_code == 200
    assert recommendation.title in response.content.decode()


def test_the_dashboard_and_the_form_say_what_kind_of_advice_each_recommendation_is(setting):
    from django.utils.html import escape

    client, a_round, finding, recommendation = setting
    form = client.get(
        reverse("reporting:accept", args=[DEMO_SLUG, a_round.pk]),
        {"finding": finding.key, "intervention": recommendation.intervention},
    ).content.decode()
    dashboard_url = reverse("reporting:dashboard", args=[DEMO_SLUG])
    dashboard = client.get(dashboard_url, {"round": a_round.pk}).content.decode()
    for page in (form, dashboard):
        assert escape(recommendation.provenance_label) in page
        assert escape(recommendation.basis) in page
        for caveat in recommendation.caveats:
            assert escape(caveat) in page


def test_accepting_adds_an_action_tied_to_the_finding(setting):
    client, a_round, finding, recommendation = setting
    before = ActionItem.objects.count()
    response = _post(client, a_round, finding, recommendation)
    assert response.status_code == 302
    action = ActionItem.objects.get(finding_key=finding.key)
    assert ActionItem.objects.count() == before + 1
    assert action.factor == finding.factor
    assert action.success_measure == "Every agency signs off the new referral map"
    decision = RecommendationDecision.objects.get(
        finding_key=finding.key, intervention=recommendation.intervention
    )
    assert decision.action == action
    dashboard = client.get(reverse("reporting:dashboard", args=[DEMO_SLUG]), {"round": a_round.pk})
    assert "Added to the action plan" in dashboard.content.decode()


def test_an_action_that_is_not_smart_is_refused_with_errors_on_its_fields(setting):
    client, a_round, finding, recommendation = setting
    before = ActionItem.objects.count()
    response = _post(
        client,
        a_round,
        finding,
        recommendation,
        what="Fix it",
        **date_boxes("due", timezone.localdate() - timedelta(days=1)),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert 'href="#id_what"' in body and "at least 5 words" in body
    assert 'href="#id_due-day"' in body and "must be in the future" in body
    assert ActionItem.objects.count() == before
    assert not RecommendationDecision.objects.exists()


def test_setting_aside_records_the_decision_once(setting):
    client, a_round, finding, recommendation = setting
    url = reverse("reporting:reject", args=[DEMO_SLUG, a_round.pk])
    payload = {
        "finding": finding.key,
        "intervention": recommendation.intervention,
        "reason": "Covered already",
    }
    client.post(url, payload)
    client.post(url, {**payload, "reason": "Second thoughts"})
    assert list(RecommendationDecision.objects.values_list("decision", "reason")) == [
        ("rejected", "Covered already")
    ]


def test_setting_aside_asks_for_confirmation_and_a_reason_first(setting):
    client, a_round, finding, recommendation = setting
    url = reverse("reporting:reject", args=[DEMO_SLUG, a_round.pk])
    payload = {"finding": finding.key, "intervention": recommendation.intervention}

    confirm = client.get(url, payload).content.decode()
    refused = client.post(url, payload)

    assert "Are you sure you want to set this recommendation aside?" in confirm
    assert "govuk-button--warning" in confirm and recommendation.title in confirm
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert "Enter why you are setting the recommendation aside" in refused.content.decode()
    assert not RecommendationDecision.objects.exists()


def test_set_aside_is_a_secondary_button_on_the_dashboard_and_the_reason_shows_after(setting):
    client, a_round, finding, recommendation = setting
    dashboard = reverse("reporting:dashboard", args=[DEMO_SLUG])
    body = client.get(dashboard, {"round": a_round.pk}).content.decode()
    set_aside_buttons = [part for part in body.split("<a ") if ">Set aside<" in part]
    assert set_aside_buttons and all("govuk-button--secondary" in part for part in set_aside_buttons)
    assert "govuk-button--warning" not in body

    url = reverse("reporting:reject", args=[DEMO_SLUG, a_round.pk])
    client.post(
        url,
        {"finding": finding.key, "intervention": recommendation.intervention, "reason": "Covered already"},
    )
    assert "Reason: Covered already" in client.get(dashboard, {"round": a_round.pk}).content.decode()


def test_setting_aside_can_be_undone(setting):
    coordinator, a_round, finding, recommendation = setting
    url = reverse("reporting:reject", args=[DEMO_SLUG, a_round.pk])
    payload = {
        "finding": finding.key,
        "intervention": recommendation.intervention,
        "reason": "Covered already",
    }

    response = coordinator.post(url, payload)
    done = coordinator.get(response["Location"]).content.decode()
    decision = RecommendationDecision.objects.get()
    undo = reverse("reporting:set_aside_undo", args=[DEMO_SLUG, a_round.pk, decision.pk])
    assert "Recommendation set aside" in done and "Covered already" in done and undo in done
    assert coordinator.get(undo).status_code == 405
    viewer = Client()
    viewer.force_login(get_user_model().objects.get(username="demo-viewer"))
    assert viewer.post(undo).status_code == 403
    assert RecommendationDecision.objects.exists()

    back = coordinator.post(undo)
    assert back.status_code == 302 and not RecommendationDecision.objects.exists()
    assert coordinator.post(undo).status_code == 404
    assert (
        coordinator.get(
            url, {"finding": finding.key, "intervention": recommendation.intervention}
        ).status_code
        == 200
    )


def test_an_unknown_recommendation_is_not_found(setting):
    client, a_round, _, _ = setting
    url = reverse("reporting:accept", args=[DEMO_SLUG, a_round.pk])
    assert client.get(url, {"finding": "band:nothing", "intervention": "none"}).status_code == 404
