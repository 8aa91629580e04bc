"""Plain records of a partnership's structure and accountability: roles, targets, meetings,
funding, posts and the action plan.

Both shells build these: the web app from its models, the CLI from sheets read by
`joinedup.io.structure_sheets`. The checks only ever see these records, so a check gives the
same answer whichever shell asked. Agencies are referred to by name. Records validate what
would otherwise make a check silently wrong (a cell for an unknown agency, a post funded by a
line that does not exist); the sheet readers turn the same problems into row-and-column errors
before they get here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from joinedup.evidence.ids import FACTOR_IDS

INTERVENTION_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""The form of an intervention id (a lower-case slug, as the evidence base's schema requires)."""


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


def _require_unique(what: str, values: Iterable[str]) -> None:
    repeated = _duplicates(values)
    if repeated:
        raise ValueError(f"duplicate {what}: {', '.join(repeated)}")


# --- roles -------------------------------------------------------------------------------


class RaciRole(StrEnum):
    """Responsible does the work, Accountable answers for it, Consulted is asked, Informed is told."""

    RESPONSIBLE = "R"
    ACCOUNTABLE = "A"
    CONSULTED = "C"
    INFORMED = "I"


@dataclass(frozen=True)
class RaciTask:
    """A function or task the partnership must cover, e.g. "single point of contact for referrals".

    `competence` names the competence an agency needs to be Responsible for it; tasks without
    one can be given to any agency.
    """

    name: str
    competence: str | None = None


@dataclass(frozen=True)
class RoleAssignment:
    """One letter in one cell of the matrix; an agency both Accountable and Responsible for a
    task has two assignments for it."""

    task: str
    agency: str
    role: RaciRole


@dataclass(frozen=True)
class AgencyCompetence:
    """A competence an agency declares, e.g. "health assessment" for the health visiting service."""

    agency: str
    competence: str


@dataclass(frozen=True)
class RaciMatrix:
    """The responsibility matrix: tasks × member agencies, with the competences agencies declare."""

    agencies: tuple[str, ...]
    tasks: tuple[RaciTask, ...]
    assignments: tuple[RoleAssignment, ...]
    competences: tuple[AgencyCompetence, ...] = ()

    def __post_init__(self) -> None:
        _require_unique("agencies", self.agencies)
        _require_unique("tasks", (task.name for task in self.tasks))
        task_names = {task.name for task in self.tasks}
        _require_unique("assignments", (f"{a.task} / {a.agency} / {a.role.value}" for a in self.assignments))
        for assignment in self.assignments:
            if assignment.task not in task_names:
                raise ValueError(f"assignment for unknown task {assignment.task!r}")
            if assignment.agency not in self.agencies:
                raise ValueError(f"assignment for unknown agency {assignment.agency!r}")
        for competence in self.competences:
            if competence.agency not in self.agencies:
                raise ValueError(f"competence declared by unknown agency {competence.agency!r}")

    @cached_property
    def _cells(self) -> dict[str, dict[str, frozenset[RaciRole]]]:
        """Task → agency → letters, built once so that a large matrix is checked in linear time."""
        cells: dict[str, dict[str, set[RaciRole]]] = {}
        for assignment in self.assignments:
            cells.setdefault(assignment.task, {}).setdefault(assignment.agency, set()).add(assignment.role)
        return {
            task: {agency: frozenset(roles) for agency, roles in row.items()} for task, row in cells.items()
        }

    @cached_property
    def _declared(self) -> dict[str, frozenset[str]]:
        declared: dict[str, set[str]] = {}
        for competence in self.competences:
            declared.setdefault(competence.agency, set()).add(competence.competence)
        return {agency: frozenset(names) for agency, names in declared.items()}

    def roles_of(self, task: str) -> dict[str, frozenset[RaciRole]]:
        """The letters each agency holds for a task (agencies with an empty cell are left out)."""
        return dict(self._cells.get(task, {}))

    def competences_of(self, agency: str) -> frozenset[str]:
        return self._declared.get(agency, frozenset())


# --- targets -----------------------------------------------------------------------------


class Polarity(StrEnum):
    """Whether a rising value is good news (e.g. attendance) or bad news (e.g. re-referrals)."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"


@dataclass(frozen=True)
class Target:
    """A joint target with the National Audit Office's accountability minimums.

    Every field but the reference and title may be missing in real plans; the targets check
    reports what is missing rather than the records refusing it.
    """

    reference: str
    title: str
    measure: str | None = None
    unit: str | None = None
    polarity: Polarity | None = None
    baseline: float | None = None
    baseline_date: date | None = None
    target_value: float | None = None
    target_date: date | None = None
    owner: str | None = None
    responsible_party: str | None = None


@dataclass(frozen=True)
class TargetReading:
    """A value of a target's measure as of a date, with the story behind the curve.

    `reported_by` is None for the partnership's agreed reading and an agency's name for that
    partner's own reading of a shared target, so that disagreement between partners shows.
    """

    target: str
    as_of: date
    value: float
    reported_by: str | None = None
    note: str = ""


@dataclass(frozen=True)
class TargetRecords:
    targets: tuple[Target, ...] = ()
    readings: tuple[TargetReading, ...] = ()

    def __post_init__(self) -> None:
        _require_unique("targets", (target.reference for target in self.targets))
        known = {target.reference for target in self.targets}
        for reading in self.readings:
            if reading.target not in known:
                raise ValueError(f"reading for unknown target {reading.target!r}")
        _require_unique(
            "readings (same target, date and reporter)",
            (f"{r.target} / {r.as_of} / {r.reported_by or 'agreed'}" for r in self.readings),
        )

    def readings_of(self, target: str) -> list[TargetReading]:
        """The target's readings, oldest first."""
        return sorted((r for r in self.readings if r.target == target), key=lambda r: r.as_of)


# --- meetings ----------------------------------------------------------------------------


class MeetingType(StrEnum):
    BOARD = "board"
    OPERATIONAL = "operational"
    TEAM_AROUND_THE_CHILD = "team-around-the-child"


class AttendanceLevel(StrEnum):
    """The seniority at which an agency was represented, from most to least senior."""

    STRATEGIC = "strategic"
    MANAGER = "manager"
    PRACTITIONER = "practitioner"

    @property
    def seniority(self) -> int:
        """3 for strategic, 2 for manager, 1 for practitioner: averages show drift."""
        return {"strategic": 3, "manager": 2, "practitioner": 1}[self.value]


class MeetingActionStatus(StrEnum):
    """What happened to an action at a meeting: first raised, carried over unfinished, or closed."""

    RAISED = "raised"
    CARRIED_OVER = "carried-over"
    DONE = "done"


@dataclass(frozen=True)
class MeetingAttendance:
    agency: str
    level: AttendanceLevel


@dataclass(frozen=True)
class MeetingAction:
    """An action as it stood at one meeting; the same `reference` links its appearances across
    meetings, so the number of times it was carried over is counted, not typed in."""

    reference: str
    description: str
    status: MeetingActionStatus
    owner: str | None = None


@dataclass(frozen=True)
class Meeting:
    reference: str
    held_on: date
    kind: MeetingType
    attendance: tuple[MeetingAttendance, ...] = ()
    decisions: tuple[str, ...] = ()
    actions: tuple[MeetingAction, ...] = ()

    def __post_init__(self) -> None:
        _require_unique(f"agencies at meeting {self.reference}", (a.agency for a in self.attendance))
        _require_unique(f"actions at meeting {self.reference}", (a.reference for a in self.actions))

    def level_of(self, agency: str) -> AttendanceLevel | None:
        """The level the agency attended at, or None if it did not attend."""
        return next((a.level for a in self.attendance if a.agency == agency), None)


@dataclass(frozen=True)
class MeetingRecords:
    """The meetings and the member agencies expected at them: an agency that never turns up is
    only visible against the list of members."""

    agencies: tuple[str, ...] = ()
    meetings: tuple[Meeting, ...] = ()

    def __post_init__(self) -> None:
        _require_unique("agencies", self.agencies)
        _require_unique("meetings", (meeting.reference for meeting in self.meetings))
        for meeting in self.meetings:
            strangers = [a.agency for a in meeting.attendance if a.agency not in self.agencies]
            if strangers:
                raise ValueError(f"meeting {meeting.reference} has unknown agencies: {', '.join(strangers)}")


# --- funding and posts -------------------------------------------------------------------


class FundingMechanism(StrEnum):
    POOLED = "pooled"
    ALIGNED = "aligned"
    SINGLE_AGENCY = "single-agency"
    GRANT = "grant"


class FundingCertainty(StrEnum):
    """Recurring money continues unless someone decides otherwise; time-limited money stops
    on a date; bid money depends on winning it again."""

    RECURRING = "recurring"
    TIME_LIMITED = "time-limited"
    BID = "bid"


class ContractType(StrEnum):
    PERMANENT = "permanent"
    FIXED_TERM = "fixed-term"


@dataclass(frozen=True)
class FundingLine:
    reference: str
    source: str
    agency: str
    amount_per_year: float
    mechanism: FundingMechanism
    certainty: FundingCertainty
    legal_basis: str | None = None
    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.amount_per_year < 0:
            raise ValueError(f"funding line {self.reference}: amount per year is negative")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"funding line {self.reference}: ends before it starts")

    @property
    def is_time_limited(self) -> bool:
        return self.certainty is not FundingCertainty.RECURRING

    def is_current(self, today: date) -> bool:
        return (self.start is None or self.start <= today) and (self.end is None or self.end >= today)


@dataclass(frozen=True)
class Post:
    """A post paid for by one or more funding lines; a fixed-term post's `end` is its contract end."""

    reference: str
    title: str
    agency: str
    funded_by: tuple[str, ...]
    contract: ContractType
    end: date | None = None


@dataclass(frozen=True)
class UnfundedCost:
    """A cost or service the partnership needs but no partner has agreed to pay for."""

    reference: str
    description: str
    amount_per_year: float | None = None
    agencies: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class FundingRecords:
    lines: tuple[FundingLine, ...] = ()
    posts: tuple[Post, ...] = ()
    unfunded_costs: tuple[UnfundedCost, ...] = ()

    def __post_init__(self) -> None:
        _require_unique("funding lines", (line.reference for line in self.lines))
        _require_unique("posts", (post.reference for post in self.posts))
        _require_unique("unfunded costs", (cost.reference for cost in self.unfunded_costs))
        known = {line.reference for line in self.lines}
        for post in self.posts:
            unknown = [ref for ref in post.funded_by if ref not in known]
            if unknown:
                raise ValueError(f"post {post.reference} is funded by unknown lines: {', '.join(unknown)}")

    def line(self, reference: str) -> FundingLine:
        return next(line for line in self.lines if line.reference == reference)


# --- action plan -------------------------------------------------------------------------


class ActionStatus(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class ActionUpdate:
    on: date
    status: ActionStatus
    note: str = ""


@dataclass(frozen=True)
class ActionItem:
    """An item of the partnership's action plan and the finding or factor it addresses.

    The current status is the latest update's, or `status` when there are no updates yet.
    `success_measure` says how the partnership will know it worked; `created_on` is the day it
    entered the plan, when that is known. `intervention` is the evidence base's id of the
    intervention the action was accepted from, so pooled learning records can say which
    interventions were adopted where; only its form is checked here (the sheet reader checks it
    against the evidence base, which the checks do not load).
    """

    reference: str
    what: str
    owner: str
    status: ActionStatus
    due: date | None = None
    factor: str | None = None
    finding: str | None = None
    updates: tuple[ActionUpdate, ...] = ()
    success_measure: str = ""
    created_on: date | None = None
    intervention: str | None = None

    def __post_init__(self) -> None:
        if self.factor is not None and self.factor not in FACTOR_IDS:
            raise ValueError(f"action {self.reference}: {self.factor!r} is not a factor id")
        if self.intervention is not None and not INTERVENTION_ID.fullmatch(self.intervention):
            raise ValueError(f"action {self.reference}: {self.intervention!r} is not an intervention id")

    @property
    def current_status(self) -> ActionStatus:
        if not self.updates:
            return self.status
        return max(self.updates, key=lambda update: update.on).status
