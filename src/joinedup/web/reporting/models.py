"""What a coordinator decided about each evidence-backed recommendation."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.web.partnerships.models import Partnership, Round


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
    reason = models.CharField(max_length=300, blank=True)
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
