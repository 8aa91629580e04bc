"""Rounds that follow their dates: opening, closing with confirmation, the grace period, closing
by date, renaming and archiving (issue 14, item 2)."""

from __future__ import annotations

import html
from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from joinedup.web.partnerships.models import Invitation, InvitationRecipient, Round, RoundStatus
from joinedup.web.partnerships.rounds import close_due_rounds

from .builders import make_round


def _future(days: int = 10):
    return timezone.localdate() + timedelta(days=days)


def _status(client, a_round: Round, action: str):
    return client.post(
        reverse("partnerships:round_status", args=[a_round.partnership.slug, a_round.pk, action])
    )


def _draft(fife, name: str = "Spring", closes_on=None) -> Round:
    a_round = make_round(fife, name=name, status=RoundStatus.DRAFT)
    Round.objects.filter(pk=a_round.pk).update(closes_on=closes_on or _future())
    return Round.objects.get(pk=a_round.pk)


def test_opening_asks_for_confirmation_first(coordinator_client, fife):
    a_round = _draft(fife)
    page = coordinator_client.get(
        reverse("partnerships:round_confirm", args=[fife.slug, a_round.pk, "open"])
    ).content.decode()
    assert "Open Spring?" in page
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.DRAFT
    assert _status(coordinator_client, a_round, "open").status_code == 302
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.OPEN


def test_a_round_whose_closing_date_has_passed_cannot_open(coordinator_client, fife):
    a_round = _draft(fife, closes_on=timezone.localdate() - timedelta(days=1))
    response = _status(coordinator_client, a_round, "open")
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body
    assert "has passed. Change the closing date before you open the round" in body
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.DRAFT


def test_a_round_closing_today_can_open(coordinator_client, fife):
    a_round = _draft(fife, closes_on=timezone.localdate())
    _status(coordinator_client, a_round, "open")
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.OPEN


def test_two_rounds_cannot_be_open_at_once(coordinator_client, fife):
    first = _draft(fife, "Spring")
    second = _draft(fife, "Autumn")
    _status(coordinator_client, first, "open")
    body = _status(coordinator_client, second, "open").content.decode()
    assert "Spring is still open. Close it before you open Autumn" in body
    assert Round.objects.get(pk=second.pk).status == RoundStatus.DRAFT


def test_closing_asks_for_confirmation_and_can_be_undone_within_the_grace_period(coordinator_client, fife):
    a_round = _draft(fife)
    _status(coordinator_client, a_round, "open")
    page = coordinator_client.get(
        reverse("partnerships:round_confirm", args=[fife.slug, a_round.pk, "close"])
    ).content.decode()
    assert "Close Spring?" in page and "govuk-button--warning" in page
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.OPEN
    _status(coordinator_client, a_round, "close")
    closed = Round.objects.get(pk=a_round.pk)
    assert closed.status == RoundStatus.CLOSED and closed.closed_at is not None
    round_page = coordinator_client.get(closed.get_absolute_url()).content.decode()
    assert "Reopen" in round_page
    _status(coordinator_client, a_round, "reopen")
    reopened = Round.objects.get(pk=a_round.pk)
    assert reopened.status == RoundStatus.OPEN and reopened.closed_at is None


def test_reopening_is_refused_after_the_grace_period(coordinator_client, fife):
    a_round = _draft(fife)
    Round.objects.filter(pk=a_round.pk).update(
        status=RoundStatus.CLOSED, closed_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    body = _status(coordinator_client, a_round, "reopen").content.decode()
    assert "can be reopened only in the 24 hours after it closed" in body
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.CLOSED
    assert "Reopen" not in coordinator_client.get(a_round.get_absolute_url()).content.decode()


def test_viewers_cannot_open_close_or_reopen(viewer_client, fife):
    a_round = _draft(fife)
    for action in ("open", "close", "reopen"):
        assert _status(viewer_client, a_round, action).status_code == 403
        url = reverse("partnerships:round_confirm", args=[fife.slug, a_round.pk, action])
        assert viewer_client.get(url).status_code == 403
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.DRAFT


def test_rounds_close_the_day_after_their_closing_date(fife):
    today = make_round(fife, "Today")
    Round.objects.filter(pk=today.pk).update(closes_on=timezone.localdate())
    yesterday = make_round(fife, "Yesterday")
    Round.objects.filter(pk=yesterday.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    draft = _draft(fife, "Draft", closes_on=timezone.localdate() - timedelta(days=5))
    call_command("close_due_rounds", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Round.objects.get(pk=today.pk).status == RoundStatus.OPEN
    closed = Round.objects.get(pk=yesterday.pk)
    assert closed.status == RoundStatus.CLOSED and closed.closed_at is not None
    assert Round.objects.get(pk=draft.pk).status == RoundStatus.DRAFT


def test_addresses_are_deleted_once_the_grace_period_is_over(fife):
    a_round = make_round(fife)
    Round.objects.filter(pk=a_round.pk).update(closes_on=timezone.localdate() - timedelta(days=1))
    invitation = a_round.invitations.exclude(agency=None)[0]
    InvitationRecipient.objects.create(invitation=invitation, email="a@example.org")
    closed, forgotten = close_due_rounds()
    assert [r.pk for r in closed] == [a_round.pk] and forgotten == 0
    assert InvitationRecipient.objects.count() == 1, "kept during the grace period, in case of reopening"
    _, forgotten = close_due_rounds(now=timezone.now() + timedelta(hours=25))
    assert forgotten == 1
    assert not InvitationRecipient.objects.exists()


def test_a_closed_round_shows_final_counts_and_results_not_links(coordinator_client, fife):
    a_round = make_round(fife, status=RoundStatus.CLOSED)
    body = coordinator_client.get(a_round.get_absolute_url()).content.decode()
    assert "Links to send" not in body
    assert "Responses so far" not in body
    assert "Final responses" in body
    assert "Results and report for this round" in body
    for invitation in Invitation.objects.filter(round=a_round):
        assert invitation.token not in body


def test_an_open_round_shows_its_links_including_any_agency(coordinator_client, fife):
    a_round = make_round(fife)
    body = coordinator_client.get(a_round.get_absolute_url()).content.decode()
    assert "Links to send" in body and "Any agency" in body
    assert a_round.invitations.get(agency=None).token in body


def test_opening_a_round_without_an_any_agency_link_makes_one(coordinator_client, fife):
    a_round = _draft(fife)
    Invitation.objects.filter(round=a_round, agency=None).delete()
    _status(coordinator_client, a_round, "open")
    assert Invitation.objects.filter(round=a_round, agency=None).count() == 1


def test_renaming_a_round_keeps_history_and_checks_names_and_dates(coordinator_client, fife):
    a_round = _draft(fife)
    make_round(fife, "Autumn", status=RoundStatus.DRAFT)
    url = reverse("partnerships:round_edit", args=[fife.slug, a_round.pk])
    closes = _future(20)
    boxes = {"closes_on-day": closes.day, "closes_on-month": closes.month, "closes_on-year": closes.year}
    clash = coordinator_client.post(url, {"name": "autumn", **boxes, "reminder_days": ""})
    assert "already has a round with that name" in clash.content.decode()
    bad = coordinator_client.post(url, {"name": "Spring 2027", **boxes, "reminder_days": "7, soon"})
    assert "'soon' is not" in html.unescape(bad.content.decode())
    assert Round.objects.get(pk=a_round.pk).name == "Spring"
    coordinator_client.post(url, {"name": "Spring 2027", **boxes, "reminder_days": "3,7"})
    saved = Round.objects.get(pk=a_round.pk)
    assert (saved.name, saved.closes_on, saved.reminder_days) == ("Spring 2027", closes, "7, 3")
    assert [h.name for h in saved.history.order_by("history_date")][-1] == "Spring 2027"
    assert "Spring" in {h.name for h in saved.history.all()}


def test_an_open_round_cannot_be_given_a_past_closing_date(coordinator_client, fife):
    a_round = make_round(fife)
    Round.objects.filter(pk=a_round.pk).update(closes_on=_future())
    past = timezone.localdate() - timedelta(days=1)
    response = coordinator_client.post(
        reverse("partnerships:round_edit", args=[fife.slug, a_round.pk]),
        {
            "name": "Spring",
            "closes_on-day": past.day,
            "closes_on-month": past.month,
            "closes_on-year": past.year,
        },
    )
    assert "must be today or later" in response.content.decode()
    assert Round.objects.get(pk=a_round.pk).closes_on == _future()


def test_archived_rounds_leave_the_list_but_are_kept(coordinator_client, fife):
    a_round = make_round(fife, status=RoundStatus.CLOSED)
    url = reverse("partnerships:round_archive", args=[fife.slug, a_round.pk])
    assert coordinator_client.get(url).status_code == 200
    coordinator_client.post(url)
    assert Round.objects.get(pk=a_round.pk).archived
    page = coordinator_client.get(fife.get_absolute_url()).content.decode()
    assert "Archived rounds" in page
    assert coordinator_client.get(a_round.get_absolute_url()).status_code == 200


def test_an_open_round_cannot_be_archived(coordinator_client, fife):
    a_round = make_round(fife)
    response = coordinator_client.post(reverse("partnerships:round_archive", args=[fife.slug, a_round.pk]))
    assert "Close it before you archive it" in response.content.decode()
    assert not Round.objects.get(pk=a_round.pk).archived


def _confirm(client, a_round: Round, action: str) -> str:
    url = reverse("partnerships:round_confirm", args=[a_round.partnership.slug, a_round.pk, action])
    return html.unescape(client.get(url).content.decode())


def test_the_confirmation_page_says_a_passed_closing_date_stops_opening_and_offers_no_button(
    coordinator_client, fife
):
    a_round = _draft(fife, closes_on=timezone.localdate() - timedelta(days=1))
    page = _confirm(coordinator_client, a_round, "open")
    assert "Spring cannot be opened now" in page
    assert "has passed. Change the closing date before you open the round" in page
    assert "People with a link can answer" not in page
    assert "<button" not in page.split("<main")[1]
    assert reverse("partnerships:round_edit", args=[fife.slug, a_round.pk]) in page


def test_the_confirmation_page_for_reopening_a_round_closed_by_date_points_to_the_dates(
    coordinator_client, fife
):
    a_round = _draft(fife, closes_on=timezone.localdate() - timedelta(days=1))
    Round.objects.filter(pk=a_round.pk).update(status=RoundStatus.OPEN)
    close_due_rounds()
    page = _confirm(coordinator_client, a_round, "reopen")
    assert "Spring cannot be reopened now" in page
    assert "People can answer again" not in page
    assert "<button" not in page.split("<main")[1]
    assert reverse("partnerships:round_edit", args=[fife.slug, a_round.pk]) in page
    Round.objects.filter(pk=a_round.pk).update(closes_on=_future())
    page = _confirm(coordinator_client, a_round, "reopen")
    assert "Reopen Spring?" in page and "Reopen the round" in page
