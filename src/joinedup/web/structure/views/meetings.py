"""Meetings: who attended at what level, what was decided, and which actions keep coming back."""

from __future__ import annotations

from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.checks.records import MeetingActionStatus
from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view
from joinedup.web.partnerships.models import Partnership

from ..forms import MeetingForm
from ..history import history_of
from ..models import Meeting, MeetingAction, MeetingAttendance, next_reference
from .common import form_page, posted


def _meetings_url(partnership: Partnership) -> str:
    return reverse("structure:meetings", args=[partnership.slug])


def _meeting(partnership: Partnership, meeting_id: int) -> Meeting:
    found = Meeting.objects.filter(partnership=partnership, pk=meeting_id).first()
    if found is None:
        raise Http404("No meeting found")
    return found


def _appearances(partnership: Partnership) -> dict[str, list[MeetingAction]]:
    """Each action's appearances at meetings, oldest meeting first."""
    found: dict[str, list[MeetingAction]] = defaultdict(list)
    actions = MeetingAction.objects.filter(meeting__partnership=partnership).select_related(
        "meeting", "owner"
    )
    for action in actions.order_by("meeting__held_on", "meeting__reference"):
        found[action.reference].append(action)
    return found


def open_actions(partnership: Partnership) -> list[MeetingAction]:
    """The latest appearance of every action not yet done, to be carried over or closed."""
    latest = [history[-1] for history in _appearances(partnership).values()]
    return sorted(
        (a for a in latest if a.status != MeetingActionStatus.DONE.value), key=lambda a: a.reference
    )


@transaction.atomic
def _save_meeting(form: MeetingForm) -> Meeting:
    meeting: Meeting = form.save()
    attendance = form.attendance()
    meeting.attendance.exclude(agency__in=list(attendance)).delete()
    for agency, level in attendance.items():
        row = meeting.attendance.filter(agency=agency).first()
        if row is None:
            MeetingAttendance.objects.create(meeting=meeting, agency=agency, level=level)
        elif row.level != level:
            row.level = level
            row.save()
    if form.instance_was_new:
        for action, status in form.carried():
            MeetingAction.objects.create(
                meeting=meeting,
                reference=action.reference,
                description=action.description,
                owner=action.owner,
                status=status,
            )
        everywhere = MeetingAction.objects.filter(meeting__partnership=meeting.partnership)
        for description, owner in form.new_actions():
            MeetingAction.objects.create(
                meeting=meeting,
                reference=next_reference(everywhere, "MA"),
                description=description,
                owner=owner,
                status=MeetingActionStatus.RAISED.value,
            )
    return meeting


@partnership_view()
def meetings(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    rows = partnership.meetings.prefetch_related("attendance", "actions")
    return render(
        request,
        "structure/meetings.html",
        {
            "partnership": partnership,
            "meetings": rows,
            "agency_count": partnership.agencies.count(),
            "can_edit": access.can_record,
        },
    )


@partnership_view()
def meeting(request: HttpRequest, access: PartnershipAccess, meeting_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _meeting(partnership, meeting_id)
    attended = {row.agency_id: row for row in found.attendance.all()}
    attendance = [(agency, attended.get(agency.pk)) for agency in partnership.agencies.order_by("name")]
    appearances = _appearances(partnership)
    actions = []
    for action in found.actions.select_related("owner"):
        history = appearances[action.reference]
        so_far = [
            a for a in history if (a.meeting.held_on, a.meeting.reference) <= (found.held_on, found.reference)
        ]
        actions.append(
            {
                "action": action,
                "carried": sum(a.status == MeetingActionStatus.CARRIED_OVER.value for a in so_far),
                "elsewhere": [a.meeting for a in history if a.meeting_id != found.pk],
            }
        )
    return render(
        request,
        "structure/meeting_detail.html",
        {
            "partnership": partnership,
            "meeting": found,
            "attendance": attendance,
            "actions": actions,
            "can_edit": access.can_record,
            "history": history_of(
                Meeting.history.filter(id=found.pk),
                MeetingAttendance.history.filter(meeting_id=found.pk),
                MeetingAction.history.filter(meeting_id=found.pk),
            ),
        },
    )


@partnership_view(RECORD)
def meeting_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = MeetingForm(posted(request), partnership=partnership, open_actions=open_actions(partnership))
    if request.method == "POST" and form.is_valid():
        created = _save_meeting(form)
        messages.success(request, f"Meeting {created.reference} has been recorded")
        return redirect(created)
    return form_page(
        request,
        partnership,
        form,
        title="Record a meeting",
        submit="Record meeting",
        back_url=_meetings_url(partnership),
        template="structure/meeting_form.html",
    )


@partnership_view(RECORD)
def meeting_edit(request: HttpRequest, access: PartnershipAccess, meeting_id: int) -> HttpResponse:
    partnership = access.partnership
    found = _meeting(partnership, meeting_id)
    form = MeetingForm(posted(request), instance=found, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        _save_meeting(form)
        messages.success(request, f"Meeting {found.reference} has been saved")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change meeting {found.reference}",
        submit="Save",
        back_url=found.get_absolute_url(),
        template="structure/meeting_form.html",
    )
