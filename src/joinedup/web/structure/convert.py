"""A partnership's rows, turned into the plain records the core checks and sheet writers take.

One query set per record kind, with the related rows fetched up front, so a partnership's
checks cost a handful of queries whatever its size.
"""

from __future__ import annotations

from joinedup.checks import records
from joinedup.web.partnerships.models import Partnership

from .models import ActionItem, AgencyCompetence, Post, RaciCell, UnfundedCost


def agency_names(partnership: Partnership) -> tuple[str, ...]:
    return tuple(partnership.agencies.order_by("name").values_list("name", flat=True))


def raci_matrix(partnership: Partnership) -> records.RaciMatrix:
    cells = RaciCell.objects.filter(task__partnership=partnership).select_related("task", "agency")
    competences = AgencyCompetence.objects.filter(agency__partnership=partnership).select_related("agency")
    return records.RaciMatrix(
        agencies=agency_names(partnership),
        tasks=tuple(task.to_record() for task in partnership.raci_tasks.order_by("name")),
        assignments=tuple(assignment for cell in cells for assignment in cell.to_records()),
        competences=tuple(competence.to_record() for competence in competences),
    )


def target_records(partnership: Partnership) -> records.TargetRecords:
    targets = partnership.targets.select_related("owner").prefetch_related("readings__reported_by")
    return records.TargetRecords(
        targets=tuple(target.to_record() for target in targets),
        readings=tuple(reading.to_record() for target in targets for reading in target.readings.all()),
    )


def meeting_records(partnership: Partnership) -> records.MeetingRecords:
    meetings = partnership.meetings.order_by("held_on", "reference").prefetch_related(
        "attendance__agency", "actions__owner"
    )
    return records.MeetingRecords(
        agencies=agency_names(partnership), meetings=tuple(meeting.to_record() for meeting in meetings)
    )


def funding_records(partnership: Partnership) -> records.FundingRecords:
    posts = (
        Post.objects.filter(partnership=partnership).select_related("agency").prefetch_related("funded_by")
    )
    costs = UnfundedCost.objects.filter(partnership=partnership).prefetch_related("agencies")
    return records.FundingRecords(
        lines=tuple(line.to_record() for line in partnership.funding_lines.select_related("agency")),
        posts=tuple(post.to_record() for post in posts),
        unfunded_costs=tuple(cost.to_record() for cost in costs),
    )


def action_items(partnership: Partnership) -> tuple[records.ActionItem, ...]:
    actions = ActionItem.objects.filter(partnership=partnership).select_related("owner")
    return tuple(action.to_record() for action in actions.prefetch_related("updates"))
