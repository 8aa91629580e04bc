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
