"""What a coordinator decided about each evidence-backed recommendation."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.web.partnerships.models import Partnership, Round
from joinedup.web.text_limits import TextLine


class Decision(models.TextChoices):
    ACCEPTED = "accepted", "Added to the action plan"
    REJECTED = "rejected", "Not taken forward"


class RecommendationDecision(models.Model):
    """One decision per (finding, intervention) in a partnership, so a recommendation is asked about once."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="decisions")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="decisions")
    finding_key = models.CharField(max_length=200)
    intervention = models.CharField(max_length=80)
    decision = models.CharField(max_length=10, choices=Decision.choices)
    reason = TextLine(max_length=300, blank=True)
    decided_on = models.DateField(default=timezone.localdate)
    action = models.ForeignKey(
        "structure.ActionItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "finding_key", "intervention"], name="one_decision_per_recommendation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding_key} / {self.intervention}: {self.get_decision_display()}"


class DataVersion(models.Model):
    """A counter bumped by signals whenever a record the report reads is saved or deleted.

    One row per partnership, and one with no partnership for changes that cannot be traced to one
    (they invalidate every partnership's stored analysis). Bulk inserts send no signals, so the
    fingerprint also counts the responses themselves.
    """

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="data_version"
    )
    version = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.partnership or 'everything'} at version {self.version}"


class StoredReportData(models.Model):
    """A round's report data (analysis, findings, recommendations) computed once per fingerprint.

    A model rather than the cache framework: the demo's cache is per-process memory and production's
    a folder per machine, whereas this row is shared by every web and task worker, is removed with
    its round, and is replaced, not piled up, when the fingerprint changes.
    """

    round = models.OneToOneField(Round, on_delete=models.CASCADE, related_name="stored_report_data")
    fingerprint = models.CharField(max_length=64)
    payload = models.BinaryField()
    # The dashboard's charts as inline SVG by chart id: drawing them costs more than the analysis.
    charts = models.JSONField(default=dict)
    computed_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Report data of {self.round} ({self.fingerprint[:8]})"


class BuildStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be made"


class ReportBuild(models.Model):
    """One report file for a round as its records stood (the fingerprint), made once by one worker.

    The unique constraint means a second request for the same report finds this row instead of
    queueing another build; a worker claims it with a conditional update before building, so two
    workers never build it twice, and a claim older than JOINEDUP_REPORT_CLAIM_TIMEOUT seconds
    (its worker died) may be taken over.
    """

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="report_builds")
    fingerprint = models.CharField(max_length=64)
    format = models.CharField(max_length=8)
    status = models.CharField(max_length=10, choices=BuildStatus.choices, default=BuildStatus.QUEUED)
    requested_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=36, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    content = models.BinaryField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "fingerprint", "format"], name="one_build_per_report")
        ]

    def __str__(self) -> str:
        return f"{self.format} report of {self.round} ({self.get_status_display()})"
