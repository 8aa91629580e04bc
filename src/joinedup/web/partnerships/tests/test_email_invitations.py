"""E-mail invitations and reminders (issue 14, item 1): sent per agency, one single-use link per
address or the shared link, reminders only to unused links on the coordinator's schedule,
unsubscribe honoured, addresses never with the answers, response rates per agency."""

from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.emails import INVITATION, send_invitation_emails
from joinedup.web.partnerships.models import (
    EmailOptOut,
    Invitation,
    InvitationRecipient,
    Response,
    Round,
    RoundStatus,
)
from joinedup.web.survey.models import SingleUseLink

from .builders import make_round

ADDRESSES = "ann@example.org\nBob@Example.org, cat@example.org\n\nann@example.org"


def _invite(
    client, a_round: Round, invitation: Invitation, addresses: str = ADDRESSES, single_use: str = "yes"
):
    return client.post(
        reverse("partnerships:round_emails", args=[a_round.partnership.slug, a_round.pk]),
        {"invitation": invitation.pk, "addresses": addresses, "single_use": single_use},
    )


def _links(message) -> list[str]:
    return re.findall(r"http://testserver(/survey/[^\s]+)", message.body)


def test_each_address_gets_its_own_single_use_link(
    coordinator_client, fife, django_capture_on_commit_callbacks
):
    a_round = make_round(fife)
    education = a_round.invitations.get(agency__name="Education")
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(coordinator_client, a_round, education).status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ann@example.org", "bob@example.org", "cat@example.org"]
    survey_links = {_links(m)[0] for m in mail.outbox}
    assert len(survey_links) == 3
    tokens = set(SingleUseLink.objects.filter(invitation=education).values_list("token", flat=True))
    assert {link.split("/")[2] for link in survey_links} == tokens
    assert education.token not in "".join(str(m.body) for m in mail.outbox)
    assert all("unsubscribe" in _links(m)[1] and "List-Unsubscribe" in m.extra_headers for m in mail.outbox)
    assert Invitation.objects.get(pk=education.pk).invited == 3


def test_the_shared_link_can_be_sent_instead(coordinator_client, fife, django_capture_on_commit_callbacks):
    a_round = make_round(fife)
    education = a_round.invitations.get(agency__name="Education")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator_client, a_round, education, single_use="no")
    assert all(education.token in m.body for m in mail.outbox) and len(mail.outbox) == 3
    assert not SingleUseLink.objects.exists()


def test_a_bad_address_is_named_and_nothing_is_stored_or_sent(
    coordinator_client, fife, django_capture_on_commit_callbacks
):
    a_round = make_round(fife)
    education = a_round.invitations.get(agency__name="Education")
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(coordinator_client, a_round, education, "ann@example.org\nnot an address")
    body = response.content.decode()
    assert "govuk-error-summary" in body and "is not an e-mail address" in body and "not an address" in body
    assert not mail.outbox and not InvitationRecipient.objects.exists() and not SingleUseLink.objects.exists()


def test_addresses_for_a_draft_round_go_when_it_opens(
    coordinator_client, fife, django_capture_on_commit_callbacks
):
    a_round = make_round(fife, status=RoundStatus.DRAFT)
    Round.objects.filter(pk=a_round.pk).update(closes_on=timezone.localdate() + timedelta(days=14))
    education = a_round.invitations.get(agency__name="Education")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(coordinator_client, a_round, education)
    assert not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(reverse("partnerships:round_status", args=[fife.slug, a_round.pk, "open"]))
    assert len(mail.outbox) == 3


def test_viewers_cannot_send_invitations(viewer_client, fife):
    a_round = make_round(fife)
    response = _invite(viewer_client, a_round, a_round.invitations.all()[0])
    assert response.status_code == 403
    assert not InvitationRecipient.objects.exists()


def _recipients(a_round: Round, n: int, single_use: bool = True) -> list[InvitationRecipient]:
    invitation = a_round.invitations.get(agency__name="Education")
    return [
        InvitationRecipient.objects.create(
            invitation=invitation,
            email=f"person{i}@example.org",
            link=SingleUseLink.objects.create(invitation=invitation) if single_use else None,
            last_sent_on=timezone.localdate() - timedelta(days=4),
        )
        for i in range(n)
    ]


def _reminders() -> list[str]:
    mail.outbox.clear()
    call_command("send_due_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return sorted(m.to[0] for m in mail.outbox)


def test_reminders_go_on_schedule_only_to_unused_links(fife):
    a_round = make_round(fife)
    Round.objects.filter(pk=a_round.pk).update(
        closes_on=timezone.localdate() + timedelta(days=3), reminder_days="7, 3"
    )
    used, unused, unsubscribed = _recipients(a_round, 3)
    assert used.link_id is not None
    SingleUseLink.objects.filter(pk=used.link_id).update(used=True)
    InvitationRecipient.objects.filter(pk=unsubscribed.pk).update(unsubscribed=True)
    assert _reminders() == [unused.email]
    assert all(m.subject.startswith("Reminder") for m in mail.outbox)
    assert _reminders() == [], "a second run on the same day sends nothing again"
    assert InvitationRecipient.objects.get(pk=unused.pk).reminders_sent == 1


def test_no_reminder_on_a_day_that_is_not_in_the_schedule(fife):
    a_round = make_round(fife)
    Round.objects.filter(pk=a_round.pk).update(
        closes_on=timezone.localdate() + timedelta(days=5), reminder_days="7, 3"
    )
    _recipients(a_round, 2)
    assert _reminders() == []


def test_no_reminders_for_a_closed_round(fife):
    a_round = make_round(fife, status=RoundStatus.CLOSED)
    Round.objects.filter(pk=a_round.pk).update(
        closes_on=timezone.localdate() + timedelta(days=3), reminder_days="3"
    )
    _recipients(a_round, 2)
    assert _reminders() == []


def test_unsubscribing_asks_then_stops_every_later_e_mail(client, fife):
    a_round = make_round(fife)
    Round.objects.filter(pk=a_round.pk).update(
        closes_on=timezone.localdate() + timedelta(days=3), reminder_days="3"
    )
    (recipient,) = _recipients(a_round, 1, single_use=False)
    url = reverse("survey:unsubscribe", args=[recipient.token])
    assert client.get(url).status_code == 200
    assert not InvitationRecipient.objects.get(pk=recipient.pk).unsubscribed, (
        "a link scanner's GET does nothing"
    )
    client.post(url)
    assert InvitationRecipient.objects.get(pk=recipient.pk).unsubscribed
    assert _reminders() == []
    stored = EmailOptOut.objects.get(partnership=fife)
    assert "person0" not in stored.address_hash
    # A later round: the address is left out when the coordinator enters it again.
    later = make_round(fife, "Autumn")
    again = InvitationRecipient.objects.create(
        invitation=later.invitations.all()[0], email="PERSON0@example.org"
    )
    assert send_invitation_emails([again.pk], kind=INVITATION) == 0


def test_addresses_are_never_stored_with_the_answers(fife):
    relations = {f.related_model for f in Response._meta.get_fields() if f.is_relation}
    assert InvitationRecipient not in relations
    recipient_relations = {f.related_model for f in InvitationRecipient._meta.get_fields() if f.is_relation}
    assert Response not in recipient_relations
    assert not any("mail" in f.name for f in Response._meta.get_fields())


def test_the_round_page_shows_the_response_rate_only_for_shown_counts(coordinator_client, fife):
    a_round = make_round(fife)
    counts = {"Education": 7, "NHS Fife": 9, "Police Scotland": 2, "Social Work": 0}
    for invitation in a_round.invitations.exclude(agency=None).select_related("agency"):
        Invitation.objects.filter(pk=invitation.pk).update(invited=10)
        assert invitation.agency is not None
        n = counts[invitation.agency.name]
        Response.objects.bulk_create(
            Response(round=a_round, agency=invitation.agency, role_group="practitioner", answers={})
            for _ in range(n)
        )
    body = coordinator_client.get(a_round.get_absolute_url()).content.decode()
    assert ">90%<" in body
    # Police (2) is hidden; Education (7) is hidden too by secondary suppression; so are their rates.
    assert ">70%<" not in body and ">20%<" not in body
