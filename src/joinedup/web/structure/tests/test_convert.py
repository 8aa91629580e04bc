"""The partnership's rows become exactly the plain records the core checks take."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from joinedup.checks import records
from joinedup.web.structure import convert
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


def test_the_matrix_splits_an_a_and_r_cell_into_two_assignments(partnership, agencies):
    task = RaciTask.objects.create(partnership=partnership, name="Joint training plan", competence="training")
    RaciCell.objects.create(task=task, agency=agencies["Police"], letters="RA")
    RaciCell.objects.create(task=task, agency=agencies["Education"], letters="C")
    AgencyCompetence.objects.create(agency=agencies["Police"], competence="training")

    matrix = convert.raci_matrix(partnership)

    assert matrix.agencies == ("Education", "Health visiting", "Police", "Social work", "Voluntary sector")
    assert matrix.tasks == (records.RaciTask("Joint training plan", "training"),)
    assert matrix.roles_of("Joint training plan") == {
        "Police": frozenset({records.RaciRole.RESPONSIBLE, records.RaciRole.ACCOUNTABLE}),
        "Education": frozenset({records.RaciRole.CONSULTED}),
    }
    assert matrix.competences == (records.AgencyCompetence("Police", "training"),)


def test_a_target_keeps_its_gaps_as_none_and_its_readings_say_who_reported(partnership, agencies):
    target = Target.objects.create(
        partnership=partnership, reference="T1", title="Attendance", polarity="higher"
    )
    TargetReading.objects.create(
        target=target, as_of=date(2025, 6, 30), value=91.5, note="Agreed at the board"
    )
    TargetReading.objects.create(
        target=target, as_of=date(2025, 6, 30), value=90, reported_by=agencies["Police"]
    )

    converted = convert.target_records(partnership)

    assert converted.targets == (
        records.Target("T1", "Attendance", polarity=records.Polarity.HIGHER_IS_BETTER),
    )
    assert set(converted.readings) == {
        records.TargetReading("T1", date(2025, 6, 30), 91.5, None, "Agreed at the board"),
        records.TargetReading("T1", date(2025, 6, 30), 90.0, "Police", ""),
    }


def test_meetings_carry_attendance_decisions_and_actions(partnership, agencies):
    meeting = Meeting.objects.create(
        partnership=partnership,
        reference="B1",
        held_on=date(2025, 5, 1),
        kind="board",
        decisions="Adopt the protocol\n\n  Fund a triage post  ",
    )
    MeetingAttendance.objects.create(meeting=meeting, agency=agencies["Health visiting"], level="manager")
    MeetingAction.objects.create(
        meeting=meeting,
        reference="MA1",
        description="Draft the form",
        status="raised",
        owner=agencies["Police"],
    )

    converted = convert.meeting_records(partnership)

    assert len(converted.agencies) == 5
    assert converted.meetings == (
        records.Meeting(
            "B1",
            date(2025, 5, 1),
            records.MeetingType.BOARD,
            (records.MeetingAttendance("Health visiting", records.AttendanceLevel.MANAGER),),
            ("Adopt the protocol", "Fund a triage post"),
            (records.MeetingAction("MA1", "Draft the form", records.MeetingActionStatus.RAISED, "Police"),),
        ),
    )


def test_funding_lines_posts_and_unfunded_costs(partnership, agencies):
    line = FundingLine.objects.create(
        partnership=partnership,
        reference="F1",
        source="Family support grant",
        agency=agencies["Social work"],
        amount_per_year=Decimal("120000.50"),
        mechanism="grant",
        certainty="time-limited",
        end=date(2026, 3, 31),
    )
    post = Post.objects.create(
        partnership=partnership,
        reference="P1",
        title="Coordinator",
        agency=agencies["Social work"],
        contract="permanent",
    )
    post.funded_by.set([line])
    cost = UnfundedCost.objects.create(partnership=partnership, reference="U1", description="Interpreters")
    cost.agencies.set([agencies["Police"], agencies["Education"]])

    converted = convert.funding_records(partnership)

    assert converted.lines == (
        records.FundingLine(
            "F1",
            "Family support grant",
            "Social work",
            120000.5,
            records.FundingMechanism.GRANT,
            records.FundingCertainty.TIME_LIMITED,
            end=date(2026, 3, 31),
        ),
    )
    assert converted.posts == (
        records.Post("P1", "Coordinator", "Social work", ("F1",), records.ContractType.PERMANENT),
    )
    assert converted.unfunded_costs[0].amount_per_year is None
    assert sorted(converted.unfunded_costs[0].agencies) == ["Education", "Police"]


def test_actions_carry_their_updates_and_current_status(partnership, agencies):
    action = ActionItem.objects.create(
        partnership=partnership,
        reference="AP1",
        what="Publish the pathway",
        owner=agencies["Education"],
        factor="roles-responsibilities",
        finding_key="roles.no-accountable:Chairing",
    )
    ActionUpdate.objects.create(action=action, on=date(2025, 2, 1), status="in-progress", note="Drafted")
    ActionUpdate.objects.create(action=action, on=date(2025, 4, 1), status="done")

    (converted,) = convert.action_items(partnership)

    assert converted.reference == "AP1"
    assert converted.owner == "Education"
    assert converted.factor == "roles-responsibilities"
    assert converted.finding == "roles.no-accountable:Chairing"
    assert converted.current_status is records.ActionStatus.DONE
    assert [u.on for u in converted.updates] == [date(2025, 2, 1), date(2025, 4, 1)]


def test_an_empty_partnership_converts_to_empty_records(partnership):
    assert convert.raci_matrix(partnership).tasks == ()
    assert convert.target_records(partnership) == records.TargetRecords()
    assert convert.meeting_records(partnership).meetings == ()
    assert convert.funding_records(partnership) == records.FundingRecords()
    assert convert.action_items(partnership) == ()
