"""Every structure record can be corrected and deleted, with history and an undo; readings,
targets and actions are refused when they cannot be true, with the GOV.UK error summary."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from joinedup.web.structure.models import (
    ActionItem,
    ActionUpdate,
    AgencyCompetence,
    FundingLine,
    Meeting,
    MeetingAction,
    MeetingAttendance,
    Post,
    RaciCell,
    RaciTask,
    Target,
    TargetReading,
    UnfundedCost,
)
from joinedup.web.structure.views import actions, common, targets
from joinedup.web.tests.dates import date_boxes

from .conftest import TODAY


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    for module in (common, actions, targets):
        monkeypatch.setattr(module, "today", lambda: TODAY)


def _url(name, partnership, *args):
    return reverse(f"structure:{name}", args=[partnership.slug, *args])


def _summary(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200, response.status_code
    assert 'class="govuk-error-summary"' in body and "<title>Error:" in body
    return body


@pytest.fixture
def attendance_target(partnership, agencies):
    return Target.objects.create(
        partnership=partnership,
        reference="T1",
        title="School attendance",
        unit="%",
        polarity="higher",
        baseline=88,
        baseline_date=date(2025, 4, 1),
        target_value=93,
        target_date=date(2027, 3, 31),
        owner=agencies["Education"],
    )


def _reading(value="90", as_of="2026-01-15", **extra):
    return {**date_boxes("as_of", as_of), "value": value, **extra}


# --- validation against meaning ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_reading(as_of="2026-03-02"), "The date of the reading must be today or in the past"),
        (_reading(as_of="2025-03-31"), "on or after the target&#x27;s baseline date, 1 April 2025"),
        (_reading(value="-5"), "The value is a percentage, so it must be between 0 and 100"),
        (_reading(value="140"), "The value is a percentage, so it must be between 0 and 100"),
    ],
)
def test_a_reading_that_cannot_be_true_is_refused_and_nothing_stored(
    partnership, people, attendance_target, data, message
):
    body = _summary(people.coordinator.post(_url("reading_add", partnership, attendance_target.pk), data))
    assert message in body
    assert not TargetReading.objects.exists()


def test_a_reading_on_the_baseline_date_or_today_is_accepted(partnership, people, attendance_target):
    url = _url("reading_add", partnership, attendance_target.pk)
    people.coordinator.post(url, _reading(as_of="2025-04-01", value="0"))
    people.coordinator.post(url, _reading(as_of=TODAY.isoformat(), value="100"))
    assert sorted(TargetReading.objects.values_list("value", flat=True)) == [0, 100]


def test_a_negative_count_is_refused(partnership, people, agencies):
    target = Target.objects.create(
        partnership=partnership, reference="T2", title="Re-referrals", unit="children"
    )
    body = _summary(
        people.coordinator.post(_url("reading_add", partnership, target.pk), _reading(value="-5"))
    )
    assert "The value must be 0 or more" in body


def _target(**extra):
    return {
        "title": "Re-referrals",
        "unit": "%",
        "polarity": "lower",
        "baseline": "18",
        **date_boxes("baseline_date", "2025-04-01"),
        "target_value": "24",
        **date_boxes("target_date", "2027-03-31"),
        **extra,
    }


def test_a_lower_is_better_target_above_its_baseline_is_refused(partnership, people):
    body = _summary(people.coordinator.post(_url("target_add", partnership), _target()))
    assert "Lower is better for this target, so the target value must be below the baseline of 18" in body
    assert 'href="#id_target_value"' in body
    assert not Target.objects.exists()
    people.coordinator.post(_url("target_add", partnership), _target(target_value="12"))
    assert Target.objects.get().target_value == 12


def test_a_percentage_baseline_over_100_is_refused(partnership, people):
    body = _summary(people.coordinator.post(_url("target_add", partnership), _target(baseline="140")))
    assert "The baseline is a percentage, so it must be between 0 and 100" in body


def test_a_baseline_date_moved_after_a_reading_is_refused(partnership, people, attendance_target):
    TargetReading.objects.create(target=attendance_target, as_of=date(2025, 6, 1), value=90)
    data = _target(
        polarity="higher", baseline="88", target_value="93", **date_boxes("baseline_date", "2025-07-01")
    )
    body = _summary(people.coordinator.post(_url("target_edit", partnership, attendance_target.pk), data))
    assert "The baseline date must be on or before the first reading, 1 June 2025" in body


def _action(agencies, **extra):
    return {
        "what": "Agree a shared referral form with every agency",
        "owner": agencies["Police"].pk,
        **date_boxes("due", "2026-09-30"),
        "success_measure": "Signed agreement in the board minutes",
        "status": "not-started",
        **extra,
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"what": "x"}, "what", "Say specifically what will be done"),
        ({"success_measure": "better"}, "success_measure", "Give a success measure someone could check"),
        ({"success_measure": "improve"}, "success_measure", "Give a success measure someone could check"),
        ({"success_measure": ""}, "success_measure", "Say how the partnership will know the action worked"),
        (date_boxes("due", "2026-02-01"), "due", "The due date must be in the future"),
        ({"due-day": "", "due-month": "", "due-year": ""}, "due", "Give a due date"),
    ],
)
def test_adding_an_action_directly_follows_the_recommendation_rules(
    partnership, agencies, people, change, field, message
):
    body = _summary(people.coordinator.post(_url("action_add", partnership), _action(agencies, **change)))
    assert message in body and f'href="#id_{field}' in body
    assert not ActionItem.objects.exists()


def test_a_checkable_action_is_added(partnership, agencies, people):
    response = people.coordinator.post(_url("action_add", partnership), _action(agencies))
    assert response.status_code == 302
    assert ActionItem.objects.get().success_measure == "Signed agreement in the board minutes"


def test_an_overdue_action_can_still_have_its_status_changed(partnership, agencies, people):
    old = ActionItem.objects.create(
        partnership=partnership, reference="A1", what="Train", owner=agencies["Police"], due=date(2025, 1, 1)
    )
    data = {"reference": "A1", "what": "Train", "owner": agencies["Police"].pk, "status": "done"}
    response = people.coordinator.post(
        _url("action_edit", partnership, old.pk), {**data, **date_boxes("due", "2025-01-01")}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == "done"
    moved = {**data, **date_boxes("due", "2025-06-01")}
    assert "The due date must be in the future" in _summary(
        people.coordinator.post(_url("action_edit", partnership, old.pk), moved)
    )


# --- correcting and deleting -------------------------------------------------------------


def test_a_mistyped_reading_is_corrected_with_history(partnership, people, attendance_target):
    reading = TargetReading.objects.create(target=attendance_target, as_of=date(2026, 1, 15), value=9)
    url = _url("reading_edit", partnership, attendance_target.pk, reading.pk)
    assert "Change a reading" in people.coordinator.get(url).content.decode()
    assert people.coordinator.post(url, _reading(value="90")).status_code == 302
    reading.refresh_from_db()
    assert reading.value == 90
    page = people.coordinator.get(attendance_target.get_absolute_url()).content.decode()
    assert "Value: 9 → 90" in page


def test_a_partner_lead_corrects_only_their_own_agencys_reading(
    partnership, agencies, people, attendance_target
):
    theirs = TargetReading.objects.create(
        target=attendance_target, as_of=date(2026, 1, 15), value=9, reported_by=agencies["Police"]
    )
    agreed = TargetReading.objects.create(target=attendance_target, as_of=date(2026, 1, 15), value=9)
    assert (
        people.lead.post(
            _url("reading_edit", partnership, attendance_target.pk, theirs.pk), _reading()
        ).status_code
        == 302
    )
    assert (
        people.lead.post(
            _url("reading_edit", partnership, attendance_target.pk, agreed.pk), _reading()
        ).status_code
        == 403
    )
    assert (
        people.viewer.post(
            _url("reading_edit", partnership, attendance_target.pk, theirs.pk), _reading()
        ).status_code
        == 403
    )
    agreed.refresh_from_db()
    assert agreed.value == 9


def test_a_competence_and_an_update_are_corrected(partnership, agencies, people):
    competence = AgencyCompetence.objects.create(
        agency=agencies["Health visiting"], competence="health assesment"
    )
    url = _url("competence_edit", partnership, competence.pk)
    data = {"agency": agencies["Health visiting"].pk, "competence": "health assessment"}
    assert people.coordinator.post(url, data).status_code == 302
    competence.refresh_from_db()
    assert competence.competence == "health assessment"

    action = ActionItem.objects.create(partnership=partnership, what="Train", owner=agencies["Police"])
    update = ActionUpdate.objects.create(action=action, on=date(2026, 2, 1), status="in-progress")
    url = _url("update_edit", partnership, action.pk, update.pk)
    assert (
        people.coordinator.post(url, {**date_boxes("on", "2026-02-01"), "status": "done"}).status_code == 302
    )
    action.refresh_from_db()
    assert action.status == "done"


def _records(partnership, agencies):
    """One record of every kind, and the records that go with it."""
    task = RaciTask.objects.create(partnership=partnership, name="Referrals")
    RaciCell.objects.create(task=task, agency=agencies["Police"], letters="A")
    competence = AgencyCompetence.objects.create(agency=agencies["Police"], competence="triage")
    target = Target.objects.create(partnership=partnership, reference="T1", title="Attendance")
    reading = TargetReading.objects.create(target=target, as_of=date(2026, 1, 1), value=3)
    meeting = Meeting.objects.create(
        partnership=partnership, reference="M1", held_on=date(2026, 1, 5), kind="board"
    )
    MeetingAttendance.objects.create(meeting=meeting, agency=agencies["Police"], level="strategic")
    MeetingAction.objects.create(meeting=meeting, reference="MA1", description="Write it", status="raised")
    line = FundingLine.objects.create(
        partnership=partnership,
        reference="F1",
        source="Grant",
        agency=agencies["Police"],
        amount_per_year=1000,
        mechanism="grant",
        certainty="recurring",
    )
    post = Post.objects.create(
        partnership=partnership,
        reference="P1",
        title="Worker",
        agency=agencies["Police"],
        contract="permanent",
    )
    post.funded_by.set([line])
    cost = UnfundedCost.objects.create(partnership=partnership, reference="U1", description="Interpreters")
    cost.agencies.set([agencies["Police"], agencies["Education"]])
    action = ActionItem.objects.create(
        partnership=partnership, reference="A1", what="Train", owner=agencies["Police"]
    )
    update = ActionUpdate.objects.create(action=action, on=date(2026, 2, 1), status="in-progress")
    return {
        "task": task,
        "competence": competence,
        "target": target,
        "reading": reading,
        "meeting": meeting,
        "post": post,
        "unfunded-cost": cost,
        "action": action,
        "update": update,
        "funding-line": line,
    }


def _snapshot():
    return {
        "cells": list(RaciCell.objects.values_list("task_id", "agency_id", "letters")),
        "readings": list(TargetReading.objects.values_list("id", "value")),
        "attendance": list(MeetingAttendance.objects.values_list("meeting_id", "agency_id", "level")),
        "meeting actions": list(MeetingAction.objects.values_list("meeting_id", "reference")),
        "updates": list(ActionUpdate.objects.values_list("id", "status")),
        "post lines": sorted(Post.funded_by.through.objects.values_list("post_id", "fundingline_id")),
        "cost agencies": sorted(
            UnfundedCost.agencies.through.objects.values_list("unfundedcost_id", "agency_id")
        ),
    }


KINDS = ["task", "competence", "target", "reading", "meeting", "post", "unfunded-cost", "action", "update"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_record_is_deleted_after_confirmation_and_put_back_by_undo(
    partnership, agencies, people, kind
):
    made = _records(partnership, agencies)
    record = made[kind]
    model = type(record)
    before = _snapshot()
    url = _url("delete", partnership, kind, record.pk)

    confirm = people.coordinator.get(url).content.decode()
    assert "govuk-button--warning" in confirm and "Are you sure" in confirm
    response = people.coordinator.post(url, {"reason": "Typed in by mistake"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=record.pk).exists()

    page = people.coordinator.get(response["Location"])
    body = page.content.decode()
    assert "has been deleted" in body and "Undo: put the" in body
    undo = response["Location"] + "undo/"
    assert people.coordinator.get(undo).status_code == 405
    assert people.viewer.post(undo).status_code == 403
    assert people.coordinator.post(undo).status_code == 302

    assert model.objects.filter(pk=record.pk).exists()
    assert _snapshot() == before
    kinds = list(
        model.history.filter(id=record.pk).order_by("history_id").values_list("history_type", flat=True)
    )
    assert kinds[kinds.index("-") + 1] == "+"


@pytest.mark.parametrize("kind", ["target", "action"])
def test_the_reason_for_deleting_a_target_or_action_is_asked_and_shown_in_history(
    partnership, agencies, people, kind
):
    record = _records(partnership, agencies)[kind]
    url = _url("delete", partnership, kind, record.pk)
    assert "Enter why you are deleting it" in _summary(people.coordinator.post(url, {"reason": " "}))
    too_long = _summary(people.coordinator.post(url, {"reason": "x" * 101}))
    assert "The reason must be 100 characters or fewer" in too_long
    assert type(record).objects.filter(pk=record.pk).exists()

    deleted = people.coordinator.post(url, {"reason": "Agreed at the board to drop it"})
    people.coordinator.post(deleted["Location"] + "undo/")
    page = people.coordinator.get(record.get_absolute_url()).content.decode()
    assert "Reason: Agreed at the board to drop it" in page


def test_undo_is_refused_to_another_partnership(partnership, agencies, people):
    record = _records(partnership, agencies)["task"]
    deleted = people.coordinator.post(_url("delete", partnership, "task", record.pk))
    history_id = RaciTask.history.get(history_type="-").history_id
    other = partnership.__class__.objects.create(name="Elsewhere", slug="elsewhere")
    for name in ("deleted", "restore"):
        assert (
            people.coordinator.post(
                reverse(f"structure:{name}", args=[other.slug, "task", history_id])
            ).status_code
            == 404
        )
    assert people.stranger.post(deleted["Location"] + "undo/").status_code == 404
    assert not RaciTask.objects.exists()


def test_undo_twice_puts_back_once(partnership, agencies, people):
    record = _records(partnership, agencies)["target"]
    deleted = people.coordinator.post(
        _url("delete", partnership, "target", record.pk), {"reason": "Duplicate"}
    )
    people.coordinator.post(deleted["Location"] + "undo/")
    people.coordinator.post(deleted["Location"] + "undo/")
    assert Target.objects.count() == 1 and TargetReading.objects.count() == 1
    assert "has been put back" in people.coordinator.get(deleted["Location"]).content.decode()


def test_undo_is_refused_when_a_new_record_took_its_reference(partnership, agencies, people):
    record = _records(partnership, agencies)["target"]
    deleted = people.coordinator.post(
        _url("delete", partnership, "target", record.pk), {"reason": "Duplicate"}
    )
    Target.objects.create(partnership=partnership, reference="T1", title="Another")
    response = people.coordinator.post(deleted["Location"] + "undo/", follow=True)
    assert "cannot be put back" in response.content.decode()
    assert Target.objects.get().title == "Another"


def test_deleting_the_latest_update_moves_the_action_back_to_the_one_before(partnership, agencies, people):
    action = ActionItem.objects.create(partnership=partnership, what="Train", owner=agencies["Police"])
    ActionUpdate.objects.create(action=action, on=date(2026, 1, 1), status="in-progress")
    latest = ActionUpdate.objects.create(action=action, on=date(2026, 2, 1), status="done")
    action.status = "done"
    action.save()
    people.coordinator.post(_url("delete", partnership, "update", latest.pk))
    action.refresh_from_db()
    assert action.status == "in-progress"
