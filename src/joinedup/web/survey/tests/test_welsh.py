"""The survey in Welsh: offered in Wales (and where switched on), chosen by the respondent, every
respondent page in Welsh, and answers given in Welsh counted with English ones as the same items."""

from __future__ import annotations

import ast
import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation.template import templatize

from joinedup.instrument import load_instrument
from joinedup.instrument.translations import translated_instrument
from joinedup.web.partnerships.models import Agency, Nation, Response
from joinedup.web.partnerships.tests.builders import (
    add_member,
    make_partnership,
    make_responses,
    make_round,
    make_user,
)
from joinedup.web.reporting.services import round_analysis
from joinedup.web.survey.language import LANGUAGE_COOKIE

from .flow import answer_about_you, answer_page, factor_order, send_key

pytestmark = pytest.mark.django_db

WEB = Path(__file__).resolve().parents[2]
CATALOGUE = WEB / "locale" / "cy" / "LC_MESSAGES"
# The pages a respondent reads, and the shared frame and form parts they are drawn with; the
# coordinator's survey settings pages (response_mode, single_use_links) stay English.
RESPONDENT_TEMPLATES = [
    *(
        WEB / "survey" / "templates" / "survey" / name
        for name in (
            "_page.html",
            "_radios.html",
            "start.html",
            "about_you.html",
            "questions.html",
            "check.html",
            "sent.html",
            "saved.html",
            "expired.html",
            "not_open.html",
            "already_sent.html",
            "link_used.html",
            "imported.html",
            "unsubscribed.html",
            "too_many.html",
        )
    ),
    WEB / "templates" / "base.html",
    WEB / "templates" / "joinedup" / "error_summary.html",
    WEB / "templates" / "joinedup" / "error_message.html",
]
GETTEXT_CALL = re.compile(r"""\b_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)""")


def template_msgids(path: Path) -> set[str]:
    """What makemessages would collect from a template, through Django's own templatize."""
    found = re.findall(r"gettext\(u('(?:[^'\\]|\\.)*')\)", templatize(path.read_text(encoding="utf-8")))
    return {ast.literal_eval(text) for text in found}


def form_msgids() -> set[str]:
    source = (WEB / "survey" / "forms.py").read_text(encoding="utf-8")
    return {ast.literal_eval(f"({literal})") for literal in GETTEXT_CALL.findall(source)}


def welsh_catalogue() -> dict[str, str]:
    with (CATALOGUE / "django.mo").open("rb") as compiled:
        # GNUTranslations keeps what it read in `_catalog` and offers no public way to list it.
        catalogue = vars(gettext.GNUTranslations(compiled))["_catalog"]
        return {key: value for key, value in catalogue.items() if key}


def po_entries() -> dict[str, str]:
    """msgid to msgstr as the .po file has them, strings continued over several lines joined."""
    entries: dict[str, str] = {}
    fields: dict[str, str] = {}
    current = ""
    for line in [*(CATALOGUE / "django.po").read_text(encoding="utf-8").splitlines(), ""]:
        keyword, _, rest = line.partition(" ")
        if keyword in {"msgid", "msgstr"}:
            current = keyword
            fields[current] = ast.literal_eval(rest)
        elif line.startswith('"'):
            fields[current] += ast.literal_eval(line)
        elif not line.strip() and fields:
            if fields["msgid"]:
                entries[fields["msgid"]] = fields["msgstr"]
            fields = {}
    return entries


def test_every_string_of_the_respondent_pages_has_a_welsh_translation():
    msgids = set().union(*(template_msgids(path) for path in RESPONDENT_TEMPLATES), form_msgids())
    assert len(msgids) > 80
    catalogue = welsh_catalogue()
    untranslated = sorted(msgid for msgid in msgids if not catalogue.get(msgid, "").strip())
    assert not untranslated


def test_the_compiled_catalogue_is_the_po_file_compiled():
    """The .mo is committed so the app needs no gettext tools; this fails when the .po was edited
    without running `joinedup-manage compilemessages`."""
    assert po_entries() == welsh_catalogue()


def test_the_po_file_says_it_awaits_a_native_speaker():
    assert "FOR NATIVE REVIEW" in (CATALOGUE / "django.po").read_text(encoding="utf-8")


def page_text(response) -> str:
    """The words a person reads: tags, scripts and the hidden CSRF field left out."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def english_sentences() -> list[str]:
    """The template strings long enough to be unmistakably English, placeholders cut out."""
    pieces = []
    for msgid in welsh_catalogue():
        pieces += [piece.strip() for piece in re.split(r"%\(\w+\)s", msgid) if len(piece.strip()) >= 12]
    return pieces


def assert_welsh(response, *expected: str) -> str:
    assert response.status_code == 200
    assert '<html lang="cy"' in response.content.decode()
    assert response["Content-Language"] == "cy"
    text = page_text(response)
    for phrase in expected:
        assert phrase in text
    english = [sentence for sentence in english_sentences() if sentence in text]
    assert not english, english
    return text


@pytest.fixture
def wales_round():
    partnership = make_partnership(
        name="Cwm Partneriaeth", slug="cwm", agencies=["Education", "Health visiting"]
    )
    partnership.nation = Nation.WALES
    partnership.save()
    return make_round(partnership)


def test_a_welsh_respondent_answers_in_welsh_and_is_counted_with_english_answers(client, wales_round):
    instrument = load_instrument("1")
    welsh = translated_instrument(instrument, "cy")
    education = Agency.objects.get(partnership=wales_round.partnership, name="Education")
    token = wales_round.invitations.get(agency=education).token
    make_responses(wales_round, education, 4, answer=4)

    start = client.get(reverse("survey:start", args=[token]), {"lang": "cy"})
    assert_welsh(start, "Pa mor dda ydym ni'n cydweithio?", "Dechrau nawr", "Mae eich atebion yn ddienw")
    assert client.cookies[LANGUAGE_COOKIE].value == "cy"
    about = client.get(reverse("survey:about_you", args=[token]))
    assert_welsh(
        about, "Amdanoch chi", "Pa un o'r rhain sy'n disgrifio'ch rôl orau?", "Ymarferydd rheng flaen"
    )
    assert "Regional Partnership Board" not in page_text(about)
    assert "Cadeirydd Bwrdd Partneriaeth Rhanbarthol" in page_text(about)
    blank = answer_about_you(client, token, role_group="")
    assert_welsh(blank, "Mae problem wedi codi", "Dewiswch y grŵp sy'n disgrifio'ch rôl orau")
    assert answer_about_you(client, token).status_code == 302
    for number, factor in enumerate(factor_order(instrument), start=1):
        page = client.get(reverse("survey:questions", args=[token, number]))
        statements = [item.text for item in welsh.items_for(factor)]
        assert_welsh(
            page, f"Adran {number} o 16", "Cytuno'n gryf", "Ddim yn gwybod / amherthnasol", *statements
        )
        assert answer_page(client, token, instrument, number, value="2").status_code == 302
    check = client.get(reverse("survey:check", args=[token]))
    assert_welsh(check, "Gwiriwch eich atebion cyn eu hanfon", welsh.items[0].text, "Anghytuno", "Anfon")
    sent = client.post(reverse("survey:send", args=[token]), {"idempotency_key": send_key(client, token)})
    assert sent.status_code == 302
    assert_welsh(client.get(sent["Location"]), "Mae eich atebion wedi'u hanfon", "Diolch am gymryd rhan")

    english = Client()
    english_start = english.get(reverse("survey:start", args=[token]))
    assert '<html lang="en-GB"' in english_start.content.decode()
    assert answer_about_you(english, token).status_code == 302
    for number in range(1, len(factor_order(instrument)) + 1):
        assert answer_page(english, token, instrument, number, value="4").status_code == 302
    assert (
        english.post(
            reverse("survey:send", args=[token]), {"idempotency_key": send_key(english, token)}
        ).status_code
        == 302
    )

    answers = [response.answers for response in Response.objects.filter(round=wales_round)]
    assert all(set(given) == set(instrument.item_ids()) for given in answers)
    result = round_analysis(wales_round).find(wales_round.partnership.name, wales_round.name)
    assert result.n == 6
    funding = next(factor for factor in result.factors if factor.id == "funding")
    first = next(item for item in funding.items if item.id == "FU1")
    assert first.distribution is not None
    assert (first.distribution["2"], first.distribution["4"]) == (1, 5)


def test_every_page_in_wales_shows_the_language_links_with_their_language_marked(client, wales_round):
    token = wales_round.invitations.get(agency=None).token
    page = client.get(reverse("survey:start", args=[token])).content.decode()
    assert '<html lang="en-GB"' in page
    assert 'hreflang="cy" lang="cy" rel="alternate"' in page
    assert '<span aria-current="true" lang="en">English</span>' in page
    welsh = client.get(reverse("survey:start", args=[token]), {"lang": "cy"}).content.decode()
    assert 'hreflang="en" lang="en" rel="alternate"' in welsh
    assert '<span aria-current="true" lang="cy">Cymraeg</span>' in welsh
    back = client.get(reverse("survey:start", args=[token]), {"lang": "en-gb"})
    assert '<html lang="en-GB"' in back.content.decode()


def test_a_browser_that_prefers_welsh_gets_welsh_until_it_chooses(client, wales_round):
    token = wales_round.invitations.get(agency=None).token
    page = client.get(reverse("survey:start", args=[token]), HTTP_ACCEPT_LANGUAGE="cy,en;q=0.5")
    assert '<html lang="cy"' in page.content.decode()


def test_outside_wales_welsh_is_offered_only_when_switched_on(client):
    partnership = make_partnership(name="Riverside", slug="riverside")
    partnership.nation = Nation.ENGLAND
    partnership.save()
    token = make_round(partnership).invitations.get(agency=None).token
    page = client.get(reverse("survey:start", args=[token]), {"lang": "cy"}).content.decode()
    assert '<html lang="en-GB"' in page and "Cymraeg" not in page
    partnership.survey_in_welsh = True
    partnership.save()
    page = client.get(reverse("survey:start", args=[token]), {"lang": "cy"}).content.decode()
    assert '<html lang="cy"' in page and 'hreflang="en"' in page


def test_a_welsh_survey_page_leaves_other_pages_in_english(client, wales_round):
    token = wales_round.invitations.get(agency=None).token
    client.get(reverse("survey:start", args=[token]), {"lang": "cy"})
    assert translation.get_language() == "en-gb"
    assert '<html lang="en-GB"' in client.get(reverse("accounts:login")).content.decode()


def test_a_coordinator_switches_welsh_on_for_a_partnership_outside_wales(client):
    partnership = make_partnership(name="Riverside", slug="riverside")
    add_member(partnership, make_user("coordinator"))
    client.force_login(partnership.memberships.get().user)
    details = {"name": "Riverside", "nation": Nation.ENGLAND, "description": ""}
    client.post(reverse("partnerships:edit", args=[partnership.slug]), {**details, "survey_in_welsh": "on"})
    partnership.refresh_from_db()
    assert partnership.survey_in_welsh
    client.post(reverse("partnerships:edit", args=[partnership.slug]), details)
    partnership.refresh_from_db()
    assert not partnership.survey_in_welsh
