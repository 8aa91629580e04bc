"""The web app's half of the structure-record registry: what each core kind
(`joinedup.io.structure_kinds`) is in the database.

Per sheet kind: its list page, how a partnership's rows become the core records (for the
checks and the downloads) and how imported records are stored. Per record kind: its model,
its form, its detail page, and what deleting it means. Both are keyed by the core names,
and a test holds them to exactly the core kinds, so a kind added in the core cannot be
forgotten here. The delete pages, the sheet import and export, and the overview's checks
all take their kinds from this module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Model

from joinedup.io.structure_kinds import RECORD_KINDS, STRUCTURE_KINDS, RecordKind, StructureKind
from joinedup.io.structure_layouts import Kind
from joinedup.web.partnerships.models import Partnership

from . import convert, store
from .forms import (
    ActionItemForm,
    ActionUpdateForm,
    CompetenceForm,
    FundingLineForm,
    MeetingForm,
    PostForm,
    RaciTaskForm,
    ReadingForm,
    TargetForm,
    UnfundedCostForm,
)
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


@dataclass(frozen=True)
class WebKind:
    """A sheet kind in the web app: `list_page` is its URL name."""

    core: StructureKind
    list_page: str
    records_of: Callable[[Partnership], Any]
    store: Callable[[Any, store.Upserter], None]

    @property
    def name(self) -> Kind:
        return self.core.name

    @property
    def label(self) -> str:
        return self.core.label


@dataclass(frozen=True)
class WebRecordKind:
    """A record kind in the web app.

    `scope` is the field leading to the partnership (`partnership` itself, or a parent that
    has one). `form` and `template` are its add/edit form and detail page, where it has its
    own (a meeting's actions are edited on the meeting's form). `deletable` records get the
    delete, undo and confirmation pages: `after_parent` goes back to the parent's page rather
    than the list, `also` says on the confirmation page what goes with it, `reason` asks why
    (read later, by the next coordinator or at the review), and `children` are the records
    deleted with it, as (model, the field naming it), put back by an undo.
    """

    core: RecordKind
    kind: Kind
    model: type[Model]
    scope: str
    form: type[forms.BaseForm] | None = None
    template: str | None = None
    deletable: bool = True
    after_parent: bool = False
    also: str = ""
    reason: bool = False
    children: tuple[tuple[type[Model], str], ...] = ()

    @property
    def name(self) -> str:
        return self.core.name

    @property
    def noun(self) -> str:
        return self.core.noun

    @property
    def list_page(self) -> str:
        return WEB_KINDS[self.kind].list_page


def _kind(
    name: Kind, records_of: Callable[[Partnership], Any], saver: Callable[[Any, store.Upserter], None]
) -> WebKind:
    return WebKind(STRUCTURE_KINDS[name], f"structure:{name}", records_of, saver)


WEB_KINDS: dict[Kind, WebKind] = {
    kind.name: kind
    for kind in (
        _kind("roles", convert.raci_matrix, store.store_roles),
        _kind("targets", convert.target_records, store.store_targets),
        _kind("meetings", convert.meeting_records, store.store_meetings),
        _kind("funding", convert.funding_records, store.store_funding),
        _kind("actions", convert.action_items, store.store_actions),
    )
}


def _record(
    name: str, kind: Kind, model: type[Model], scope: str = "partnership", **rest: Any
) -> WebRecordKind:
    return WebRecordKind(RECORD_KINDS[name], kind, model, scope, **rest)


WEB_RECORDS: dict[str, WebRecordKind] = {
    record.name: record
    for record in (
        _record(
            "task",
            "roles",
            RaciTask,
            form=RaciTaskForm,
            template="structure/task_detail.html",
            also="Its row of the matrix goes with it.",
            children=((RaciCell, "task_id"),),
        ),
        _record("competence", "roles", AgencyCompetence, "agency", form=CompetenceForm),
        _record(
            "target",
            "targets",
            Target,
            form=TargetForm,
            template="structure/target_detail.html",
            also="Its readings go with it.",
            reason=True,
            children=((TargetReading, "target_id"),),
        ),
        _record("reading", "targets", TargetReading, "target", form=ReadingForm, after_parent=True),
        _record(
            "meeting",
            "meetings",
            Meeting,
            form=MeetingForm,
            template="structure/meeting_detail.html",
            also="Its attendance and the actions recorded at it go with it.",
            children=((MeetingAttendance, "meeting_id"), (MeetingAction, "meeting_id")),
        ),
        _record("meeting-action", "meetings", MeetingAction, "meeting", deletable=False),
        _record(
            "funding-line",
            "funding",
            FundingLine,
            form=FundingLineForm,
            template="structure/funding_line_detail.html",
            also="Posts paid from it lose that link.",
        ),
        _record("post", "funding", Post, form=PostForm, template="structure/post_detail.html"),
        _record(
            "unfunded-cost",
            "funding",
            UnfundedCost,
            form=UnfundedCostForm,
            template="structure/unfunded_cost_detail.html",
        ),
        _record(
            "action",
            "actions",
            ActionItem,
            form=ActionItemForm,
            template="structure/action_detail.html",
            also="Its updates go with it.",
            reason=True,
            children=((ActionUpdate, "action_id"),),
        ),
        _record("update", "actions", ActionUpdate, "action", form=ActionUpdateForm, after_parent=True),
    )
}

DELETABLE: dict[str, WebRecordKind] = {
    name: record for name, record in WEB_RECORDS.items() if record.deletable
}
"""The record kinds with delete pages, by the name their URLs carry."""


def web_kind(name: str) -> WebKind | None:
    """The sheet kind of that name, or None (an unknown name in a URL)."""
    for kind in WEB_KINDS.values():
        if kind.name == name:
            return kind
    return None
