"""Survey e-mail: invitations and reminders to the addresses a coordinator entered for a round.

Everything goes through `send_invitation_emails`, which takes only ids and a site address so the
call can move onto a background task unchanged. Whom to remind and when is decided by
`due_reminders`. Addresses live only in `InvitationRecipient` (no link to any response) and are
deleted once the round has closed for good (`forget_addresses`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from .models import EmailOptOut, InvitationRecipient, Round, RoundStatus, address_hash

INVITATION = "invitation"
REMINDER = "reminder"


def _message(recipient: InvitationRecipient, kind: str, site_url: str) -> EmailMessage:
    invitation = recipient.invitation
    a_round = invitation.round
    partnership = a_round.partnership
    token = recipient.link.token if recipient.link is not None else invitation.token
    survey_url = site_url + reverse("survey:start", args=[token])
    unsubscribe_url = site_url + reverse("survey:unsubscribe", args=[recipient.token])
    closes = f"{a_round.closes_on.day} {a_round.closes_on:%B %Y}"
    opening = (
        f"{partnership.name} is asking everyone who works with it how well its agencies work together."
        if kind == INVITATION
        else f"A reminder: {partnership.name}'s self-assessment closes on {closes}. "
        "If you have already answered, thank you, and please ignore this message."
    )
    personal = "This link is for you alone and works once. " if recipient.link is not None else ""
    body = (
        f"{opening}\n\n"
        f"It takes 10 to 15 minutes and is anonymous: your answers are never linked to your name or "
        f"this e-mail address. {personal}It closes on {closes}.\n\n"
        f"Start here: {survey_url}\n\n"
        f"To stop e-mails about this self-assessment: {unsubscribe_url}\n"
    )
    subject = (
        f"{partnership.name}: how well do we work together?"
        if kind == INVITATION
        else f"Reminder: {partnership.name}'s self-assessment closes on {closes}"
    )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        headers={"List-Unsubscribe": f"<{unsubscribe_url}>"},
    )


def sendable(recipients: QuerySet[InvitationRecipient]) -> QuerySet[InvitationRecipient]:
    """Recipients who may be written to: not unsubscribed, link not used, round open."""
    return recipients.filter(unsubscribed=False, invitation__round__status=RoundStatus.OPEN).filter(
        Q(link__isnull=True) | Q(link__used=False)
    )


def send_invitation_emails(
    recipient_ids: Iterable[int], *, kind: str = INVITATION, site_url: str | None = None
) -> int:
    """Send one e-mail to each recipient still `sendable`; returns how many went.

    Addresses that opted out of the partnership's e-mail are skipped. Each recipient sent to is
    stamped with today's date (and a reminder counted), so a repeated call on the same day for the
    same reminder sends nothing twice.
    """
    base = (site_url or settings.JOINEDUP_SITE_URL).rstrip("/")
    today = timezone.localdate()
    recipients = list(
        sendable(InvitationRecipient.objects.filter(pk__in=list(recipient_ids))).select_related(
            "invitation__round__partnership", "link"
        )
    )
    opted_out = set(
        EmailOptOut.objects.filter(
            partnership__in={r.invitation.round.partnership_id for r in recipients}
        ).values_list("partnership_id", "address_hash")
    )
    chosen = [
        r
        for r in recipients
        if (r.invitation.round.partnership_id, address_hash(r.email)) not in opted_out
        and not (kind == REMINDER and r.last_sent_on == today)
    ]
    if not chosen:
        return 0
    with get_connection() as connection:
        sent = connection.send_messages([_message(r, kind, base) for r in chosen]) or 0
    for recipient in chosen:
        recipient.last_sent_on = today
        if kind == REMINDER:
            recipient.reminders_sent += 1
    InvitationRecipient.objects.bulk_update(chosen, ["last_sent_on", "reminders_sent"])
    return int(sent)


def queue_invitation_emails(recipient_ids: list[int], *, kind: str, site_url: str) -> None:
    """The one place web requests hand e-mail over: after the transaction commits, so nothing is
    sent for addresses that were not stored, a task worker sends it, so no page waits on mail."""
    from joinedup.web.tasks import send_invitation_emails_task

    transaction.on_commit(lambda: send_invitation_emails_task.enqueue(recipient_ids, kind, site_url))


def due_reminders(today: date | None = None) -> list[int]:
    """Recipients of open rounds whose schedule has a reminder today and who have not answered
    through their single-use link (where there is one) and were not written to today."""
    today = today or timezone.localdate()
    due: list[int] = []
    for a_round in Round.objects.filter(status=RoundStatus.OPEN).exclude(reminder_days=""):
        if (a_round.closes_on - today).days not in a_round.reminder_schedule():
            continue
        due.extend(
            sendable(InvitationRecipient.objects.filter(invitation__round=a_round))
            .exclude(last_sent_on=today)
            .values_list("pk", flat=True)
        )
    return due


def forget_addresses(a_round: Round) -> int:
    """Delete every address the round's e-mail went to; returns how many."""
    deleted, _ = InvitationRecipient.objects.filter(invitation__round=a_round).delete()
    return deleted
