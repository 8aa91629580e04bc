"""An action accepted from a recommendation remembers the intervention it came from, so a learning
record can say which intervention the partnership tried."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from joinedup.web.evidence_browser.source import current_evidence_base
from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Agency, Membership, Partnership, Role, Round
from joinedup.web.reporting.services import report_data
from joinedup.web.structure.models import ActionItem
from joinedup.web.tests.dates import date_boxes


@pytest.fixture
def accepted(db, client):
    load_demo(today=date(2026, 11, 26))
    client.force_login(get_user_model().objects.get(username="demo-coordinator"))
    a_round = Round.objects.filter(partnership__slug=DEMO_SLUG, status="closed").order_by("-opens_on")[0]
    data = report_data(a_round, today=timezone.localdate())
    finding = next(f for f in data.findings if data.recommendations.get(f.key))
    recommendation = data.recommendations[finding.key][0]
    response = client.post(
        reverse("reporting:accept", args=[DEMO_SLUG, a_round.pk]),
        {
            "finding": finding.key,
            "intervention": recommendation.intervention,
            "what": "Hold a joint process-mapping workshop for referral staff from every agency",
            "owner": Agency.objects.filter(partnership=a_round.partnership)[0].pk,
            **date_boxes("due", timezone.localdate() + timedelta(days=90)),
            "success_measure": "Every agency signs off the new referral map",
        },
    )
    assert response.status_code == 302
    return ActionItem.objects.get(partnership__slug=DEMO_SLUG, finding_key=finding.key), recommendation


def test_an_accepted_recommendation_stores_its_intervention_id(accepted):
    action, recommendation = accepted
    assert recommendation.intervention
    assert action.intervention == recommendation.intervention


def test_the_actions_workbook_carries_the_intervention_there_and_back(db):
    """Downloaded with its intervention, imported into another partnership, the action keeps it."""
    intervention = current_evidence_base().interventions[0].id
    coordinator = get_user_model().objects.create(username="cora")
    clients = {}
    for slug in ("source", "twin"):
        partnership = Partnership.objects.create(name=slug.title(), slug=slug)
        Agency.objects.create(partnership=partnership, name="Police")
        Membership.objects.create(user=coordinator, partnership=partnership, role=Role.COORDINATOR)
        clients[slug] = partnership
    ActionItem.objects.create(
        partnership=clients["source"],
        reference="A1",
        what="Run joint training for referral staff of every agency",
        owner=clients["source"].agencies.get(),
        factor=current_evidence_base().interventions[0].factors[0],
        intervention=intervention,
    )
    client = Client()
    client.force_login(coordinator)
    workbook = client.get(reverse("structure:download_workbook", args=["source", "actions"]))
    assert workbook.status_code == 200
    response = client.post(
        reverse("structure:import", args=["twin", "actions"]),
        {"file": SimpleUploadedFile("actions.xlsx", workbook.content)},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert ActionItem.objects.get(partnership__slug="twin", reference="A1").intervention == intervention
