"""Practice evidence beside the literature: on the factor page, labelled practice-based with its
size and caveat, and only when at least 5 partnerships adopted the intervention."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from joinedup.learning.pool import PRACTICE_CAVEAT, practice_sentence
from joinedup.learning.synthetic import synthetic_records
from joinedup.web.learning import services
from joinedup.web.learning.models import LearningRecord

pytestmark = pytest.mark.django_db

FACTOR = "joint-training"


def _factor_page() -> str:
    return Client().get(reverse("evidence_browser:factor", args=[FACTOR])).content.decode()


def test_the_factor_page_shows_practice_evidence_above_the_minimum_only() -> None:
    services.store_imported([("few.json", r) for r in synthetic_records(8, seed=11, adopt_share=0.5)])
    assert not services.practice_evidence(services.latest_pooled(), factor=FACTOR)
    assert "Practice-based" not in _factor_page().replace(PRACTICE_CAVEAT, "")

    LearningRecord.objects.all().delete()
    services.store_imported([("many.json", r) for r in synthetic_records(12, seed=12, effect=0.6)])
    [entry] = [e.entry for e in services.practice_evidence(services.latest_pooled(), factor=FACTOR)]
    page = _factor_page()
    assert "Practice-based</strong>" in page
    assert (
        practice_sentence(entry).replace("\N{MINUS SIGN}", "&minus;") in page
        or practice_sentence(entry) in page
    )
    assert f"From {entry['adopted']} partnerships that shared learning records" in page
    assert entry["caveat"] in page.replace("&#x27;", "'")


def test_the_dashboard_and_the_report_show_practice_evidence_beside_a_recommendation(demo) -> None:
    from django.utils import timezone

    from joinedup.web.reporting.services import report_data

    LearningRecord.objects.all().delete()
    services.refresh_pooled()
    a_round = demo.partnership.rounds.filter(status="closed").order_by("-opens_on").first()
    before = report_data(a_round, today=timezone.localdate())
    finding = next(f for f in before.findings if before.recommendations.get(f.key))
    recommendation = before.recommendations[finding.key][0]
    dashboard = reverse("reporting:dashboard", args=[demo.partnership.slug])
    assert (
        "Practice-based</strong>"
        not in demo.coordinator.get(dashboard, {"round": a_round.pk}).content.decode()
    )

    records = synthetic_records(12, seed=13, intervention=recommendation.intervention, factor=finding.factor)
    services.store_imported([("many.json", record) for record in records])
    [entry] = [
        e.entry
        for e in services.practice_evidence(services.latest_pooled(), factor=finding.factor)
        if e.intervention == recommendation.intervention
    ]
    page = demo.coordinator.get(dashboard, {"round": a_round.pk}).content.decode()
    assert "Practice-based</strong>" in page, "the stored report data was drawn again with the pooled results"
    assert f"Adopted by {entry['adopted']} partnerships" in page
    report = demo.coordinator.get(
        reverse("reporting:download", args=[demo.partnership.slug, a_round.pk, "html"])
    )
    assert f"Adopted by {entry['adopted']} partnerships" in report.content.decode()
    assert "Practice-based evidence" in report.content.decode()
