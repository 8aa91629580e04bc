"""Targets with their accountability minimums, and readings over time from each partner."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.checks.targets import expected_on_path
from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view
from joinedup.web.partnerships.models import Partnership

from ..forms import ReadingForm, TargetForm
from ..history import history_of
from ..models import Target, TargetReading
from .common import form_page, posted, today


def _targets_url(partnership: Partnership) -> str:
    return reverse("structure:targets", args=[partnership.slug])


def _target(partnership: Partnership, target_id: int) -> Target:
    found = Target.objects.filter(partnership=partnership, pk=target_id).select_related("owner").first()
    if found is None:
        raise Http404("No target found")
    return found


@partnership_view()
def targets(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    rows = []
    for found in partnership.targets.select_related("owner").prefetch_related("readings__reported_by"):
        readings = list(found.readings.all())
        rows.append({"target": found, "latest": readings[-1] if readings else None, "count": len(readings)})
    return render(
        request,
        "structure/targets.html",
        {"partnership": partnership, "rows": rows, "can_edit": access.can_record},
    )


@partnership_view()
def target(request: HttpRequest, access: PartnershipAccess, target_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _target(partnership, target_id)
    record = found.to_record()
    readings = [
        {"reading": reading, "expected": expected_on_path(record, reading.as_of)}
        for reading in found.readings.select_related("reported_by")
    ]
    return render(
        request,
        "structure/target_detail.html",
        {
            "partnership": partnership,
            "target": found,
            "readings": readings,
            "can_edit": access.can_record,
            "history": history_of(
                Target.history.filter(id=found.pk), TargetReading.history.filter(target_id=found.pk)
            ),
        },
    )


@partnership_view(RECORD)
def target_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = TargetForm(posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        created = form.save()
        messages.success(request, f"Target {created.reference} has been added")
        return redirect(created)
    return form_page(
        request,
        partnership,
        form,
        title="Add a target",
        submit="Add target",
        back_url=_targets_url(partnership),
    )


@partnership_view(RECORD)
def target_edit(request: HttpRequest, access: PartnershipAccess, target_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _target(partnership, target_id)
    form = TargetForm(posted(request), instance=found, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Target {found.reference} has been saved")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change target {found.reference}",
        submit="Save",
        back_url=found.get_absolute_url(),
    )


@partnership_view(RECORD)
def reading_add(request: HttpRequest, access: PartnershipAccess, target_id: int) -> HttpResponse:
    """Coordinators record any reading; a partner lead records their own agency's reading only."""
    partnership = access.partnership
    found = _target(partnership, target_id)
    may_choose = access.can_manage
    reporter = access.membership.agency
    if not may_choose and reporter is None:
        raise PermissionDenied(
            "A partner lead records readings for their own agency; ask a coordinator to set it"
        )
    form = ReadingForm(
        posted(request), target=found, reporter=reporter, may_choose_reporter=may_choose, today=today()
    )
    if request.method == "POST" and form.is_valid():
        reading = form.save()
        messages.success(
            request, f"The reading of {reading.value:g} for {reading.as_of:%d %B %Y} has been added"
        )
        return redirect(found)
    intro = "" if may_choose else f"You are recording {reporter}'s own reading of this target."
    return form_page(
        request,
        partnership,
        form,
        title=f"Add a reading of {found.reference} {found.title}",
        submit="Add reading",
        back_url=found.get_absolute_url(),
        intro=intro,
    )


@partnership_view(RECORD)
def reading_edit(request: HttpRequest, access: PartnershipAccess, target_id: int, pk: int) -> HttpResponse:
    """Correcting a reading; a partner lead corrects only their own agency's readings."""
    partnership = access.partnership
    found = _target(partnership, target_id)
    reading = found.readings.filter(pk=pk).select_related("reported_by").first()
    if reading is None:
        raise Http404("No reading found")
    may_choose = access.can_manage
    reporter = access.membership.agency
    if not may_choose and (reporter is None or reading.reported_by_id != reporter.pk):
        raise PermissionDenied("A partner lead corrects their own agency's readings only")
    form = ReadingForm(
        posted(request),
        instance=reading,
        target=found,
        reporter=reporter,
        may_choose_reporter=may_choose,
        today=today(),
    )
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"The reading of {saved.as_of.day} {saved.as_of:%B %Y} has been saved")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change a reading of {found.reference} {found.title}",
        submit="Save",
        back_url=found.get_absolute_url(),
        delete_url=reverse("structure:delete", args=[partnership.slug, "reading", reading.pk]),
    )
