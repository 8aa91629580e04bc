"""A survey in progress, kept where nothing can link it to an account.

Answers being typed used to live in the session, whose row also carries the user id of anyone
signed in. A `SurveyDraft` has no user, no session, no address and no browser: only the hash of a
random key that the respondent's browser holds in its own cookie, scoped to the survey link's
path. The row is deleted when the answers are sent, and any draft untouched for `DRAFT_LIFETIME`
is purged (`joinedup-manage purge_survey_drafts`, and opportunistically whenever a survey starts).

A `SingleUseLink` is the optional stronger form of "one response per person".
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

from joinedup.web.partnerships.models import Invitation, new_token

DRAFT_LIFETIME = timedelta(hours=24)


class SurveyDraft(models.Model):
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the key in the cookie")
    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Survey draft {self.pk}"


def purge_stale_drafts(now: datetime | None = None) -> int:
    """Delete every draft untouched for longer than `DRAFT_LIFETIME`; returns how many went."""
    cutoff = (now or timezone.now()) - DRAFT_LIFETIME
    stale = SurveyDraft.objects.filter(updated_at__lt=cutoff)
    # Every start page calls this, and there is seldom anything to purge: one indexed EXISTS then,
    # where delete() alone read the rows and opened a transaction (three round trips) to delete none.
    if not stale.exists():
        return 0
    deleted, _ = stale.delete()
    return deleted


class SingleUseLink(models.Model):
    """A link for one person, made in bulk for an agency's invitation; it can send answers once.

    It is never joined to a response: `Response` has no field pointing here and this model has
    none pointing there, and `used` records only that the link was used, never when, so neither
    the database nor its owner can tell which response came through which link.
    """

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="single_use_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Single-use link for {self.invitation}"
