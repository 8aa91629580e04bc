"""The web app's background work, through Django's tasks API (django-tasks with the database backend).

Each task takes plain JSON values (ids, strings) because its arguments are stored in the database
until a worker (`joinedup-manage task_worker`) picks it up; it reads everything else afresh.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage, get_connection
from django.core.management import call_command
from django_tasks import task


@task()
def build_report_task(build_id: int) -> str:
    """Make one queued report file; a build another worker holds or has finished is left alone."""
    from joinedup.web.reporting.builds import run_build

    return run_build(build_id)


@task()
def send_email_task(subject: str, body: str, to: Sequence[str], from_email: str | None = None) -> int:
    """Send one plain e-mail to each address, so no page waits on the mail server."""
    messages = [EmailMessage(subject, body, from_email, [address]) for address in to]
    with get_connection() as connection:
        return int(connection.send_messages(messages) or 0)


@task()
def send_invitation_emails_task(recipient_ids: Sequence[int], kind: str, site_url: str | None = None) -> int:
    """Round invitations or reminders (partnerships/emails.py), sent by a worker."""
    from joinedup.web.partnerships.emails import send_invitation_emails

    return send_invitation_emails(recipient_ids, kind=kind, site_url=site_url)


@task()
def retrain_tagger_task(partnership_id: int) -> int:
    """Refit a partnership's comment tagger with its corrections and re-tag its comments."""
    from joinedup.web.comments.taggers import NothingToLearnError, retrain_partnership
    from joinedup.web.partnerships.models import Partnership

    partnership = Partnership.objects.get(pk=partnership_id)
    try:
        return retrain_partnership(partnership).corrections
    except NothingToLearnError:
        return 0


@task()
def close_due_rounds_task() -> None:
    """Close rounds past their closing date (the same as `joinedup-manage close_due_rounds`)."""
    call_command("close_due_rounds")


@task()
def send_due_reminders_task() -> None:
    """Send today's reminders (the same as `joinedup-manage send_due_reminders`); a recipient is
    written to at most once a day, so running it every few minutes sends nothing twice."""
    call_command("send_due_reminders")


@task()
def refresh_pooled_learning_task() -> int:
    """Publish the pooled learning records again when enough have changed, or one was withdrawn
    (learning/services.py), so the hub's pages read one precomputed row; queued whenever records
    are shared, imported or withdrawn. Returns how many records the shown publication pools."""
    from joinedup.web.learning.services import refresh_pooled

    published = refresh_pooled()
    return 0 if published is None else published.records
