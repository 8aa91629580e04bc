"""E-mail for a partnership that offers the survey in Welsh: bilingual, Welsh first, with the
subject in both languages; each half's links open the survey and the unsubscribe page in its own
language (issue 14 review). Elsewhere the e-mail stays English only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from joinedup.web.partnerships.emails import INVITATION, REMINDER, send_invitation_emails
from joinedup.web.partnerships.models import InvitationRecipient, Nation
from joinedup.web.partnerships.tests.builders import make_partnership, make_round
from joinedup.web.survey.models import SingleUseLink

from .test_welsh import GETTEXT_CALL, page_text, welsh_catalogue

pytestmark = pytest.mark.django_db

EMAILS = Path(__file__).resolve().parents[2] / "partnerships" / "emails.py"


def _recipient(nation: str, welsh_elsewhere: bool = False, name: str = "Cwm") -> InvitationRecipient:
    partnership = make_partnership(name=name, slug=name.lower(), agencies=["Education"])
    partnership.nation = nation
    partnership.survey_in_welsh = welsh_elsewhere
    partnership.save()
    invitation = make_round(partnership).invitations.get(agency__name="Education")
    return InvitationRecipient.objects.create(
        invitation=invitation,
        email="ann@example.org",
        link=SingleUseLink.objects.create(invitation=invitation),
    )


def test_every_sentence_of_the_e_mails_has_a_welsh_translation():
    source = EMAILS.read_text(encoding="utf-8")
    msgids = {ast.literal_eval(f"({literal})") for literal in GETTEXT_CALL.findall(source)}
    assert len(msgids) == 9
    catalogue = welsh_catalogue()
    assert not sorted(msgid for msgid in msgids if not catalogue.get(msgid, "").strip())


def test_a_wales_invitation_is_in_welsh_then_english_with_links_in_each_language():
    recipient = _recipient(Nation.WALES)
    assert send_invitation_emails([recipient.pk], kind=INVITATION, site_url="http://testserver") == 1
    (message,) = mail.outbox
    assert message.subject == "Cwm: pa mor dda ydyn ni'n cydweithio? | Cwm: how well do we work together?"
    welsh, english = message.body.split("-" * 40)
    assert "Dechreuwch yma" in welsh and "Mae'r ddolen hon i chi yn unig" in welsh
    assert "Start here" in english and "This link is for you alone" in english
    assert "?lang=cy" in welsh and "?lang=cy" not in english and "?lang=en-gb" in english


def test_a_wales_reminder_names_the_closing_date_in_welsh():
    recipient = _recipient(Nation.WALES)
    send_invitation_emails([recipient.pk], kind=REMINDER, site_url="http://testserver")
    (message,) = mail.outbox
    closes = recipient.invitation.round.closes_on
    assert message.subject.startswith("Nodyn atgoffa: mae hunanasesiad Cwm yn cau ar")
    assert f"closes on {closes.day} {closes:%B %Y}" in message.subject


def test_outside_wales_the_e_mail_is_english_unless_welsh_is_switched_on():
    english_only = _recipient(Nation.SCOTLAND)
    send_invitation_emails([english_only.pk], site_url="http://testserver")
    (message,) = mail.outbox
    assert message.subject == "Cwm: how well do we work together?"
    assert "Dechreuwch" not in message.body and "?lang=" not in message.body
    mail.outbox.clear()
    switched_on = _recipient(Nation.ENGLAND, welsh_elsewhere=True, name="Riverside")
    send_invitation_emails([switched_on.pk], site_url="http://testserver")
    assert mail.outbox[0].body.startswith("Mae Riverside yn gofyn")


def test_the_unsubscribe_page_follows_the_language_of_the_link(client):
    recipient = _recipient(Nation.WALES)
    url = reverse("survey:unsubscribe", args=[recipient.token])
    page = client.get(url, {"lang": "cy"})
    assert '<html lang="cy"' in page.content.decode() and page["Content-Language"] == "cy"
    assert "Peidio â chael negeseuon e-bost gan Cwm am ei hunanasesiad?" in page_text(page)
    done = client.post(f"{url}?lang=cy")
    assert "Ni chewch ragor o negeseuon e-bost" in page_text(done)
    assert InvitationRecipient.objects.get(pk=recipient.pk).unsubscribed
    english = client.get(url, {"lang": "en-gb"})
    assert "Stop e-mails from Cwm about its self-assessment?" in page_text(english)
