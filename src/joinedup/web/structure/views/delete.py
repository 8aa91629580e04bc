"""Deleting a record after a confirmation page, and undoing it from the page that follows.

Which kinds of record can be deleted, and what deleting each means, is in the registry
(`..kinds.DELETABLE`). Deleting follows the GOV.UK pattern: a link on the record's page, a
confirmation page with a warning button, and for the records someone will read about later
(targets and actions) a reason, kept in the change history beside who deleted it and when. The page after the
deletion offers an undo: the record is put back from its change history with the same id,
together with the records that went with it (a target's readings, an action's updates, a
meeting's attendance) and the links it had (a post's funding lines, a cost's agencies) that
still exist.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from simple_history.utils import get_history_manager_for_model

from joinedup.web.govuk_forms import GovukFormMixin
from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view
from joinedup.web.partnerships.models import Partnership

from ..kinds import DELETABLE, WebRecordKind
from ..models import ActionItem, ActionUpdate

REASON_LENGTH = 100
"""What django-simple-history's change reason column holds."""
CASCADE_WINDOW = timedelta(seconds=10)
"""Records that went with a deleted record were deleted in the same transaction, just before it."""


class ReasonForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you deleting it?",
        help_text="This is kept in the change history, so whoever reads it later knows why it went.",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are deleting it",
            "max_length": f"The reason must be {REASON_LENGTH} characters or fewer",
        },
    )


def _deletable(kind: str) -> WebRecordKind:
    found = DELETABLE.get(kind)
    if found is None:
        raise Http404("No such kind of record")
    return found


def _parent_model(deletable: WebRecordKind) -> type[Model]:
    related = deletable.model._meta.get_field(deletable.scope).related_model
    if not isinstance(related, type):
        raise TypeError(f"{deletable.model.__name__}.{deletable.scope} does not lead to a model")
    return related


def _belongs(deletable: WebRecordKind, parent_id: int, partnership: Partnership) -> bool:
    """Whether the record, by the id of the field leading to the partnership, is the partnership's."""
    if deletable.scope == "partnership":
        return parent_id == partnership.pk
    parent = _parent_model(deletable)
    return parent._default_manager.filter(pk=parent_id, partnership=partnership).exists()


def _record(deletable: WebRecordKind, partnership: Partnership, pk: int) -> Any:
    lookup = "partnership" if deletable.scope == "partnership" else f"{deletable.scope}__partnership"
    found = deletable.model._default_manager.filter(pk=pk, **{lookup: partnership}).first()
    if found is None:
        raise Http404("No record found")
    return found


def _after_url(deletable: WebRecordKind, partnership: Partnership, parent_id: int) -> str:
    listed = reverse(deletable.list_page, args=[partnership.slug])
    if deletable.after_parent:
        return _record_url(_parent_model(deletable)._default_manager.get(pk=parent_id), listed)
    return listed


def _record_url(record: Any, fallback: str) -> str:
    return str(record.get_absolute_url()) if hasattr(record, "get_absolute_url") else fallback


def _parent_id(deletable: WebRecordKind, record: Any) -> int:
    return int(getattr(record, f"{deletable.scope}_id"))


@partnership_view(RECORD)
def delete_record(request: HttpRequest, access: PartnershipAccess, kind: str, pk: int) -> HttpResponse:
    partnership = access.partnership
    deletable = _deletable(kind)
    found = _record(deletable, partnership, pk)
    after = _after_url(deletable, partnership, _parent_id(deletable, found))
    form = ReasonForm(request.POST if request.method == "POST" else None) if deletable.reason else None
    if request.method == "POST" and (form is None or form.is_valid()):
        found._change_reason = form.cleaned_data["reason"].strip() if form is not None else ""
        with transaction.atomic():
            found.delete()
            _after_change(deletable, _parent_id(deletable, found))
        history = get_history_manager_for_model(deletable.model)
        gone = history.filter(id=pk, history_type="-").order_by("-history_id").first()
        return redirect("structure:deleted", partnership.slug, kind, gone.history_id)
    return render(
        request,
        "structure/delete.html",
        {
            "partnership": partnership,
            "record": found,
            "noun": deletable.noun,
            "also": deletable.also,
            "form": form,
            "back_url": _record_url(found, after),
        },
    )


def _after_change(deletable: WebRecordKind, parent_id: int) -> None:
    """An action's status is its latest update's, so it follows an update deleted or put back."""
    if deletable.model is not ActionUpdate:
        return
    action = ActionItem.objects.get(pk=parent_id)
    latest = action.updates.order_by("-on", "-pk").first()
    if latest is not None and action.status != latest.status:
        action.status = latest.status
        action.save()


def _deleted_row(deletable: WebRecordKind, partnership: Partnership, history_id: int) -> Any:
    """The history row of the record's deletion, if it is this partnership's."""
    history = get_history_manager_for_model(deletable.model)
    row = history.filter(history_id=history_id, history_type="-").first()
    if row is None or not _belongs(deletable, getattr(row, f"{deletable.scope}_id"), partnership):
        raise Http404("No deleted record found")
    return row


@partnership_view(RECORD)
def deleted(request: HttpRequest, access: PartnershipAccess, kind: str, history_id: int) -> HttpResponse:
    """The page after a deletion: what went, why, and a button to put it back."""
    partnership = access.partnership
    deletable = _deletable(kind)
    row = _deleted_row(deletable, partnership, history_id)
    restored = deletable.model._default_manager.filter(pk=row.id).first()
    parent_id = getattr(row, f"{deletable.scope}_id")
    parent_gone = deletable.scope != "partnership" and not _belongs(deletable, parent_id, partnership)
    return render(
        request,
        "structure/deleted.html",
        {
            "partnership": partnership,
            "kind": kind,
            "noun": deletable.noun,
            "name": _name(row),
            "reason": row.history_change_reason,
            "history_id": history_id,
            "restored": restored,
            "can_restore": restored is None and not parent_gone,
            "after_url": None if parent_gone else _after_url(deletable, partnership, parent_id),
            "list_url": reverse("structure:overview", args=[partnership.slug]),
        },
    )


def _name(row: Any) -> str:
    try:
        return str(row.instance)
    except ObjectDoesNotExist:  # a label needing a parent that has gone too
        return str(row.instance._meta.verbose_name)


def _put_back(row: Any) -> Model:
    """The record as it was, saved again under its id, with its links that still exist."""
    record = row.instance
    record._change_reason = "Put back after it was deleted"
    record.save()
    for field in record._meta.many_to_many:
        related = field.related_model
        wanted = _links(row, field.name, related._meta.model_name)
        getattr(record, field.name).set(related._default_manager.filter(pk__in=wanted))
    return record


def _links(row: Any, name: str, target: str) -> list[int]:
    """The ids a many-to-many field held when the record was last saved; the deletion's own
    row may hold none, the links having gone just before the record."""
    while row is not None:
        if hasattr(row, name):
            wanted = [getattr(link, f"{target}_id") for link in getattr(row, name).all()]
            if wanted:
                return wanted
        row = row.prev_record
    return []


def _children_of(deletable: WebRecordKind, row: Any) -> list[Any]:
    """History rows of the records deleted with it, latest row per record, parents first."""
    found: list[Any] = []
    for model, field in deletable.children:
        seen: set[int] = set()
        rows = get_history_manager_for_model(model).filter(
            history_type="-",
            history_date__gte=row.history_date - CASCADE_WINDOW,
            history_date__lte=row.history_date,
            **{field: row.id},
        ).order_by("-history_id")
        for child in rows:
            if child.id not in seen and not model._default_manager.filter(pk=child.id).exists():
                seen.add(child.id)
                found.append(child)
    return found


@require_POST
@partnership_view(RECORD)
def restore(request: HttpRequest, access: PartnershipAccess, kind: str, history_id: int) -> HttpResponse:
    partnership = access.partnership
    deletable = _deletable(kind)
    row = _deleted_row(deletable, partnership, history_id)
    back = reverse("structure:deleted", args=[partnership.slug, kind, history_id])
    if deletable.model._default_manager.filter(pk=row.id).exists():
        messages.info(request, f"The {deletable.noun} has already been put back")
        return redirect(back)
    if not _belongs(deletable, getattr(row, f"{deletable.scope}_id"), partnership):
        messages.error(request, f"The {deletable.noun} cannot be put back: what it belonged to has gone")
        return redirect(back)
    try:
        with transaction.atomic():
            record = _put_back(row)
            for child in _children_of(deletable, row):
                _put_back(child)
            _after_change(deletable, getattr(row, f"{deletable.scope}_id"))
    except IntegrityError:
        messages.error(
            request,
            f"The {deletable.noun} cannot be put back: a record added since uses the same reference or name",
        )
        return redirect(back)
    messages.success(request, f"{record} has been put back")
    parent_id = getattr(row, f"{deletable.scope}_id")
    return redirect(_record_url(record, _after_url(deletable, partnership, parent_id)))
