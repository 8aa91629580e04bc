"""Report files made by a task worker, once per (round, fingerprint, format).

Requesting a report finds or creates its ReportBuild row (unique per round, fingerprint and format)
and queues a task only when it created the row. A worker claims the row with one conditional UPDATE
(queued, or running with a claim older than the timeout) before building, so however many workers
receive the task only one builds it; a worker killed mid-build leaves a stale claim that the
housekeeping in `task_worker` re-queues and the next worker takes over.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from joinedup.reports import render_pdf, render_xlsx
from joinedup.web.partnerships.models import Round

from .cache import fingerprint
from .models import BuildStatus, ReportBuild
from .services import report_data

RENDERERS = {"pdf": render_pdf, "xlsx": render_xlsx}


def _stale_before() -> timedelta:
    return timedelta(seconds=settings.JOINEDUP_REPORT_CLAIM_TIMEOUT)


def request_build(a_round: Round, fmt: str) -> ReportBuild:
    """The build of this report for the round as it stands now, queued if it is new or had failed."""
    from joinedup.web.tasks import build_report_task

    key = fingerprint(a_round, today=timezone.localdate())
    try:
        with transaction.atomic():
            build = ReportBuild.objects.create(round=a_round, fingerprint=key, format=fmt)
    except IntegrityError:
        build = ReportBuild.objects.get(round=a_round, fingerprint=key, format=fmt)
        requeued = ReportBuild.objects.filter(pk=build.pk, status=BuildStatus.FAILED).update(
            status=BuildStatus.QUEUED, requested_at=timezone.now(), error=""
        )
        if not requeued:
            return build
    build_report_task.enqueue(build.pk)
    build.refresh_from_db()
    return build


def claim(build_id: int) -> str | None:
    """Take the build for this worker, or None if another holds a live claim or it is finished."""
    token = str(uuid.uuid4())
    now = timezone.now()
    taken = (
        ReportBuild.objects.filter(pk=build_id)
        .filter(
            Q(status=BuildStatus.QUEUED) | Q(status=BuildStatus.RUNNING, claimed_at__lt=now - _stale_before())
        )
        .update(status=BuildStatus.RUNNING, claimed_at=now, claim=token, attempts=F("attempts") + 1)
    )
    return token if taken else None


def run_build(build_id: int) -> str:
    """Build the file if this worker wins the claim; returns what happened, for the task's result."""
    token = claim(build_id)
    if token is None:
        return "not claimed"
    build = ReportBuild.objects.select_related("round__partnership").get(pk=build_id)
    try:
        data = report_data(build.round, today=timezone.localdate())
        content = RENDERERS[build.format](data)
    except Exception as error:
        ReportBuild.objects.filter(pk=build_id, claim=token).update(
            status=BuildStatus.FAILED, finished_at=timezone.now(), error=str(error)[:300]
        )
        raise
    ReportBuild.objects.filter(pk=build_id, claim=token).update(
        status=BuildStatus.DONE, content=content, finished_at=timezone.now()
    )
    # Files of the round as it stood before are never served again.
    ReportBuild.objects.filter(round_id=build.round_id, format=build.format, status=BuildStatus.DONE).exclude(
        fingerprint=build.fingerprint
    ).delete()
    return "built"


def requeue_stale_builds() -> int:
    """Queue again every build whose worker died (claim older than the timeout) or whose task was
    lost while queued; the new task's claim decides who builds it."""
    from joinedup.web.tasks import build_report_task

    cutoff = timezone.now() - _stale_before()
    stale = list(
        ReportBuild.objects.filter(
            Q(status=BuildStatus.RUNNING, claimed_at__lt=cutoff)
            | Q(status=BuildStatus.QUEUED, requested_at__lt=cutoff)
        ).values_list("pk", flat=True)
    )
    for build_id in stale:
        build_report_task.enqueue(build_id)
    return len(stale)
