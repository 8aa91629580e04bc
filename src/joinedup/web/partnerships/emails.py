"""Survey e-mail: invitations and reminders to the addresses a coordinator entered for a round.

Everything goes through `send_invitation_emails`, which takes only ids and a site address so the
call can move onto a background task unchanged. Whom to remind and when is decided by
`due_reminders`. Addresses live only in `InvitationRecipient` (no link to any response) and are
deleted once the round has closed for good (`forget_addresses`). Where the partnership offers the
survey in Welsh the e-mails are bilingual, Welsh first (`_message`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from joinedup.web.survey.language import ENGLISH, LANGUAGE_PARAMETER, WELSH, offers_welsh

from .models import EmailOptOut, InvitationRecipient, Round, RoundStatus, address_hash

INVITATION = "invitation"
REMINDER = "reminder"


def _texts(
    recipient: InvitationRecipient, kind: str, survey_url: str, unsubscribe_url: str
) -> tuple[str, str]:
    """The subject and body in the active language (the Welsh catalogue has every sentence)."""
    a_round = recipient.invitation.round
    names = {"partnership": a_round.partnership.name, "closes": date_format(a_round.closes_on, "j F Y")}
    if kind == INVITATION:
        subject = _("%(partnership)s: how well do we work together?") % names
        opening = _(
            "%(partnership)s is asking everyone who works with it how well its agencies work together."
        )
    else:
        subject = _("Reminder: %(partnership)s's self-assessment closes on %(closes)s") % names
        opening = _(
            "A reminder: %(partnership)s's self-assessment closes on %(closes)s. "
            "If you have already answered, thank you, and please ignore this message."
        )
    anonymous = _(
        "It takes 10 to 15 minutes and is anonymous: your answers are never linked to your name or "
        "this e-mail address."
    )
    personal = [_("This link is for you alone and works once.")] if recipient.link is not None else []
    closing = _("It closes on %(closes)s.") % names
    start = _("Start here: %(url)s") % {"url": survey_url}
    stop = _("To stop e-mails about this self-assessment: %(url)s") % {"url": unsubscribe_url}
    body = f"{opening % names}\n\n{' '.join([anonymous, *personal, closing])}\n\n{start}\n\n{stop}\n"
    return subject, body


def _message(recipient: InvitationRecipient, kind: str, site_url: str) -> EmailMessage:
    """English, or for a partnership that offers the survey in Welsh both languages, Welsh first
    as Welsh public bodies write; each half's links open the survey and the unsubscribe page in
    its own language."""
    invitation = recipient.invitation
    token = recipient.link.token if recipient.link is not None else invitation.token
    survey_url = site_url + reverse("survey:start", args=[token])
    unsubscribe_url = site_url + reverse("survey:unsubscribe", args=[recipient.token])
    if offers_welsh(invitation.round):
        halves = []
        for language in (WELSH, ENGLISH):
            chosen = f"?{LANGUAGE_PARAMETER}={language}"
            with translation.override(language):
                halves.append(_texts(recipient, kind, survey_url + chosen, unsubscribe_url + chosen))
        (welsh_subject, welsh_body), (english_subject, english_body) = halves
        subject = f"{welsh_subject} | {english_subject}"
        body = f"{welsh_body}\n{'-' * 40}\n\n{english_body}"
    else:
        with translation.override(ENGLISH):
            subject, body = _texts(recipient, kind, survey_url, unsubscribe_url)
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
