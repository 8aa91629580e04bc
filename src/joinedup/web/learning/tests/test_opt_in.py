"""Opting in: the check screen shows exactly the record that would be shared, sharing stores that
record and pools it, and only the partnership's own coordinator can see, share or withdraw it."""

from __future__ import annotations

import json
import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from joinedup.formatting import label, month_year
from joinedup.web.learning import services
from joinedup.web.learning.models import LearningRecord, PooledLearning, RecordSource, RecordStatus
from joinedup.web.structure.models import ActionItem

from .conftest import Demo

DD = re.compile(r'<dd class="govuk-summary-list__value">(.*?)</dd>', re.DOTALL)


def _lesson_post(demo: Demo, words: str) -> dict[str, str]:
    following = services.next_round(demo.second)
    actions = services.adopted_actions(demo.second, following)
    assert actions, "the demo adopts actions after its first round"
    return {f"lesson_{actions[0].pk}": words}


def _two_decimals(value: float) -> str:
    return f"{value:.2f}".replace("-", "\N{MINUS SIGN}")


def _expected_values(record: dict) -> list[str]:
    """The words each of the record's values must appear as, worked out from the JSON alone."""
    values = [record["format"], record["contributor"], record["instrument_version"], record["size_band"]]
    year, month = map(int, record["month"].split("-"))
    values.append(month_year(date(year, month, 1)))
    for figures in record["factors"].values():
        values.append(_two_decimals(figures["mean"]))
        values += [_two_decimals(bound) for bound in figures["interval"]]
        values.append(figures["band"].capitalize())
    for action in record["actions"]:
        values.append(label(action["status"]))
        if action["lesson"]:
            values.append(action["lesson"])
        if action["change_interval"]:
            values += [_two_decimals(bound) for bound in action["change_interval"]]
    return values


def test_the_check_screen_shows_exactly_the_record_and_nothing_that_identifies(demo: Demo) -> None:
    first_agency = demo.partnership.agencies.first()
    assert first_agency is not None
    agency = first_agency.name
    words = f"Ask {agency} first; Sarah Jones (sarah.jones@example.org, 07700 900123) ran the sessions."
    url = reverse("learning:lessons", args=[demo.partnership.slug, demo.second.pk])
    assert demo.coordinator.post(url, _lesson_post(demo, words)).status_code == 302

    page = demo.coordinator.get(reverse("learning:check", args=[demo.partnership.slug, demo.second.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    file = demo.coordinator.get(reverse("learning:file", args=[demo.partnership.slug, demo.second.pk]))
    record = json.loads(file.content)
    assert record["factors"] and record["actions"]

    shown = [" ".join(unescape(re.sub(r"<[^>]+>", "", value)).split()) for value in DD.findall(html)]
    fields = 6 + 5 * len(record["factors"]) + 6 * len(record["actions"])
    assert len(shown) == fields, "one row per field of the record, and no other"
    text = " ".join(shown)
    for value in _expected_values(record):
        assert value in text, value
    for factor_id in record["factors"]:
        assert label(factor_id) in html

    lesson = next(a["lesson"] for a in record["actions"] if a["lesson"])
    assert "[email]" in lesson and "[phone]" in lesson
    for secret in (
        demo.partnership.name,
        *demo.partnership.agencies.values_list("name", flat=True),
        "Sarah",
        "Jones",
        "sarah.jones@example.org",
        "demo-coordinator",
        *ActionItem.objects.filter(partnership=demo.partnership).values_list("what", flat=True),
    ):
        assert secret not in text, secret
        assert secret not in json.dumps(record), secret


def test_sharing_stores_the_record_shown_and_pools_it_then_withdrawing_takes_it_out(demo: Demo) -> None:
    slug, round_id = demo.partnership.slug, demo.second.pk
    check = reverse("learning:check", args=[slug, round_id])
    shown = re.search(r'name="digest" value="([0-9a-f]+)"', demo.coordinator.get(check).content.decode())
    assert shown is not None
    digest = shown[1]
    response = demo.coordinator.post(check, {"digest": digest})
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:shared", args=[slug, round_id])
    stored = LearningRecord.objects.get(round=demo.second)
    assert stored.status == RecordStatus.SHARED and stored.record is not None
    assert services.record_digest(stored.record) == digest
    shown_file = json.loads(demo.coordinator.get(reverse("learning:file", args=[slug, round_id])).content)
    assert shown_file == stored.record
    demo_records = LearningRecord.objects.filter(source=RecordSource.DEMO).count()
    assert PooledLearning.objects.get().records == demo_records, "waits for 4 more partnerships to share"
    assert services.waiting(PooledLearning.objects.get()).contributors == 1
    assert demo.coordinator.get(response["Location"]).status_code == 200

    withdraw = reverse("learning:withdraw", args=[slug, round_id])
    for outsider in (demo.other_coordinator,):
        assert outsider.get(withdraw).status_code == 404
        assert outsider.post(withdraw).status_code == 404
        assert outsider.get(reverse("learning:file", args=[slug, round_id])).status_code == 404
        assert outsider.get(check).status_code == 404
    assert demo.viewer.post(withdraw).status_code == 403
    assert LearningRecord.objects.get(round=demo.second).status == RecordStatus.SHARED

    assert demo.coordinator.post(withdraw).status_code == 302
    withdrawn = LearningRecord.objects.get(round=demo.second)
    assert withdrawn.status == RecordStatus.DRAFT and withdrawn.record is None
    assert PooledLearning.objects.get().records == demo_records


def test_a_record_that_changed_since_the_page_was_shown_is_not_shared(demo: Demo) -> None:
    check = reverse("learning:check", args=[demo.partnership.slug, demo.second.pk])
    response = demo.coordinator.post(check, {"digest": "0" * 64})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "has changed since the page was shown" in body
    assert not LearningRecord.objects.filter(round__isnull=False, status=RecordStatus.SHARED).exists()


@pytest.mark.parametrize("name", ["lessons", "check", "file", "withdraw", "shared"])
def test_an_open_round_has_no_learning_record(demo: Demo, name: str) -> None:
    open_round = demo.partnership.rounds.get(status="open")
    response = demo.coordinator.get(reverse(f"learning:{name}", args=[demo.partnership.slug, open_round.pk]))
    assert response.status_code == 404


def test_the_demo_hub_shows_synthetic_partnerships_and_says_so(demo: Demo) -> None:
    page = demo.viewer.get(reverse("learning:hub")).content.decode()
    assert (
        "synthetic, made up by joinedup&#x27;s generator" in page
        or "synthetic, made up by joinedup's generator" in page
    )
    assert "<table" in page and "Practice-based</strong>" in page


def test_a_round_with_no_adopted_actions_goes_on_to_the_check_step(demo: Demo) -> None:
    """The lessons form has no boxes then; posting it must still move on (it once redrew itself)."""
    assert not services.adopted_actions(demo.first, services.next_round(demo.first))
    url = reverse("learning:lessons", args=[demo.partnership.slug, demo.first.pk])
    response = demo.coordinator.post(url, {})
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:check", args=[demo.partnership.slug, demo.first.pk])
    assert LearningRecord.objects.get(round=demo.first).status == RecordStatus.DRAFT


@pytest.mark.django_db
def test_the_check_page_says_no_lesson_and_writes_every_negative_figure_with_one_minus_sign() -> None:
    """An action without a lesson read "None", and intervals used a hyphen where changes used "−"."""
    from joinedup.learning.synthetic import synthetic_records
    from joinedup.web.evidence_browser.source import current_evidence_base
    from joinedup.web.learning.display import NO_LESSON, record_rows

    record = next(record for record in synthetic_records(10, seed=21) if record["actions"])
    record["actions"][0].update(lesson=None, change=-0.25, change_interval=[-0.5, -0.01])
    action = {row.key: row.value for row in record_rows(record, current_evidence_base())["actions"][0].rows}
    assert action["Lesson, as it will be shared"] == NO_LESSON == "No lesson"
    assert action["Change of the factor to the next round"] == "\N{MINUS SIGN}0.25"
    assert action["95% interval of the change"] == "\N{MINUS SIGN}0.50 to \N{MINUS SIGN}0.01"


def test_a_lesson_loses_other_partnerships_names_agencies_in_lower_case_and_bidi_controls(demo: Demo) -> None:
    """"Wendy Blackwood of Hilltop Partnership visited" left "Hilltop" behind, as half a name."""
    from joinedup.web.partnerships.models import Agency, Partnership

    hilltop = Partnership.objects.create(name="Hilltop Partnership", slug="hilltop")
    Agency.objects.create(partnership=hilltop, name="CAMHS")
    words = "Wendy Blackwood of Hilltop Partnership visited; camhs \u202ejoined\u202c later"
    url = reverse("learning:lessons", args=[demo.partnership.slug, demo.second.pk])
    assert demo.coordinator.post(url, _lesson_post(demo, words)).status_code == 302
    stored = services.stored_record(demo.second)
    assert stored is not None
    record = services.build_round_record(demo.second, stored.lessons).record
    lesson = next(action["lesson"] for action in record["actions"] if action["lesson"])
    assert lesson == "[name] of [organisation] visited; [agency] joined later"
