from datetime import date, timedelta

import pytest

from joinedup.checks.meetings import check_meetings
from joinedup.checks.records import (
    AttendanceLevel,
    Meeting,
    MeetingAction,
    MeetingActionStatus,
    MeetingAttendance,
    MeetingRecords,
    MeetingType,
)

TODAY = date(2025, 6, 1)
AGENCIES = ("Education", "Health", "Police")
S, M, P = AttendanceLevel.STRATEGIC, AttendanceLevel.MANAGER, AttendanceLevel.PRACTITIONER


def _board(
    index: int, levels: dict[str, AttendanceLevel], decisions=("agreed the plan",), actions=()
) -> Meeting:
    return Meeting(
        f"B{index}",
        date(2024, 1, 15) + timedelta(days=30 * index),
        MeetingType.BOARD,
        tuple(MeetingAttendance(agency, level) for agency, level in levels.items()),
        tuple(decisions),
        tuple(actions),
    )


def _everyone(level=S):
    return dict.fromkeys(AGENCIES, level)


def _check(*meetings, **options):
    return check_meetings(MeetingRecords(AGENCIES, tuple(meetings)), today=TODAY, **options)


def _rules(findings):
    return sorted(f.rule for f in findings)


def test_steady_full_attendance_raises_nothing():
    assert _check(*(_board(i, _everyone()) for i in range(6))) == []


def test_one_meeting_only_is_too_few_to_judge():
    findings = _check(_board(0, {"Health": S}))
    assert [(f.rule, f.severity.value) for f in findings] == [("meetings.too-few-to-judge", "info")]


def test_no_meetings_at_all_raises_nothing():
    assert _check() == []


def test_falling_attendance_is_reported_with_the_missed_meetings():
    meetings = [
        _board(i, _everyone() if i in {0, 1, 2, 5} else {"Education": S, "Health": S}) for i in range(6)
    ]
    findings = _check(*meetings)
    assert [(f.rule, f.severity.value, f.factor) for f in findings] == [
        ("meetings.attendance-falling", "medium", "commitment")
    ]
    assert findings[0].records == [
        {"kind": "agency", "agency": "Police"},
        {"kind": "meeting", "meeting": "B3"},
        {"kind": "meeting", "meeting": "B4"},
    ]


def test_an_agency_that_attended_none_of_six_meetings_is_reported():
    meetings = [_board(i, {"Education": S, "Health": S}) for i in range(6)]
    findings = _check(*meetings)
    assert [(f.rule, f.severity.value, f.factor) for f in findings] == [
        ("meetings.not-attending", "high", "commitment")
    ]
    assert "Police has not attended any of the 6 recorded board meetings" in findings[0].message
    assert findings[0].records == [{"kind": "agency", "agency": "Police"}] + [
        {"kind": "meeting", "meeting": f"B{i}"} for i in range(6)
    ]


def test_stopping_after_attending_is_reported_once_not_also_as_falling():
    meetings = [_board(i, _everyone() if i < 3 else {"Education": S, "Health": S}) for i in range(6)]
    findings = _check(*meetings)
    assert _rules(findings) == ["meetings.not-attending"]
    assert "the latest 3 board meetings (3 in a row, up to B5)" in findings[0].message


@pytest.mark.parametrize(("missed", "reported"), [(2, False), (3, True), (4, True)])
def test_absence_is_counted_up_to_the_latest_meeting(missed, reported):
    meetings = [_board(i, _everyone() if i < 6 - missed else {"Education": S, "Health": S}) for i in range(6)]
    assert ("meetings.not-attending" in _rules(_check(*meetings))) is reported


def test_an_absence_that_ended_is_not_reported_as_not_attending():
    meetings = [_board(i, _everyone() if i not in {1, 2, 3} else {"Education": S}) for i in range(6)]
    assert "meetings.not-attending" not in _rules(_check(*meetings))


def test_absence_is_reported_even_when_too_few_meetings_to_judge_a_trend():
    meetings = [_board(i, {"Education": S, "Health": S}) for i in range(3)]
    assert _rules(_check(*meetings)) == ["meetings.not-attending", "meetings.too-few-to-judge"]


def test_the_number_of_consecutive_absences_can_be_set():
    meetings = [_board(i, _everyone() if i < 4 else {"Education": S, "Health": S}) for i in range(6)]
    assert "meetings.not-attending" in _rules(_check(*meetings, absent_limit=2))
    assert "meetings.not-attending" not in _rules(_check(*meetings, absent_limit=3))
    with pytest.raises(ValueError, match="absent_limit"):
        _check(*meetings, absent_limit=0)


def test_attendance_is_read_over_the_latest_window_only():
    early_absence = [_board(i, {"Education": S, "Health": S}) for i in range(3)]
    steady = [_board(i, _everyone()) for i in range(3, 9)]
    assert _check(*early_absence, *steady) == []


def test_one_missed_meeting_is_not_a_trend():
    meetings = [_board(i, _everyone() if i != 4 else {"Education": S, "Health": S}) for i in range(6)]
    assert _check(*meetings) == []


def test_meetings_planned_after_today_are_ignored():
    meetings = [_board(i, _everyone() if i < 3 else {"Education": S}) for i in range(20, 26)]
    assert _check(*meetings) == []


def test_seniority_drifting_to_practitioner_level():
    meetings = [_board(i, {**_everyone(), "Health": S if i < 3 else P}) for i in range(6)]
    findings = _check(*meetings)
    assert [(f.rule, f.factor) for f in findings] == [("meetings.seniority-drift", "leadership")]
    assert "Health" in findings[0].message


def test_meetings_with_no_decisions():
    meetings = [_board(i, _everyone(), decisions=() if i in (1, 2, 3) else ("x",)) for i in range(6)]
    findings = _check(*meetings)
    assert [(f.rule, f.severity.value, f.factor) for f in findings] == [
        ("meetings.no-decisions", "medium", "shared-purpose")
    ]
    assert [r["meeting"] for r in findings[0].records] == ["B1", "B2", "B3"]


def _action(status: MeetingActionStatus) -> MeetingAction:
    return MeetingAction("A7", "Agree the information sharing protocol", status, owner="Health")


def test_action_carried_over_three_times_and_still_open():
    statuses = ["raised", "carried-over", "carried-over", "carried-over"]
    meetings = [
        _board(i, _everyone(), actions=[_action(MeetingActionStatus(s))]) for i, s in enumerate(statuses)
    ]
    findings = _check(*meetings)
    assert [(f.rule, f.severity.value, f.factor) for f in findings] == [
        ("meetings.carried-over", "high", "leadership")
    ]
    assert "3 times" in findings[0].message


def test_action_carried_over_twice_is_not_reported():
    statuses = ["raised", "carried-over", "carried-over", "done"]
    meetings = [
        _board(i, _everyone(), actions=[_action(MeetingActionStatus(s))]) for i, s in enumerate(statuses)
    ]
    assert _check(*meetings) == []


def test_action_carried_over_three_times_then_done_is_low_severity():
    statuses = ["raised", "carried-over", "carried-over", "carried-over", "done"]
    meetings = [
        _board(i, _everyone(), actions=[_action(MeetingActionStatus(s))]) for i, s in enumerate(statuses)
    ]
    assert [(f.rule, f.severity.value) for f in _check(*meetings)] == [("meetings.carried-over", "low")]


def test_series_are_judged_separately():
    boards = [_board(i, _everyone()) for i in range(6)]
    operational = Meeting(
        "O1", date(2025, 1, 1), MeetingType.OPERATIONAL, (MeetingAttendance("Health", M),), ("x",)
    )
    assert _rules(_check(*boards, operational)) == ["meetings.too-few-to-judge"]


def test_window_must_allow_a_trend():
    with pytest.raises(ValueError):
        _check(window=1)


def test_unknown_agency_at_a_meeting_is_refused():
    with pytest.raises(ValueError, match="unknown agencies"):
        MeetingRecords(AGENCIES, (_board(0, {"Fire service": S}),))
