"""Change history for a record page: who added, changed or deleted what, and when.

Built from django-simple-history's historical rows, with field names and values put in the
words the forms use (agency names rather than ids, choice labels rather than codes), so a
coordinator can read the account without knowing the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import chain
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import QuerySet
from simple_history.models import DeletedObject

from joinedup import formatting

_WHAT = {"+": "Added", "~": "Changed", "-": "Deleted"}
_BLANK = "(blank)"


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str
    record: str
    changes: tuple[FieldChange, ...]
    reason: str = ""
    """Why, where the person gave a reason (a deleted target or action)."""


def _label(history_row: Any) -> str:
    """The record as it stood then; a row whose parent has since gone is named by its kind."""
    try:
        return str(history_row.instance)
    except ObjectDoesNotExist:
        return str(history_row.instance._meta.verbose_name).capitalize()


def _many(field: models.ManyToManyField, rows: list[dict[str, Any]]) -> str:
    """The related records' names; simple-history gives them as objects in one dict per link."""
    key = field.related_model._meta.model_name
    names = sorted(_related(row[key]) for row in rows if key in row)
    return ", ".join(names) or _BLANK


def _related(value: Any) -> str:
    if isinstance(value, DeletedObject):
        return _BLANK if value.pk is None else f"a deleted {value.model._meta.verbose_name}"
    return str(value)


def _shown(field: models.Field, value: Any) -> str:
    if isinstance(field, models.ManyToManyField):
        return _many(field, value or [])
    if isinstance(value, DeletedObject):
        return _related(value)
    if value is None or value == "":
        return _BLANK
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float | Decimal):
        return formatting.number(value)
    if isinstance(value, datetime):
        return formatting.date_and_time(value)
    if isinstance(value, date):
        return formatting.long_date(value)
    return str(value)


def _changes(history_row: Any) -> tuple[FieldChange, ...]:
    previous = history_row.prev_record
    if history_row.history_type != "~" or previous is None:
        return ()
    delta = history_row.diff_against(previous, foreign_keys_are_objs=True)
    model_meta = history_row.instance._meta
    found = []
    for change in delta.changes:
        field = model_meta.get_field(change.field)
        found.append(
            FieldChange(
                label=str(field.verbose_name).capitalize(),
                old=_shown(field, change.old),
                new=_shown(field, change.new),
            )
        )
    return tuple(found)


def _who(history_row: Any) -> str:
    user = history_row.history_user
    return user.get_username() if user is not None else "the system"


def history_of(*histories: QuerySet[Any]) -> list[HistoryEntry]:
    """Every change in the given historical query sets, newest first.

    A "changed" row that changed nothing visible (a save with the same values) is left out.
    """
    rows = sorted(
        chain.from_iterable(h.select_related("history_user") for h in histories),
        key=lambda row: (row.history_date, row.history_id),
        reverse=True,
    )
    entries = []
    for row in rows:
        changes = _changes(row)
        if row.history_type == "~" and not changes:
            continue
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=_who(row),
                what=_WHAT[row.history_type],
                record=_label(row),
                changes=changes,
                reason=row.history_change_reason or "",
            )
        )
    return entries
