"""Forms store what coordinators and partner leads enter, and refuse bad input with the GOV.UK
error summary."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from joinedup.web.structure.models import (
    ActionItem,
    FundingLine,
    Meeting,
    MeetingAction,
    Post,
    RaciCell,
    RaciTask,
    Target,
    TargetReading,
)
from joinedup.web.structure.views import actions, common, overview
from joinedup.web.tests.dates import date_boxes

from .conftest import TODAY


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Every view module that asks for today's date gets TODAY, so the tests do not depend on the clock."""
    for module in (common, actions, overview):
        monkeypatch.setattr(module, "today", lambda: TODAY)


def _summary(response) -> str:
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in body
    assert "<title>Error:" in body
    return body


def _url(name, partnership, *args):
    return reverse(f"structure:{name}", args=[partnership.slug, *args])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("task_add", {"name": ""}, "Enter the task or function"),
        ("target_add", {"title": "Attendance", "baseline": "lots"}, "Enter the baseline as a number"),
        ("funding_line_add", {"source": "Grant"}, "Choose the contributing agency"),
        ("post_add", {"title": "Worker", "contract": "fixed-term"}, "Choose at least one funding line"),
        ("unfunded_cost_add", {"amount_per_year": "-5"}, "Describe the cost or service"),
        ("action_add", {"what": "Train", "factor": "not-a-factor"}, "Choose a factor from the list"),
        (
            "meeting_add",
            {"held_on-day": "30", "held_on-month": "2", "held_on-year": "2025"},
            "The date of the meeting must be a real date",
        ),
        ("competence_add", {}, "Choose the agency"),
        ("import", {}, "Choose a CSV or Excel file to upload"),
    ],
)
def test_every_form_shows_the_error_summary(partnership, people, name, data, message):
    args = ("targets",) if name == "import" else ()
    body = _summary(people.coordinator.post(_url(name, partnership, *args), data))
    assert message in body


def test_adding_a_target_numbers_it_and_takes_the_owner(partnership, agencies, people):
    response = people.coordinator.post(
        _url("target_add", partnership),
        {
            "title": "Attendance",
            "polarity": "higher",
            "baseline": "86",
            **date_boxes("baseline_date", "2024-04-01"),
            "target_value": "92",
            **date_boxes("target_date", "2027-03-31"),
            "owner": agencies["Education"].pk,
        },
    )
    target = Target.objects.get(partnership=partnership)
    assert response.status_code == 302
    assert target.owner is not None
    assert (target.reference, target.owner.name, target.target_value) == ("T1", "Education", 92.0)


def test_a_target_date_before_its_baseline_is_refused(partnership, people):
    body = _summary(
        people.coordinator.post(
            _url("target_add", partnership),
            {
                "title": "Attendance",
                **date_boxes("baseline_date", "2026-01-01"),
                **date_boxes("target_date", "2025-01-01"),
            },
        )
    )
    assert "The target date must be after the baseline date" in body
    assert not Target.objects.exists()


def test_a_partner_lead_records_only_their_own_agencys_reading(partnership, agencies, people):
    target = Target.objects.create(partnership=partnership, reference="T1", title="Attendance")
    url = _url("reading_add", partnership, target.pk)

    page = people.lead.get(url).content.decode()
    response = people.lead.post(
        url,
        {**date_boxes("as_of", "2026-01-31"), "value": "88.5", "reported_by": agencies["Health visiting"].pk},
    )

    assert "You are recording Police" in page
    assert 'name="reported_by"' not in page
    assert response.status_code == 302
    assert TargetReading.objects.get().reported_by == agencies["Police"]


def test_a_coordinator_records_the_agreed_figure_and_a_second_one_is_refused(partnership, people):
    target = Target.objects.create(partnership=partnership, reference="T1", title="Attendance")
    url = _url("reading_add", partnership, target.pk)

    people.coordinator.post(url, {**date_boxes("as_of", "2026-01-31"), "value": "88"})
    body = _summary(people.coordinator.post(url, {**date_boxes("as_of", "2026-01-31"), "value": "89"}))

    assert TargetReading.objects.get().reported_by is None
    assert "There is already a reading for the agreed figure on that date" in body


def test_saving_the_grid_creates_changes_and_empties_cells(partnership, agencies, people):
    task = RaciTask.objects.create(partnership=partnership, name="Referrals")
    RaciCell.objects.create(task=task, agency=agencies["Police"], letters="C")
    RaciCell.objects.create(task=task, agency=agencies["Education"], letters="I")
    grid = {f"cell-{task.pk}-{agency.pk}": "" for agency in agencies.values()}
    grid |= {
        f"cell-{task.pk}-{agencies['Social work'].pk}": "RA",
        f"cell-{task.pk}-{agencies['Police'].pk}": "R",
    }

    response = people.lead.post(_url("roles", partnership), grid)

    assert response.status_code == 302
    assert {(c.agency.name, c.letters) for c in RaciCell.objects.all()} == {
        ("Social work", "RA"),
        ("Police", "R"),
    }


def test_a_cell_outside_the_choices_is_refused_next_to_the_cell(partnership, agencies, people):
    task = RaciTask.objects.create(partnership=partnership, name="Referrals")
    body = _summary(
        people.coordinator.post(_url("roles", partnership), {f"cell-{task.pk}-{agencies['Police'].pk}": "X"})
    )
    assert "Choose R, A, C, I, A and R, or leave the cell empty" in body
    assert not RaciCell.objects.exists()


def test_a_new_meeting_records_attendance_carries_open_actions_and_raises_new_ones(
    partnership, agencies, people
):
    earlier = Meeting.objects.create(
        partnership=partnership, reference="B1", held_on=date(2025, 1, 10), kind="board"
    )
    MeetingAction.objects.create(
        meeting=earlier, reference="MA1", description="Draft the form", status="raised"
    )
    MeetingAction.objects.create(meeting=earlier, reference="MA2", description="Book a room", status="done")

    response = people.coordinator.post(
        _url("meeting_add", partnership),
        {
            **date_boxes("held_on", "2025-03-10"),
            "kind": "board",
            "decisions": "Adopt the form",
            f"level-{agencies['Police'].pk}": "strategic",
            f"level-{agencies['Education'].pk}": "practitioner",
            "carried-MA1": "carried-over",
            "new-action-1": "Write to schools",
            "new-owner-1": agencies["Education"].pk,
        },
    )

    meeting = Meeting.objects.get(reference="M2")
    assert response.status_code == 302
    assert {(a.agency.name, a.level) for a in meeting.attendance.all()} == {
        ("Police", "strategic"),
        ("Education", "practitioner"),
    }
    assert {(a.reference, a.status) for a in meeting.actions.all()} == {
        ("MA1", "carried-over"),
        ("MA3", "raised"),
    }
    page = people.coordinator.get(meeting.get_absolute_url()).content.decode()
    assert earlier.get_absolute_url() in page


def test_a_new_action_owner_without_a_description_is_refused(partnership, agencies, people):
    body = _summary(
        people.coordinator.post(
            _url("meeting_add", partnership),
            {**date_boxes("held_on", "2025-03-10"), "kind": "board", "new-owner-2": agencies["Police"].pk},
        )
    )
    assert "Describe new action 2, or choose no owner for it" in body
    assert not Meeting.objects.exists()


def test_a_fixed_term_post_needs_its_end_date(partnership, agencies, people):
    line = FundingLine.objects.create(
        partnership=partnership,
        reference="F1",
        source="Grant",
        agency=agencies["Police"],
        amount_per_year=1000,
        mechanism="grant",
        certainty="bid",
    )
    data = {
        "title": "Worker",
        "agency": agencies["Police"].pk,
        "funded_by": [line.pk],
        "contract": "fixed-term",
    }

    body = _summary(people.coordinator.post(_url("post_add", partnership), data))
    response = people.coordinator.post(_url("post_add", partnership), data | date_boxes("end", "2026-09-30"))

    assert "Enter the date a fixed-term contract ends" in body
    assert response.status_code == 302
    assert list(Post.objects.get().funded_by.all()) == [line]


def test_an_update_moves_the_action_to_its_status_and_cannot_be_in_the_future(partnership, agencies, people):
    people.coordinator.post(
        _url("action_add", partnership),
        {
            "what": "Train every police officer in the referral pathway",
            "owner": agencies["Police"].pk,
            **date_boxes("due", "2026-09-30"),
            "success_measure": "40 officers trained by September",
            "status": "not-started",
            "factor": "joint-training",
        },
    )
    action = ActionItem.objects.get()
    url = _url("update_add", partnership, action.pk)

    body = _summary(people.coordinator.post(url, {**date_boxes("on", "2026-12-01"), "status": "done"}))
    people.lead.post(
        url, {**date_boxes("on", "2026-02-20"), "status": "in-progress", "note": "First session held"}
    )

    action.refresh_from_db()
    assert "The date of the update must be today or in the past" in body
    assert (action.reference, action.status) == ("A1", "in-progress")
    assert action.updates.get().note == "First session held"


def test_a_reference_in_use_is_refused(partnership, people):
    Target.objects.create(partnership=partnership, reference="T1", title="Attendance")
    body = _summary(
        people.coordinator.post(_url("target_add", partnership), {"reference": "t1", "title": "Other"})
    )
    assert "This partnership already has a record with that reference" in body


def test_deleting_a_target_asks_first_then_removes_it_with_its_readings_and_keeps_history(
    partnership, people
):
    target = Target.objects.create(partnership=partnership, reference="T1", title="Attendance")
    TargetReading.objects.create(target=target, as_of=date(2026, 1, 1), value=3)
    url = _url("delete", partnership, "target", target.pk)

    confirm = people.coordinator.get(url).content.decode()
    without_reason = _summary(people.coordinator.post(url))
    assert Target.objects.exists()
    response = people.coordinator.post(url, {"reason": "Entered twice"})

    assert "Are you sure you want to delete this target?" in confirm and "Its readings go with it." in confirm
    assert "govuk-button--warning" in confirm
    assert "Enter why you are deleting it" in without_reason
    assert response.status_code == 302
    assert not Target.objects.exists() and not TargetReading.objects.exists()
    gone = Target.history.get(history_type="-", history_user__username="cora")
    assert gone.history_change_reason == "Entered twice"


def test_records_of_another_partnership_or_kind_cannot_be_deleted(partnership, people):
    other = partnership.__class__.objects.create(name="Elsewhere", slug="elsewhere")
    target = Target.objects.create(partnership=other, reference="T1", title="Attendance")

    assert people.coordinator.post(_url("delete", partnership, "target", target.pk)).status_code == 404
    assert (
        people.coordinator.post(_url("delete", partnership, "partnership", partnership.pk)).status_code == 404
    )
    assert Target.objects.exists()


def test_an_action_added_without_a_reference_is_numbered(partnership, agencies):
    first = ActionItem.objects.create(partnership=partnership, what="Train", owner=agencies["Police"])
    second = ActionItem.objects.create(partnership=partnership, what="Publish", owner=agencies["Police"])

    assert (first.reference, second.reference) == ("A1", "A2")
