"""The partnership's action plan: what will be done, by which agency, by when, and how it is going."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view
from joinedup.web.partnerships.models import Partnership

from ..factors import factor_names
from ..forms import ActionItemForm, ActionUpdateForm
from ..history import history_of
from ..models import ActionItem, ActionUpdate
from .common import form_page, posted, today


def _actions_url(partnership: Partnership) -> str:
    return reverse("structure:actions", args=[partnership.slug])


def _action(partnership: Partnership, action_id: int) -> ActionItem:
    found = ActionItem.objects.filter(partnership=partnership, pk=action_id).select_related("owner").first()
    if found is None:
        raise Http404("No action found")
    return found


@partnership_view()
def actions(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    names = factor_names()
    on = today()
    rows = [
        {"action": action, "factor": names.get(action.factor, ""), "overdue": action.is_overdue(on)}
        for action in partnership.action_items.select_related("owner")
    ]
    return render(
        request,
        "structure/actions.html",
        {"partnership": partnership, "rows": rows, "can_edit": access.can_record},
    )


@partnership_view()
def action(request: HttpRequest, access: PartnershipAccess, action_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _action(partnership, action_id)
    return render(
        request,
        "structure/action_detail.html",
        {
            "partnership": partnership,
            "action": found,
            "factor": factor_names().get(found.factor, ""),
            "overdue": found.is_overdue(today()),
            "updates": found.updates.order_by("-on", "-pk"),
            "can_edit": access.can_record,
            "history": history_of(
                ActionItem.history.filter(id=found.pk), ActionUpdate.history.filter(action_id=found.pk)
            ),
        },
    )


@partnership_view(RECORD)
def action_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = ActionItemForm(posted(request), partnership=partnership, today=today())
    if request.method == "POST" and form.is_valid():
        created = form.save()
        messages.success(request, f"Action {created.reference} has been added to the plan")
        return redirect(created)
    return form_page(
        request,
        partnership,
        form,
        title="Add an action",
        submit="Add action",
        back_url=_actions_url(partnership),
    )


@partnership_view(RECORD)
def action_edit(request: HttpRequest, access: PartnershipAccess, action_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _action(partnership, action_id)
    form = ActionItemForm(posted(request), instance=found, partnership=partnership, today=today())
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Action {found.reference} has been saved")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change action {found.reference}",
        submit="Save",
        back_url=found.get_absolute_url(),
    )


@transaction.atomic
def _save_update(form: ActionUpdateForm) -> ActionUpdate:
    """Store the update; the action takes the status of its latest update, as the plan is read."""
    update = form.save()
    action = update.action
    latest = action.updates.order_by("-on", "-pk").first()
    if latest is not None and action.status != latest.status:
        action.status = latest.status
        action.save()
    return update


@partnership_view(RECORD)
def update_add(request: HttpRequest, access: PartnershipAccess, action_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _action(partnership, action_id)
    on = today()
    form = ActionUpdateForm(
        posted(request), action=found, today=on, initial={"on": on, "status": found.status}
    )
    if request.method == "POST" and form.is_valid():
        update = _save_update(form)
        messages.success(request, f"The update of {update.on:%d %B %Y} has been added")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Add an update to action {found.reference}",
        submit="Add update",
        back_url=found.get_absolute_url(),
        intro=found.what,
    )


@partnership_view(RECORD)
def update_edit(request: HttpRequest, access: PartnershipAccess, action_id: int, pk: int) -> HttpResponse:
    partnership = access.partnership
    found = _action(partnership, action_id)
    update = found.updates.filter(pk=pk).first()
    if update is None:
        raise Http404("No update found")
    form = ActionUpdateForm(posted(request), instance=update, action=found, today=today())
    if request.method == "POST" and form.is_valid():
        _save_update(form)
        messages.success(request, "The update has been saved")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change an update to action {found.reference}",
        submit="Save",
        back_url=found.get_absolute_url(),
        intro=found.what,
        delete_url=reverse("structure:delete", args=[partnership.slug, "update", update.pk]),
    )
