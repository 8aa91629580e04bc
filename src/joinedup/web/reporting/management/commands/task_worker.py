"""`joinedup-manage task_worker`: run background tasks, with housekeeping between them.

django-tasks-db's worker runs whatever is queued; around it this loop, every
JOINEDUP_HOUSEKEEPING_INTERVAL seconds, re-queues report builds whose worker died (their claim is
older than JOINEDUP_REPORT_CLAIM_TIMEOUT) and queues closing the rounds past their date and
sending the day's reminders. Run one per
machine on SQLite; on PostgreSQL run as many as you like (each claims tasks with SKIP LOCKED).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Worker

from joinedup.web.reporting.builds import requeue_stale_builds
from joinedup.web.tasks import close_due_rounds_task, send_due_reminders_task


class Command(BaseCommand):
    help = "Run background tasks (reports, e-mail, retraining, closing rounds) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at the queue.")
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then stop.")
        parser.add_argument("--worker-id", default="", help="A name for this worker in the task records.")

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = options["worker_id"] or f"worker-{uuid.uuid4().hex[:12]}"
        housekeeping_every = settings.JOINEDUP_HOUSEKEEPING_INTERVAL
        last_housekeeping = 0.0
        worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        # SIGTERM or Ctrl-C lets the running task finish, then stops; a second one stops at once.
        worker.configure_signals()
        while worker.running:
            if time.monotonic() - last_housekeeping >= housekeeping_every:
                requeued = requeue_stale_builds()
                if requeued:
                    self.stdout.write(f"Re-queued {requeued} abandoned report build(s)")
                close_due_rounds_task.enqueue()
                send_due_reminders_task.enqueue()
                last_housekeeping = time.monotonic()
            worker.run()
            close_old_connections()
            if options["batch"]:
                return
            time.sleep(options["interval"])
