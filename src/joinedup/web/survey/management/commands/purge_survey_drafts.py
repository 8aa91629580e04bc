"""`joinedup-manage purge_survey_drafts`: delete survey answers left unsent for more than a day.

Run it at least daily (cron or a systemd timer, see docs/deploying.md). Surveys also purge
opportunistically whenever someone opens a start page, so a busy round stays clean without it,
but a quiet server needs the schedule to keep the promise that unsent answers go within a day.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from joinedup.web.survey.models import DRAFT_LIFETIME, purge_stale_drafts


class Command(BaseCommand):
    help = "Delete survey drafts (unsent answers) untouched for more than 24 hours."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_stale_drafts()
        hours = int(DRAFT_LIFETIME.total_seconds() // 3600)
        self.stdout.write(f"Deleted {deleted} survey draft(s) untouched for more than {hours} hours.")
