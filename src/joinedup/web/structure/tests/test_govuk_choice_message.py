"""The reading edit form answers a tampered choice of reporter with the GOV.UK message, not
Django's "Select a valid choice. That choice is not one of the available choices."."""

from __future__ import annotations

from django.urls import reverse

from joinedup.web.govuk_forms import INVALID_CHOICE
from joinedup.web.structure.models import Target, TargetReading
from joinedup.web.structure.views import common, targets
from joinedup.web.tests.dates import date_boxes

from .conftest import TODAY


def test_a_tampered_reporter_on_the_reading_edit_form_gets_the_govuk_message(
    partnership, people, agencies, monkeypatch
):
    for module in (common, targets):
        monkeypatch.setattr(module, "today", lambda: TODAY)
    target = Target.objects.create(
        partnership=partnership,
        reference="T1",
        title="School attendance",
        unit="%",
        polarity="higher",
        baseline=88,
        baseline_date=TODAY.replace(year=TODAY.year - 1),
        target_value=93,
        target_date=TODAY.replace(year=TODAY.year + 1),
        owner=agencies["Education"],
    )
    reading = TargetReading.objects.create(target=target, as_of=TODAY, value=90)
    url = reverse("structure:reading_edit", args=[partnership.slug, target.pk, reading.pk])
    response = people.coordinator.post(
        url, {**date_boxes("as_of", TODAY.isoformat()), "value": "91", "reported_by": "999999"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert INVALID_CHOICE in body
    assert "Select a valid choice" not in body
