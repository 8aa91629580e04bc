"""The four structural checks run on a partnership's records, with links to the rows behind
each finding, so the overview page can send a coordinator straight to what needs fixing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from joinedup.checks.finding import CheckFinding, RecordRef, ranked
from joinedup.checks.funding import check_funding
from joinedup.checks.meetings import check_meetings
from joinedup.checks.roles import check_roles
from joinedup.checks.targets import check_targets
from joinedup.formatting import long_date
from joinedup.web.partnerships.models import Partnership

from . import convert
from .models import FundingLine, Meeting, MeetingAction, Post, RaciTask, Target, UnfundedCost

CHECK_NAMES = {"roles": "Roles", "targets": "Targets", "meetings": "Meetings", "funding": "Funding and posts"}


def _on(as_of: object) -> str:
    """A reading's date, held in the record reference as ISO text, as people read it."""
    return long_date(date.fromisoformat(str(as_of)))


def structural_findings(partnership: Partnership, *, today: date) -> list[CheckFinding]:
    """All four checks with their default thresholds, most severe first."""
    return ranked(
        check_roles(convert.raci_matrix(partnership), today=today)
        + check_targets(convert.target_records(partnership), today=today)
        + check_meetings(convert.meeting_records(partnership), today=today)
        + check_funding(convert.funding_records(partnership), today=today)
    )


@dataclass(frozen=True)
class RecordLink:
    label: str
    url: str | None


class RecordLinker:
    """Turns a finding's record pointers into page links, reading each kind's ids once."""

    def __init__(self, partnership: Partnership) -> None:
        self.slug = partnership.slug
        self.tasks = dict(RaciTask.objects.filter(partnership=partnership).values_list("name", "pk"))
        self.targets = dict(Target.objects.filter(partnership=partnership).values_list("reference", "pk"))
        self.meetings = dict(Meeting.objects.filter(partnership=partnership).values_list("reference", "pk"))
        self.lines = dict(FundingLine.objects.filter(partnership=partnership).values_list("reference", "pk"))
        self.posts = dict(Post.objects.filter(partnership=partnership).values_list("reference", "pk"))
        self.costs = dict(UnfundedCost.objects.filter(partnership=partnership).values_list("reference", "pk"))
        self.action_first_meeting = dict(
            MeetingAction.objects.filter(meeting__partnership=partnership)
            .order_by("-meeting__held_on")
            .values_list("reference", "meeting_id")
        )

    def _url(self, name: str, ids: dict[str, int], key: object) -> str | None:
        pk = ids.get(str(key))
        return reverse(f"structure:{name}", args=[self.slug, pk]) if pk is not None else None

    def link(self, ref: str | RecordRef) -> RecordLink:
        if isinstance(ref, str):
            return RecordLink(ref, None)
        kind = ref.get("kind")
        if kind in {"raci-task", "raci-cell"}:
            label = f"Task “{ref['task']}”" + (f", {ref['agency']}" if kind == "raci-cell" else "")
            return RecordLink(label, self._url("task", self.tasks, ref["task"]))
        if kind == "target":
            return RecordLink(f"Target {ref['target']}", self._url("target", self.targets, ref["target"]))
        if kind == "target-reading":
            reporter = ref.get("reported_by") or "agreed"
            label = f"Reading of {ref['target']} on {_on(ref['as_of'])} ({reporter})"
            return RecordLink(label, self._url("target", self.targets, ref["target"]))
        if kind == "meeting":
            return RecordLink(
                f"Meeting {ref['meeting']}", self._url("meeting", self.meetings, ref["meeting"])
            )
        if kind == "meeting-action":
            return RecordLink(
                f"Action {ref['action']}", self._url("meeting", self.action_first_meeting, ref["action"])
            )
        if kind == "funding-line":
            return RecordLink(
                f"Funding line {ref['line']}", self._url("funding_line", self.lines, ref["line"])
            )
        if kind == "post":
            return RecordLink(f"Post {ref['post']}", self._url("post", self.posts, ref["post"]))
        if kind == "unfunded-cost":
            return RecordLink(f"Cost {ref['cost']}", self._url("unfunded_cost", self.costs, ref["cost"]))
        if kind == "agency":
            return RecordLink(str(ref["agency"]), None)
        return RecordLink(", ".join(f"{key}: {value}" for key, value in ref.items()), None)

    def links(self, finding: CheckFinding) -> list[RecordLink]:
        return [self.link(ref) for ref in finding.records]
