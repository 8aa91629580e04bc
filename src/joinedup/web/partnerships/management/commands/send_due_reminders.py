"""`joinedup-manage send_due_reminders`: e-mail today's reminders for every open round.

Run it daily (after `close_due_rounds`). A round's reminder days are counted back from its closing
date; only addresses that have not unsubscribed, whose single-use link (where they have one) is
unused and that were not already written to today get one.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from joinedup.web.partnerships.emails import REMINDER, due_reminders, send_invitation_emails


class Command(BaseCommand):
    help = "Send today's scheduled e-mail reminders for open rounds."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_invitation_emails(due_reminders(), kind=REMINDER)
        self.stdout.write(f"Sent {sent} reminder(s).")
