"""Factor tags on survey comments and lessons learned, the coordinators' corrections, and each
partnership's own tagger.

A tag points at the response whose comment it describes and holds nothing else about it: the
comment text stays in `Response.comments`, and nothing here records who wrote a comment.
`Response` gets no reverse accessor either, so its fields stay exactly the anonymous answer.
A correction keeps its own copy of the text because retraining needs it, and goes when the
comment or lesson it corrected goes (an undone import takes its comments out of training).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from joinedup.web.partnerships.models import Agency, Partnership, Response
from joinedup.web.text_limits import TextBlock


class CommentTag(models.Model):
    """The factors one survey comment is about; `key` is the factor the respondent was asked about."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)
    factors = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    corrected = models.BooleanField(default=False)

    class Meta:
        ordering = ["response", "key"]
        constraints = [models.UniqueConstraint(fields=["response", "key"], name="one_tag_per_comment")]

    def __str__(self) -> str:
        return f"Comment on {self.key} in response {self.response_id}"

    @property
    def text(self) -> str:
        return str(self.response.comments.get(self.key) or "")


class Lesson(models.Model):
    """One entry of the partnership's lessons-learned log, tagged like a survey comment."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="lessons")
    recorded_on = models.DateField(default=timezone.localdate)
    agency = models.ForeignKey(
        Agency, on_delete=models.SET_NULL, null=True, blank=True, related_name="lessons"
    )
    text = TextBlock(max_length=2000)
    factors = models.JSONField(default=list)
    scores = models.JSONField(default=dict)
    corrected = models.BooleanField(default=False)

    class Meta:
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"Lesson of {self.recorded_on:%d %B %Y} in {self.partnership}"


class TagCorrection(models.Model):
    """A coordinator's verdict on which factors a text is about; an empty list means none."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="tag_corrections")
    text = TextBlock(max_length=2000)
    factors = models.JSONField(default=list)
    made_on = models.DateField(default=timezone.localdate)
    comment_tag = models.ForeignKey(
        CommentTag, on_delete=models.CASCADE, null=True, blank=True, related_name="corrections"
    )
    lesson = models.ForeignKey(
        Lesson, on_delete=models.CASCADE, null=True, blank=True, related_name="corrections"
    )

    class Meta:
        ordering = ["made_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(comment_tag__isnull=False) & models.Q(lesson__isnull=False)),
                name="correction_of_one_thing_at_most",
            )
        ]

    def __str__(self) -> str:
        return f"Correction made on {self.made_on:%d %B %Y} in {self.partnership}"


class PartnershipTagger(models.Model):
    """The partnership's local model: the shipped tagger retrained with its own corrections only."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="tagger")
    model = models.TextField(help_text="The model file, as written by joinedup.tagging.serialise_model")
    trained_on = models.DateField(default=timezone.localdate)
    corrections = models.PositiveIntegerField(
        help_text="How many corrections had been made when the model was trained"
    )

    def __str__(self) -> str:
        return f"Tagger of {self.partnership}, trained on {self.trained_on:%d %B %Y}"
