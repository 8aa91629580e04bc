"""`joinedup-manage close_due_rounds`: close every open round whose closing date has passed.

Run it hourly from cron or a worker (docs/deploying.md). A round closes at the end of its closing
date; the e-mail addresses of rounds closed for longer than the grace period are deleted in the
same run, so no address outlives its round by more than a day and an hour.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from joinedup.web.partnerships.rounds import close_due_rounds


class Command(BaseCommand):
    help = "Close open rounds whose closing date has passed, and forget finished rounds' e-mail addresses."

    def handle(self, *args: Any, **options: Any) -> None:
        closed, forgotten = close_due_rounds()
        for a_round in closed:
            self.stdout.write(f"Closed {a_round}")
        self.stdout.write(f"Closed {len(closed)} round(s); deleted {forgotten} e-mail address(es).")
