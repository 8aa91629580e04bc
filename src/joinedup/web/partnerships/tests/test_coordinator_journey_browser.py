"""Must-show of issue 14: the whole coordinator journey in Chromium, axe on every page.

A coordinator invites a colleague who has no account (she sets a password and joins), sets up a
round with reminder days, e-mails single-use links to three people and opens it; two answer (one
stops half-way and carries on later from the resume link, in another browser); the reminder goes
only to the third; the round closes on its date by the scheduled command; the coordinator
corrects a mistyped reading and deletes an action (where those pages exist) and downloads the
report. axe may find nothing serious or critical on any page.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core import mail
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import (
    InvitationRecipient,
    Membership,
    Partnership,
    Response,
    Round,
    RoundStatus,
)

from .builders import PASSWORD, add_member, make_partnership, make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

axe = Axe()
SERIOUS = {"serious", "critical"}
ADDRESSES = ["ann@example.org", "bob@example.org", "cat@example.org"]
COLLEAGUE_PASSWORD = "a colleague's long passphrase 7"


def check_axe(page: Page) -> None:
    results = axe.run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    assert not serious, f"{page.url}\n{results.generate_report()}"


def visit(page: Page, url: str) -> None:
    page.goto(url)
    check_axe(page)


def submit(page: Page, selector: str = "main button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)
    check_axe(page)


def sign_in(page: Page, base: str, username: str, password: str) -> None:
    visit(page, base + reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    submit(page)


def fill_date(page: Page, name: str, day: date) -> None:
    page.fill(f"input[name={name}-day]", str(day.day))
    page.fill(f"input[name={name}-month]", str(day.month))
    page.fill(f"input[name={name}-year]", str(day.year))


def links_in(message: mail.EmailMessage) -> list[str]:
    return re.findall(r"(http://[^\s]+/survey/[^\s]+)", str(message.body))


def answer_pages(page: Page, first: int, last: int, factors: list[str], instrument) -> None:
    for number in range(first, last + 1):
        assert f"Section {number} of {len(factors)}" in page.inner_text(".govuk-caption-l")
        check_axe(page)
        for item in instrument.items_for(factors[number - 1]):
            page.check(f"input[name={item.id}][value='4']")
        with page.expect_navigation():
            page.click("main button[type=submit]")


def start_and_about_you(page: Page, url: str) -> None:
    visit(page, url)
    with page.expect_navigation():
        page.click("a.govuk-button--start")
    check_axe(page)
    page.check("input[name=role_group] >> nth=0")
    with page.expect_navigation():
        page.click("main button[type=submit]")


def send_answers(page: Page) -> None:
    assert "Check your answers" in page.inner_text("h1")
    check_axe(page)
    submit(page, "form[action$='/send/'] button[type=submit]")
    assert page.inner_text(".govuk-panel__title") == "Your answers have been sent"


def _structure_records(partnership: Partnership):
    """A target with a mistyped reading and an action to delete, if the structure app has them."""
    from joinedup.web.structure.models import ActionItem, Target, TargetReading

    agency = partnership.agencies.all()[0]
    target = Target.objects.create(
        partnership=partnership,
        reference="T1",
        title="Children seen within 10 days",
        unit="%",
        polarity="higher",
        baseline=60,
        baseline_date=timezone.localdate() - timedelta(days=200),
        target_value=80,
        target_date=timezone.localdate() + timedelta(days=200),
        owner=agency,
    )
    reading = TargetReading.objects.create(
        target=target, as_of=timezone.localdate() - timedelta(days=30), value=650
    )
    action = ActionItem.objects.create(
        partnership=partnership,
        reference="A1",
        what="Agree a shared referral form",
        owner=agency,
        due=timezone.localdate() + timedelta(days=60),
        success_measure="Signed agreement in the board minutes",
    )
    return target, reading, action


def _url(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def test_the_whole_coordinator_journey(live_server, page: Page, browser: Browser):
    base = live_server.url
    instrument = load_instrument("1")
    factors = list(dict.fromkeys(item.factor for item in instrument.items))
    partnership = make_partnership(
        name="Riverside Children's Partnership",
        slug="riverside",
        agencies=(
            "Education",
            "Health visiting",
            "Police",
            "Social care",
            "Voluntary sector",
            "Youth justice",
        ),
    )
    Partnership.objects.filter(pk=partnership.pk).update(nation="england")
    add_member(partnership, make_user("coordinator"))
    target, reading, action = _structure_records(partnership)

    # 1. Invite a colleague who has no account; she sets a password and joins as partner lead.
    sign_in(page, base, "coordinator", PASSWORD)
    visit(page, base + partnership.get_absolute_url())
    with page.expect_navigation():
        page.click("a[href$='/members/add/']")
    check_axe(page)
    page.fill("input[name=who]", "new.colleague@example.org")
    page.check("input[name=role][value=partner_lead]")
    submit(page)
    assert "they have been invited" in page.content(), page.inner_text("main")
    (invitation_mail,) = mail.outbox
    join_url = re.findall(r"(http://[^\s]+/partnerships/join/[^\s]+/)", str(invitation_mail.body))[0]
    colleague = browser.new_context().new_page()
    visit(colleague, join_url)
    colleague.fill("input[name=username]", "colleague")
    colleague.fill("input[name=password1]", COLLEAGUE_PASSWORD)
    colleague.fill("input[name=password2]", COLLEAGUE_PASSWORD)
    submit(colleague)
    assert "You are now a member" in colleague.content() or "Welcome" in colleague.content()
    assert Membership.objects.get(user__username="colleague").role == "partner_lead"
    colleague.context.close()
    mail.outbox.clear()

    # 2. Set up a round with reminders, e-mail three people their single-use links, open it.
    visit(page, base + reverse("partnerships:round_create", args=[partnership.slug]))
    page.fill("input[name=name]", "Spring 2027")
    today = timezone.localdate()
    fill_date(page, "opens_on", today)
    fill_date(page, "closes_on", today + timedelta(days=14))
    page.fill("input[name=reminder_days]", "7, 3")
    submit(page)
    a_round = Round.objects.get(name="Spring 2027")
    assert a_round.invitations.filter(agency=None).exists(), "the any-agency link exists"
    with page.expect_navigation():
        page.click("a[href$='/e-mail/']")
    check_axe(page)
    education = a_round.invitations.get(agency__name="Education")
    page.select_option("select[name=invitation]", str(education.pk))
    page.fill("textarea[name=addresses]", "\n".join(ADDRESSES))
    page.check("input[name=single_use][value=yes]")
    submit(page)
    assert not mail.outbox, "a draft round's invitations wait for the opening"
    with page.expect_navigation():
        page.click("a[href$='/status/open/confirm/']")
    check_axe(page)
    submit(page, "main form button[type=submit]")
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.OPEN
    links = {m.to[0]: links_in(m)[0] for m in mail.outbox}
    assert sorted(links) == ADDRESSES and len(set(links.values())) == 3

    # 3. Ann answers in one go; Bob stops after two pages and carries on later elsewhere.
    ann = browser.new_context().new_page()
    start_and_about_you(ann, links["ann@example.org"])
    answer_pages(ann, 1, len(factors), factors, instrument)
    send_answers(ann)
    ann.context.close()

    bob = browser.new_context().new_page()
    start_and_about_you(bob, links["bob@example.org"])
    answer_pages(bob, 1, 2, factors, instrument)
    with bob.expect_navigation():
        bob.click("a[href$='/save-for-later/']")
    check_axe(bob)
    resume_url = bob.inner_text("#resume-link")
    bob.context.close()
    bob_later = browser.new_context().new_page()
    bob_later.goto(resume_url)
    answer_pages(bob_later, 3, len(factors), factors, instrument)
    send_answers(bob_later)
    bob_later.context.close()
    assert Response.objects.filter(round=a_round).count() == 2

    # 4. Three days before closing, the reminder goes only to Cat, whose link is unused.
    # Eleven days pass: the invitations were sent then, and today is three days before closing.
    InvitationRecipient.objects.update(last_sent_on=today - timedelta(days=11))
    Round.objects.filter(pk=a_round.pk).update(closes_on=today + timedelta(days=3))
    mail.outbox.clear()
    call_command("send_due_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert [m.to[0] for m in mail.outbox] == ["cat@example.org"]

    # Others in the partnership answered through the shared links (stored directly, for the report).
    for agency in partnership.agencies.exclude(name="Education")[:2]:
        Response.objects.bulk_create(
            Response(
                round=a_round,
                agency=agency,
                role_group="practitioner",
                answers={item.id: 3 + (i % 2) for item in instrument.items},
            )
            for i in range(6)
        )

    # 5. The round closes on its date, by the scheduled command; its page shows what is useful.
    Round.objects.filter(pk=a_round.pk).update(
        opens_on=today - timedelta(days=14), closes_on=today - timedelta(days=1)
    )
    call_command("close_due_rounds", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Round.objects.get(pk=a_round.pk).status == RoundStatus.CLOSED
    visit(page, base + a_round.get_absolute_url())
    body = page.content()
    assert "Final responses" in body and "Links to send" not in body and "Reopen" in body

    # 6. Correct the mistyped reading (650 for 65) and delete the action, where those pages exist.
    reading_url = _url("structure:reading_edit", partnership.slug, target.pk, reading.pk)
    if reading_url:
        visit(page, base + reading_url)
        page.fill("input[name=value]", "65")
        submit(page)
        reading.refresh_from_db()
        assert reading.value == 65
    delete_url = _url("structure:delete", partnership.slug, "action", action.pk)
    if delete_url:
        visit(page, base + delete_url)
        reason = page.locator("main textarea, main input[name=reason]")
        if reason.count():
            reason.first.fill("Added twice by mistake")
        submit(page, "main form button[type=submit]")
        from joinedup.web.structure.models import ActionItem

        assert not ActionItem.objects.filter(pk=action.pk).exists()

    # 7. Results and the report.
    visit(page, base + reverse("reporting:dashboard", args=[partnership.slug]) + f"?round={a_round.pk}")
    report = page.request.get(
        base + reverse("reporting:download", args=[partnership.slug, a_round.pk, "html"])
    )
    assert report.ok and "Riverside Children" in report.text()
