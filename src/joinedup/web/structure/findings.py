"""The four structural checks run on a partnership's records, with links to the rows behind
each finding, so the overview page can send a coordinator straight to what needs fixing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from joinedup.checks.finding import CheckFinding, RecordRef, ranked
from joinedup.formatting import long_date
from joinedup.io.structure_kinds import CHECKED_KINDS
from joinedup.web.partnerships.models import Partnership

from .kinds import WEB_KINDS
from .models import FundingLine, Meeting, MeetingAction, Post, RaciTask, Target, UnfundedCost

CHECK_NAMES = {kind.name: kind.check_title for kind in CHECKED_KINDS}
"""The heading of each kind's findings, by the check's name (the kind's)."""


def _on(as_of: object) -> str:
    """A reading's date, held in the record reference as ISO text, as people read it."""
    return long_date(date.fromisoformat(str(as_of)))


def structural_findings(partnership: Partnership, *, today: date) -> list[CheckFinding]:
    """Every kind's check with its default thresholds, most severe first."""
    found: list[CheckFinding] = []
    for kind in CHECKED_KINDS:
        if kind.check is not None:
            found += kind.check(WEB_KINDS[kind.name].records_of(partnership), today)
    return ranked(found)


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
