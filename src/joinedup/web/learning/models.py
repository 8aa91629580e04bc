"""What the learning hub stores: each partnership's random contributor key, the learning records
(shared from a round here, or imported from another deployment) and the pooled results.

A record's JSON is exactly what left (or arrived): the core built or checked it, and nothing else
about the partnership is kept beside it. The pooled results are computed by a background task
whenever records arrive or are withdrawn, so the hub's pages read one row however many records
there are.
"""

from __future__ import annotations

from django.db import models

from joinedup.learning.record import new_contributor_key
from joinedup.web.partnerships.models import Partnership, Round
from joinedup.web.text_limits import TextLine


class LearningContributor(models.Model):
    """A partnership's opaque key in learning records: random, never derived from its name, so
    pooling counts the partnership once across rounds without saying which partnership it is."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="learning_contributor"
    )
    key = models.CharField(max_length=32, unique=True, default=new_contributor_key, editable=False)

    def __str__(self) -> str:
        return f"Learning contributor of {self.partnership}"


class RecordStatus(models.TextChoices):
    DRAFT = "draft", "Not shared"
    SHARED = "shared", "Shared"


class RecordSource(models.TextChoices):
    ROUND = "round", "A round of a partnership here"
    IMPORTED = "imported", "Imported from another deployment"
    DEMO = "demo", "Synthetic, made up for the demo"


class LearningRecord(models.Model):
    """One learning record.

    From a round here: `lessons` holds the coordinator's own words by action reference (they
    stay here; the record carries them only as the core scrubbed them), `record` the record as
    shared, null while not shared. Imported and demo records have no round and arrive shared.
    Withdrawing a shared record empties `record` and keeps the lessons for another time.
    """

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="learning_record"
    )
    contributor = models.CharField(max_length=32, db_index=True)
    source = models.CharField(max_length=10, choices=RecordSource.choices, default=RecordSource.ROUND)
    status = models.CharField(max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT)
    lessons = models.JSONField(default=dict, blank=True)
    record = models.JSONField(null=True, blank=True)
    month = models.CharField(max_length=7, blank=True, help_text="The record's month, YYYY-MM")
    imported_from = TextLine(max_length=200, blank=True, help_text="The file an imported record came in")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status"], name="learning_record_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=RecordStatus.SHARED) | models.Q(record__isnull=False),
                name="learning_shared_record_has_content",
            ),
            models.CheckConstraint(
                condition=models.Q(source=RecordSource.ROUND) | models.Q(round__isnull=True),
                name="learning_only_round_records_have_a_round",
            ),
        ]

    def __str__(self) -> str:
        return f"Learning record {self.month or 'not yet built'} ({self.get_status_display()})"


class PooledLearning(models.Model):
    """The published pooled benchmarks and practice evidence, with the open data files, as the
    core computed them; the hub shows the newest row.

    `basis` keeps every record behind the publication (record id to the record as pooled), so the
    next publication can wait until enough partnerships' records changed (`changes_since`), and a
    withdrawal can be honoured at once by pooling the same records less the withdrawn one.
    """

    result = models.JSONField()
    records = models.PositiveIntegerField()
    partnerships = models.PositiveIntegerField()
    synthetic_partnerships = models.PositiveIntegerField(default=0)
    open_data = models.JSONField(default=dict, help_text="File name to its text")
    computed_at = models.DateTimeField()
    basis = models.JSONField(default=dict, help_text="Record id to the record as pooled in this publication")
    changes_since = models.DateTimeField(
        null=True, help_text="Records shared or imported after this wait for the next publication"
    )

    class Meta:
        ordering = ["-computed_at", "-pk"]

    def __str__(self) -> str:
        return f"Pooled learning of {self.records} records"
