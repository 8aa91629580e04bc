"""Made-up structure records for the demo partnership, written to show every check at work.

Beside healthy records there are deliberate gaps: a task nobody is accountable for, a target
off track on which partners disagree, an agency that stopped coming to the board, an action
carried over meeting after meeting, a permanent post on money that runs out. Dates are set
relative to `today`, so the demo reads the same whenever it is loaded. Every record is found
by its reference before it is created, so loading twice adds nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Model

from joinedup.web.partnerships.models import Agency, Partnership

from .models import (
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

MIN_AGENCIES = 5
LEAD_GROUPS = ("social-work", "health", "education", "police", "third-sector")
"""The demo's leading roles go to one agency of each of these groups, in this order, where the
partnership has one: social work holds the referral pathway, education the school liaison."""


def _ensure(
    model: type[Model], lookup: dict[str, Any], values: dict[str, Any] | None = None
) -> tuple[Any, bool]:
    return model._default_manager.get_or_create(**lookup, defaults=values or {})


def _roles(partnership: Partnership, a: list[Agency]) -> None:
    matrix: list[tuple[str, str, list[tuple[Agency, str]]]] = [
        (
            "Single point of contact for referrals",
            "referral triage",
            [(a[0], "A"), (a[1], "R"), (a[2], "C"), (a[3], "I")],
        ),
        ("Chairing the team around the child", "", [(a[1], "R"), (a[2], "C"), (a[3], "I")]),
        ("Joint training plan", "", [(a[0], "A"), (a[2], "A"), (a[3], "R")]),
        ("Health assessment of looked-after children", "health assessment", [(a[1], "A"), (a[2], "R")]),
        ("Information-sharing protocol", "", [(a[0], "RA"), *((agency, "C") for agency in a[1:])]),
    ]
    for name, competence, cells in matrix:
        task, _ = _ensure(RaciTask, {"partnership": partnership, "name": name}, {"competence": competence})
        for agency, letters in cells:
            _ensure(RaciCell, {"task": task, "agency": agency}, {"letters": letters})
    for agency, competence in [
        (a[1], "health assessment"),
        (a[1], "referral triage"),
        (a[2], "school liaison"),
    ]:
        _ensure(AgencyCompetence, {"agency": agency, "competence": competence})


def _targets(partnership: Partnership, a: list[Agency], today: date) -> None:
    two_years_ago, next_year = today - timedelta(days=730), today + timedelta(days=365)
    targets: list[tuple[str, dict[str, Any], list[tuple[int, float, Agency | None, str]]]] = [
        (
            "T1",
            {
                "title": "School attendance of children in need",
                "measure": "Share of school sessions attended by children in need",
                "unit": "%",
                "polarity": "higher",
                "baseline": 86.0,
                "baseline_date": two_years_ago,
                "target_value": 92.0,
                "target_date": next_year,
                "owner": a[2],
                "responsible_party": "Chief officers' group",
            },
            [
                (365, 88.2, None, "Attendance officers now join team-around-the-child meetings."),
                (60, 90.1, None, "Steady rise since the joint attendance protocol."),
            ],
        ),
        (
            "T2",
            {
                "title": "Re-referrals to children's social work within 12 months",
                "measure": "Share of referrals that are re-referrals within 12 months",
                "unit": "%",
                "polarity": "lower",
                "baseline": 24.0,
                "baseline_date": two_years_ago,
                "target_value": 15.0,
                "target_date": next_year,
                "owner": a[0],
                "responsible_party": "Children's services board",
            },
            [
                (365, 24.0, None, "No change yet: the early help offer started late."),
                (90, 23.5, None, "Still flat; the board asked for a deep dive."),
                (90, 23.5, a[0], ""),
                (90, 21.0, a[3], "Counted from our own case system, excluding transfers in."),
            ],
        ),
        (
            "T3",
            {
                "title": "Waiting time for a first mental health appointment",
                "measure": "Median weeks from referral to first appointment",
                "unit": "weeks",
                "polarity": "lower",
                "baseline": 18.0,
                "target_value": 12.0,
                "target_date": next_year,
            },
            [],
        ),
    ]
    for reference, values, readings in targets:
        target, _ = _ensure(Target, {"partnership": partnership, "reference": reference}, values)
        for days_ago, value, reporter, note in readings:
            _ensure(
                TargetReading,
                {"target": target, "as_of": today - timedelta(days=days_ago), "reported_by": reporter},
                {"value": value, "note": note},
            )


def _meetings(partnership: Partnership, a: list[Agency], today: date) -> None:
    """Six board meetings, two months apart: one agency stops coming, one misses two in a row,
    one sends juniors, two decide nothing, and one action comes back four times."""
    decisions = [
        "Adopt the joint attendance protocol\nAsk health to lead the information-sharing review",
        "Approve the early help offer",
        "Agree the training calendar for the year",
        "",
        "",
        "Commission a review of re-referrals",
    ]
    actions = [
        [
            ("MA1", "Agree a shared referral form", "raised", a[1]),
            ("MA2", "Circulate the draft protocol", "raised", a[0]),
        ],
        [
            ("MA1", "Agree a shared referral form", "carried-over", a[1]),
            ("MA2", "Circulate the draft protocol", "done", a[0]),
        ],
        [("MA1", "Agree a shared referral form", "carried-over", a[1])],
        [("MA1", "Agree a shared referral form", "carried-over", a[1])],
        [
            ("MA1", "Agree a shared referral form", "carried-over", a[1]),
            ("MA3", "Report on post vacancies", "raised", a[0]),
        ],
        [
            ("MA1", "Agree a shared referral form", "carried-over", a[1]),
            ("MA3", "Report on post vacancies", "done", a[0]),
        ],
    ]
    for number in range(6):
        earlier = number < 3
        attendance = {a[0]: "strategic", a[1]: "strategic" if earlier else "practitioner"}
        if number not in {3, 4}:
            attendance[a[3]] = "manager"
        if earlier:
            attendance[a[2]] = "manager"
        attendance.update({agency: "manager" for agency in a[MIN_AGENCIES:]})
        meeting, _ = _ensure(
            Meeting,
            {"partnership": partnership, "reference": f"B{number + 1}"},
            {
                "held_on": today - timedelta(days=330 - 60 * number),
                "kind": "board",
                "decisions": decisions[number],
            },
        )
        for agency, level in attendance.items():
            _ensure(MeetingAttendance, {"meeting": meeting, "agency": agency}, {"level": level})
        for reference, description, status, owner in actions[number]:
            _ensure(
                MeetingAction,
                {"meeting": meeting, "reference": reference},
                {"description": description, "status": status, "owner": owner},
            )


def _funding(partnership: Partnership, a: list[Agency], today: date) -> None:
    lines = {
        "F1": {
            "source": "Council children's services budget",
            "agency": a[0],
            "amount_per_year": 250000,
            "mechanism": "aligned",
            "certainty": "recurring",
            "start": today - timedelta(days=1095),
        },
        "F2": {
            "source": "Family support grant",
            "agency": a[0],
            "amount_per_year": 120000,
            "mechanism": "grant",
            "certainty": "time-limited",
            "start": today - timedelta(days=730),
            "end": today + timedelta(days=180),
        },
        "F3": {
            "source": "Pooled early help budget",
            "agency": a[1],
            "amount_per_year": 80000,
            "mechanism": "pooled",
            "certainty": "recurring",
            "start": today - timedelta(days=365),
        },
        "F4": {
            "source": "Community fund bid for youth work",
            "agency": a[4],
            "amount_per_year": 30000,
            "mechanism": "grant",
            "certainty": "bid",
            "start": today - timedelta(days=180),
            "end": today + timedelta(days=730),
        },
    }
    stored = {
        ref: _ensure(FundingLine, {"partnership": partnership, "reference": ref}, values)[0]
        for ref, values in lines.items()
    }
    posts = [
        ("P1", "Family support coordinator", a[0], "permanent", None, ["F2"]),
        ("P2", "Early help practitioner", a[1], "fixed-term", today + timedelta(days=150), ["F2"]),
        ("P3", "Youth worker", a[4], "permanent", None, ["F4"]),
        ("P4", "Partnership manager", a[0], "permanent", None, ["F1"]),
    ]
    for reference, title, agency, contract, end, funded_by in posts:
        post, created = _ensure(
            Post,
            {"partnership": partnership, "reference": reference},
            {"title": title, "agency": agency, "contract": contract, "end": end},
        )
        if created:
            post.funded_by.set([stored[line] for line in funded_by])
    cost, created = _ensure(
        UnfundedCost,
        {"partnership": partnership, "reference": "U1"},
        {
            "description": "Interpreters for family meetings",
            "amount_per_year": 15000,
            "note": "Each agency pays for its own meetings; joint meetings go without.",
        },
    )
    if created:
        cost.agencies.set([a[0], a[1]])


def _actions(partnership: Partnership, a: list[Agency], today: date) -> None:
    plan = [
        (
            "AP1",
            "Agree one accountable agency for chairing the team around the child",
            a[0],
            60,
            "accountability",
            "A named chair for every team around the child",
            [(40, "not-started", ""), (10, "in-progress", "Options paper to the board")],
        ),
        (
            "AP2",
            "Sign a section 75 agreement for the pooled early help budget",
            a[1],
            120,
            "shared-resources",
            "Agreement signed by both chief executives",
            [],
        ),
        (
            "AP3",
            "Run joint training on the information-sharing protocol",
            a[2],
            -30,
            "joint-training",
            "Three sessions, every agency represented",
            [(75, "in-progress", "First session held; two to book")],
        ),
        (
            "AP4",
            "Publish the partnership's referral pathway",
            a[0],
            -90,
            "roles-responsibilities",
            "Pathway on every agency's intranet",
            [(150, "in-progress", "Draft shared"), (95, "done", "Published")],
        ),
        (
            "AP5",
            "Find continuation funding for the family support coordinator",
            a[0],
            150,
            "funding",
            "Post funded beyond the grant's end",
            [(20, "in-progress", "Bid drafted")],
        ),
    ]
    for reference, what, owner, due_in, factor, measure, updates in plan:
        status = updates[-1][1] if updates else "not-started"
        action, created = _ensure(
            ActionItem,
            {"partnership": partnership, "reference": reference},
            {
                "what": what,
                "owner": owner,
                "due": today + timedelta(days=due_in),
                "factor": factor,
                "success_measure": measure,
                "status": status,
                "created_on": today - timedelta(days=200),
            },
        )
        if created:
            for days_ago, update_status, note in updates:
                ActionUpdate.objects.create(
                    action=action, on=today - timedelta(days=days_ago), status=update_status, note=note
                )


def _cast(partnership: Partnership) -> list[Agency]:
    """The partnership's agencies, those leading a group of `LEAD_GROUPS` first, then by name."""
    agencies = list(partnership.agencies.order_by("name"))
    leads = [
        next(agency for agency in agencies if agency.coarse_group == group)
        for group in LEAD_GROUPS
        if any(agency.coarse_group == group for agency in agencies)
    ]
    return leads + [agency for agency in agencies if agency not in leads]


@transaction.atomic
def load_demo_structure(partnership: Partnership, *, today: date) -> None:
    """Roles, targets, meetings, funding and an action plan for the demo partnership.

    Needs at least five member agencies; records that already exist are left as they are.
    """
    agencies = _cast(partnership)
    if len(agencies) < MIN_AGENCIES:
        raise ValueError(
            f"the demo structure needs at least {MIN_AGENCIES} agencies; {partnership} has {len(agencies)}"
        )
    _roles(partnership, agencies)
    _targets(partnership, agencies, today)
    _meetings(partnership, agencies, today)
    _funding(partnership, agencies, today)
    _actions(partnership, agencies, today)
