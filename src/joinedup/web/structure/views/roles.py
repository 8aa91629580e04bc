"""The responsibility (RACI) matrix: tasks × member agencies, edited as one grid."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view
from joinedup.web.partnerships.models import Partnership

from ..forms import CompetenceForm, RaciGridForm, RaciTaskForm
from ..history import history_of
from ..models import AgencyCompetence, RaciCell, RaciTask
from .common import form_page, posted


def _roles_url(partnership: Partnership) -> str:
    return reverse("structure:roles", args=[partnership.slug])


def _task(partnership: Partnership, task_id: int) -> RaciTask:
    task = RaciTask.objects.filter(partnership=partnership, pk=task_id).first()
    if task is None:
        raise Http404("No task found")
    return task


@transaction.atomic
def _save_grid(form: RaciGridForm) -> int:
    changed = form.changed_cells()
    for task, agency, letters in changed:
        cell = RaciCell.objects.filter(task=task, agency=agency).first()
        if not letters:
            if cell is not None:
                cell.delete()
        elif cell is None:
            RaciCell.objects.create(task=task, agency=agency, letters=letters)
        elif cell.letters != letters:
            cell.letters = letters
            cell.save()
    return len(changed)


@partnership_view()
def roles(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    if request.method == "POST" and not access.can_record:
        raise PermissionDenied("Only coordinators and partner leads can change these records")
    tasks = list(partnership.raci_tasks.all())
    agencies = list(partnership.agencies.order_by("name"))
    form = RaciGridForm(posted(request), tasks=tasks, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        changed = _save_grid(form)
        messages.success(
            request, f"The matrix has been saved ({changed} cell{'s' if changed != 1 else ''} changed)"
        )
        return redirect(_roles_url(partnership))
    competences = AgencyCompetence.objects.filter(agency__partnership=partnership).select_related("agency")
    return render(
        request,
        "structure/roles.html",
        {
            "partnership": partnership,
            "form": form,
            "agencies": agencies,
            "competences": competences,
            "can_edit": access.can_record,
        },
    )


@partnership_view()
def task(request: HttpRequest, access: PartnershipAccess, task_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _task(partnership, task_id)
    cells = found.cells.select_related("agency")
    return render(
        request,
        "structure/task_detail.html",
        {
            "partnership": partnership,
            "task": found,
            "cells": cells,
            "can_edit": access.can_record,
            "history": history_of(
                RaciTask.history.filter(id=found.pk), RaciCell.history.filter(task_id=found.pk)
            ),
        },
    )


@partnership_view(RECORD)
def task_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = RaciTaskForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        created = form.save()
        messages.success(request, f"“{created.name}” has been added to the matrix")
        return redirect(_roles_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        title="Add a task to the matrix",
        submit="Add task",
        back_url=_roles_url(partnership),
    )


@partnership_view(RECORD)
def task_edit(request: HttpRequest, access: PartnershipAccess, task_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _task(partnership, task_id)
    form = RaciTaskForm(posted(request), instance=found, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The task has been saved")
        return redirect(found)
    return form_page(
        request, partnership, form, title="Change the task", submit="Save", back_url=found.get_absolute_url()
    )


@partnership_view(RECORD)
def competence_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = CompetenceForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        competence = form.save()
        messages.success(request, f"{competence.agency.name} now declares “{competence.competence}”")
        return redirect(_roles_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        title="Add a competence an agency declares",
        submit="Add competence",
        back_url=_roles_url(partnership),
        intro=(
            "The roles check warns when an agency is responsible for a task that needs a competence "
            "it does not declare."
        ),
    )


@partnership_view(RECORD)
def competence_edit(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    partnership = access.partnership
    found = AgencyCompetence.objects.filter(agency__partnership=partnership, pk=pk).first()
    if found is None:
        raise Http404("No competence found")
    form = CompetenceForm(posted(request), instance=found, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The competence has been saved")
        return redirect(_roles_url(partnership))
    return form_page(
        request,
        partnership,
        form,
        title="Change a competence an agency declares",
        submit="Save",
        back_url=_roles_url(partnership),
        delete_url=reverse("structure:delete", args=[partnership.slug, "competence", found.pk]),
    )
