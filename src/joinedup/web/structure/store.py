"""Storing imported records in a partnership: add what is new, update what changed.

A sheet is matched to the database by each record's reference (a task by its name, a reading
by its target, date and reporter). Rows that did not change are not saved again, so the change
history shows only real changes. Records missing from a sheet are left alone: an import is
never a way to lose records by accident. The one deletion is a cell the sheet has emptied: a
RACI cell or an attendance, for an agency column the sheet has. The caller runs this inside
one transaction.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.db.models import Model

from joinedup.checks import records
from joinedup.checks.raci import cell_letters
from joinedup.io.agency_names import agency_key
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


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(current, Decimal) and wanted is not None:
        return current == Decimal(str(round(float(wanted), 2)))
    return bool(current == wanted)


class Upserter:
    """Counts what an import created, changed and left as it was, per kind of record."""

    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership
        self.agencies = {agency_key(a.name): a for a in partnership.agencies.all()}
        self.counts: Counter[str] = Counter()

    def agency(self, name: str | None) -> Agency | None:
        return self.agencies[agency_key(name)] if name else None

    def upsert(self, model: type[Model], lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        found = model._default_manager.filter(**lookup).first()
        if found is None:
            self.counts["created"] += 1
            return model._default_manager.create(**lookup, **values)
        changed = [name for name, value in values.items() if not _same(getattr(found, name), value)]
        if changed:
            for name in changed:
                setattr(found, name, values[name])
            found.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return found

    def remove(self, rows: Any) -> None:
        """Delete the rows (a cell or an attendance emptied in the sheet), counting them."""
        deleted, _ = rows.delete()
        self.counts["deleted"] += deleted

    def set_many(self, manager: Any, wanted: list[Model]) -> None:
        """Replace a many-to-many set only when it differs, so history records real changes."""
        if {obj.pk for obj in manager.all()} != {obj.pk for obj in wanted}:
            manager.set(wanted)


def store_roles(matrix: records.RaciMatrix, upserter: Upserter) -> None:
    """Tasks and the cells of the agency columns in the sheet; other agencies' cells stay as they are."""
    for task in matrix.tasks:
        row = upserter.upsert(
            RaciTask,
            {"partnership": upserter.partnership, "name": task.name},
            {"competence": task.competence or ""},
        )
        held = matrix.roles_of(task.name)
        for name in matrix.agencies:
            agency = upserter.agency(name)
            letters = cell_letters(held.get(name, frozenset()))
            if letters:
                upserter.upsert(RaciCell, {"task": row, "agency": agency}, {"letters": letters})
            else:
                upserter.remove(RaciCell.objects.filter(task=row, agency=agency))
    for competence in matrix.competences:
        upserter.upsert(
            AgencyCompetence,
            {"agency": upserter.agency(competence.agency), "competence": competence.competence},
            {},
        )


def store_targets(target_records: records.TargetRecords, upserter: Upserter) -> None:
    stored = {}
    for target in target_records.targets:
        stored[target.reference] = upserter.upsert(
            Target,
            {"partnership": upserter.partnership, "reference": target.reference},
            {
                "title": target.title,
                "measure": target.measure or "",
                "unit": target.unit or "",
                "polarity": target.polarity.value if target.polarity else "",
                "baseline": target.baseline,
                "baseline_date": target.baseline_date,
                "target_value": target.target_value,
                "target_date": target.target_date,
                "owner": upserter.agency(target.owner),
                "responsible_party": target.responsible_party or "",
            },
        )
    for reading in target_records.readings:
        upserter.upsert(
            TargetReading,
            {
                "target": stored[reading.target],
                "as_of": reading.as_of,
                "reported_by": upserter.agency(reading.reported_by),
            },
            {"value": reading.value, "note": reading.note},
        )


def store_meetings(meeting_records: records.MeetingRecords, upserter: Upserter) -> None:
    """Meetings, the attendance in the sheet's agency columns, and the actions at each meeting."""
    for meeting in meeting_records.meetings:
        row = upserter.upsert(
            Meeting,
            {"partnership": upserter.partnership, "reference": meeting.reference},
            {
                "held_on": meeting.held_on,
                "kind": meeting.kind.value,
                "decisions": "\n".join(meeting.decisions),
            },
        )
        for name in meeting_records.agencies:
            agency = upserter.agency(name)
            level = meeting.level_of(name)
            if level is None:
                upserter.remove(MeetingAttendance.objects.filter(meeting=row, agency=agency))
            else:
                upserter.upsert(MeetingAttendance, {"meeting": row, "agency": agency}, {"level": level.value})
        for action in meeting.actions:
            upserter.upsert(
                MeetingAction,
                {"meeting": row, "reference": action.reference},
                {
                    "description": action.description,
                    "status": action.status.value,
                    "owner": upserter.agency(action.owner),
                },
            )


def store_funding(funding_records: records.FundingRecords, upserter: Upserter) -> None:
    lines = {}
    for line in funding_records.lines:
        lines[line.reference] = upserter.upsert(
            FundingLine,
            {"partnership": upserter.partnership, "reference": line.reference},
            {
                "source": line.source,
                "agency": upserter.agency(line.agency),
                "amount_per_year": Decimal(str(round(line.amount_per_year, 2))),
                "mechanism": line.mechanism.value,
                "certainty": line.certainty.value,
                "legal_basis": line.legal_basis or "",
                "start": line.start,
                "end": line.end,
            },
        )
    for post in funding_records.posts:
        row = upserter.upsert(
            Post,
            {"partnership": upserter.partnership, "reference": post.reference},
            {
                "title": post.title,
                "agency": upserter.agency(post.agency),
                "contract": post.contract.value,
                "end": post.end,
            },
        )
        upserter.set_many(row.funded_by, [lines[reference] for reference in post.funded_by])
    for cost in funding_records.unfunded_costs:
        amount = cost.amount_per_year
        row = upserter.upsert(
            UnfundedCost,
            {"partnership": upserter.partnership, "reference": cost.reference},
            {
                "description": cost.description,
                "amount_per_year": None if amount is None else Decimal(str(round(amount, 2))),
                "note": cost.note,
            },
        )
        upserter.set_many(row.agencies, [upserter.agencies[agency_key(name)] for name in cost.agencies])


def store_actions(items: tuple[records.ActionItem, ...], upserter: Upserter) -> None:
    """Actions and their dated updates; an update already stored with the same date, status and
    note is not stored twice."""
    for item in items:
        row = upserter.upsert(
            ActionItem,
            {"partnership": upserter.partnership, "reference": item.reference},
            {
                "what": item.what,
                "owner": upserter.agency(item.owner),
                "status": item.current_status.value,
                "due": item.due,
                "factor": item.factor or "",
                "finding_key": item.finding or "",
                "intervention": item.intervention or "",
                "success_measure": item.success_measure,
                **({"created_on": item.created_on} if item.created_on else {}),
            },
        )
        for update in item.updates:
            upserter.upsert(
                ActionUpdate,
                {"action": row, "on": update.on, "status": update.status.value, "note": update.note},
                {},
            )
