"""The meetings check: agencies that have stopped coming, dwindling attendance, meetings that
decide nothing, actions that keep being carried over, and seniority drifting from strategic to
practitioner level.

These are the visible signs of a partnership losing its purpose ("talk shops") and of
commitment held at one level only. Each series of meetings (board, operational, team around
the child) is judged on its own, since agencies attend them at different levels by design.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from joinedup.checks.finding import CheckFinding, RecordRef, Severity
from joinedup.checks.records import Meeting, MeetingActionStatus, MeetingRecords, MeetingType

CHECK = "meetings"


def _meeting_ref(meeting: Meeting) -> RecordRef:
    return {"kind": "meeting", "meeting": meeting.reference}


def _agency_ref(agency: str) -> RecordRef:
    return {"kind": "agency", "agency": agency}


def _action_ref(reference: str) -> RecordRef:
    return {"kind": "meeting-action", "action": reference}


def _kind_label(kind: MeetingType) -> str:
    return kind.value.replace("-", " ")


def _series(records: MeetingRecords, today: date) -> dict[MeetingType, list[Meeting]]:
    """Meetings held by `today`, per type, oldest first; meetings planned for later are ignored."""
    series: dict[MeetingType, list[Meeting]] = defaultdict(list)
    for meeting in sorted(records.meetings, key=lambda m: (m.held_on, m.reference)):
        if meeting.held_on <= today:
            series[meeting.kind].append(meeting)
    return series


def _latest_absences(agency: str, meetings: list[Meeting]) -> list[Meeting]:
    """The meetings the agency has missed since it last attended, oldest first."""
    missed: list[Meeting] = []
    for meeting in reversed(meetings):
        if meeting.level_of(agency) is not None:
            break
        missed.append(meeting)
    return missed[::-1]


def _stopped_attending(
    kind: MeetingType, agencies: tuple[str, ...], meetings: list[Meeting], limit: int
) -> tuple[list[CheckFinding], set[str]]:
    """Agencies absent from at least `limit` meetings in a row up to the latest, and their names.

    This is judged on the whole series, not the trend window: an agency that came to none of
    six meetings has no falling trend to show, yet it is the plainest sign of lost commitment.
    """
    findings: list[CheckFinding] = []
    absent: set[str] = set()
    label = _kind_label(kind)
    for agency in agencies:
        missed = _latest_absences(agency, meetings)
        if len(missed) < limit:
            continue
        absent.add(agency)
        since = (
            f"any of the {len(meetings)} recorded"
            if len(missed) == len(meetings)
            else f"the latest {len(missed)}"
        )
        findings.append(
            CheckFinding(
                CHECK,
                "commitment",
                Severity.HIGH,
                f"{agency} has not attended {since} {label} meetings "
                f"({len(missed)} in a row, up to {missed[-1].reference}).",
                [_agency_ref(agency)] + [_meeting_ref(m) for m in missed],
                rule="meetings.not-attending",
            )
        )
    return findings, absent


def _attendance_trends(
    kind: MeetingType, agencies: tuple[str, ...], window: list[Meeting], drop: float, level_drop: float
) -> list[CheckFinding]:
    """Falling attendance and seniority drift for the given agencies over the trend window."""
    earlier, later = window[: len(window) // 2], window[len(window) // 2 :]
    findings: list[CheckFinding] = []
    label = _kind_label(kind)
    for agency in agencies:
        attended_earlier = [m for m in earlier if m.level_of(agency) is not None]
        attended_later = [m for m in later if m.level_of(agency) is not None]
        fall = len(attended_earlier) / len(earlier) - len(attended_later) / len(later)
        if fall >= drop:
            missed = [m for m in later if m.level_of(agency) is None]
            findings.append(
                CheckFinding(
                    CHECK,
                    "commitment",
                    Severity.HIGH if not attended_later else Severity.MEDIUM,
                    f"{agency}'s attendance at {label} meetings is falling: {len(attended_earlier)} of "
                    f"the {len(earlier)} earlier meetings but {len(attended_later)} of the latest "
                    f"{len(later)}.",
                    [_agency_ref(agency)] + [_meeting_ref(m) for m in missed],
                    rule="meetings.attendance-falling",
                )
            )
        if attended_earlier and attended_later:
            findings += _level_drift(agency, label, attended_earlier, attended_later, level_drop)
    return findings


def _mean_seniority(agency: str, meetings: list[Meeting]) -> float:
    levels = [m.level_of(agency) for m in meetings]
    return sum(level.seniority for level in levels if level is not None) / len(meetings)


def _level_drift(
    agency: str, label: str, earlier: list[Meeting], later: list[Meeting], level_drop: float
) -> list[CheckFinding]:
    before, after = _mean_seniority(agency, earlier), _mean_seniority(agency, later)
    if before - after < level_drop:
        return []
    levels_before = ", ".join(str(m.level_of(agency)) for m in earlier)
    levels_after = ", ".join(str(m.level_of(agency)) for m in later)
    return [
        CheckFinding(
            CHECK,
            "leadership",
            Severity.MEDIUM,
            f"{agency} is sending less senior people to {label} meetings: {levels_before} earlier, "
            f"{levels_after} lately.",
            [_agency_ref(agency)] + [_meeting_ref(m) for m in later],
            rule="meetings.seniority-drift",
        )
    ]


def _no_decisions(kind: MeetingType, meetings: list[Meeting]) -> list[CheckFinding]:
    empty = [m for m in meetings if not m.decisions]
    if not empty:
        return []
    share = len(empty) / len(meetings)
    return [
        CheckFinding(
            CHECK,
            "shared-purpose",
            Severity.MEDIUM if share >= 0.5 else Severity.LOW,
            f"{len(empty)} of {len(meetings)} {_kind_label(kind)} meetings recorded no decision: "
            f"{', '.join(m.reference for m in empty)}.",
            [_meeting_ref(m) for m in empty],
            rule="meetings.no-decisions",
        )
    ]


def _carried_over(meetings: list[Meeting], limit: int) -> list[CheckFinding]:
    """Count each action's carry-overs across all meetings, linked by its reference."""
    appearances: dict[str, list[tuple[Meeting, MeetingActionStatus, str, str | None]]] = defaultdict(list)
    for meeting in sorted(meetings, key=lambda m: (m.held_on, m.reference)):
        for action in meeting.actions:
            appearances[action.reference].append((meeting, action.status, action.description, action.owner))
    findings: list[CheckFinding] = []
    for reference, history in sorted(appearances.items()):
        carried = [meeting for meeting, status, _, _ in history if status is MeetingActionStatus.CARRIED_OVER]
        if len(carried) < limit:
            continue
        still_open = history[-1][1] is not MeetingActionStatus.DONE
        _, _, description, owner = history[-1]
        owner_text = f" (owner: {owner})" if owner else ""
        findings.append(
            CheckFinding(
                CHECK,
                "leadership",
                Severity.HIGH if still_open else Severity.LOW,
                f"Action {reference} “{description}”{owner_text} has been carried over {len(carried)} times"
                + (" and is still open." if still_open else " before it was done."),
                [_action_ref(reference)] + [_meeting_ref(m) for m in carried],
                rule="meetings.carried-over",
            )
        )
    return findings


def check_meetings(
    records: MeetingRecords,
    *,
    today: date,
    min_meetings: int = 4,
    window: int = 6,
    attendance_drop: float = 0.5,
    seniority_drop: float = 1.0,
    carried_over_limit: int = 3,
    absent_limit: int = 3,
) -> list[CheckFinding]:
    """Find agencies that have stopped attending, falling attendance, meetings without decisions,
    actions carried over again and again, and seniority drifting down, in meetings held on or
    before `today`.

    - `min_meetings` (default 4): fewer meetings of a type than this are too few to judge a
      trend; the check says so instead of guessing.
    - `window` (default 6): trends are read over the latest this-many meetings of a type, split
      into an earlier and a later half.
    - `attendance_drop` (default 0.5): an agency's attendance is falling when its attendance
      rate in the later half is this much below the earlier half (0.5 = from all to half).
    - `seniority_drop` (default 1.0): seniority is drifting when the mean level (strategic 3,
      manager 2, practitioner 1) of the agency's attendance falls by this much.
    - `carried_over_limit` (default 3): an action carried over this many times is reported.
    - `absent_limit` (default 3): an agency that has missed this many meetings of a type in a
      row, up to the latest, is reported whatever its earlier attendance, even when there are
      too few meetings to judge a trend; its falling attendance is then not reported again.
    """
    if window < 2 or min_meetings < 2:
        raise ValueError("a trend needs a window and a minimum of at least 2 meetings")
    if absent_limit < 1:
        raise ValueError("absent_limit must be at least 1 meeting")
    findings: list[CheckFinding] = []
    held: list[Meeting] = []
    for kind, meetings in _series(records, today).items():
        held += meetings
        findings += _no_decisions(kind, meetings)
        stopped, absent = _stopped_attending(kind, records.agencies, meetings, absent_limit)
        findings += stopped
        if len(meetings) < min_meetings:
            findings.append(
                CheckFinding(
                    CHECK,
                    "commitment",
                    Severity.INFO,
                    f"Only {len(meetings)} {_kind_label(kind)} meeting(s) recorded: attendance trends "
                    f"are judged from {min_meetings} meetings on.",
                    [_meeting_ref(m) for m in meetings],
                    rule="meetings.too-few-to-judge",
                )
            )
            continue
        still_coming = tuple(agency for agency in records.agencies if agency not in absent)
        findings += _attendance_trends(
            kind, still_coming, meetings[-window:], attendance_drop, seniority_drop
        )
    findings += _carried_over(held, carried_over_limit)
    return findings
