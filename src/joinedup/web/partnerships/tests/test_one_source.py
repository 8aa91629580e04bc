"""A round takes its answers from one source, its survey links or imported files, never both.

Mixing them lets a coordinator pad a small group: three real survey answers plus two imported
rows of known answers make a group of five that is shown, and its mean gives away the three.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Agency, ImportBatch, Response
from joinedup.web.survey.models import SurveyDraft
from joinedup.web.survey.tests.flow import answer_and_send, answer_everything, send

from .conftest import SURVEY_EXPORTS
from .test_import_views import database_state, upload

pytestmark = pytest.mark.django_db

MIXED = "This round already has answers sent through its survey links."
FILE = "qualtrics_export.csv"


def import_file(client, a_round):
    return upload(client, a_round, FILE, (SURVEY_EXPORTS / FILE).read_bytes())


def link(a_round, agency_name: str = "NHS Fife") -> str:
    return a_round.invitations.get(agency=Agency.objects.get(name=agency_name)).token


def test_an_import_into_a_round_with_a_survey_answer_is_refused_and_stores_nothing(
    coordinator_client, spring, autumn
):
    for _ in range(3):
        assert answer_and_send(Client(), link(spring), load_instrument("1")).status_code == 302
    before = database_state()
    page = import_file(coordinator_client, spring)
    body = page.content.decode()
    assert page.status_code == 200
    assert database_state() == before == (3, 0)
    assert "govuk-error-summary" in body and MIXED in body and "<title>Error:" in body
    assert import_file(coordinator_client, autumn).status_code == 302, "a new round takes the file"


def test_a_survey_answer_after_an_import_is_refused_and_stores_nothing(coordinator_client, spring):
    instrument = load_instrument("1")
    respondent = Client()
    answer_everything(respondent, link(spring), instrument)
    assert import_file(coordinator_client, spring).status_code == 302
    before = database_state()
    refused = send(respondent, link(spring))
    assert refused.status_code == 410
    assert "not taking answers through this link" in refused.content.decode()
    assert database_state() == before
    assert not Response.objects.filter(import_batch__isnull=True).exists()
    assert not SurveyDraft.objects.exists(), "the refused draft is not kept either"
    for token in spring.invitations.values_list("token", flat=True):
        newcomer = Client()
        assert newcomer.get(reverse("survey:start", args=[token])).status_code == 410
        posted = newcomer.post(reverse("survey:about_you", args=[token]), {"role_group": "practitioner"})
        assert posted.status_code == 410
    assert database_state() == before
    assert not SurveyDraft.objects.exists()


def test_imports_into_an_empty_round_and_a_second_import_still_work(coordinator_client, spring):
    assert import_file(coordinator_client, spring).status_code == 302
    assert import_file(coordinator_client, spring).status_code == 302
    assert database_state() == (14, 2)
    assert ImportBatch.objects.filter(round=spring).count() == 2


def test_the_round_page_says_its_links_are_off_once_it_has_imports(coordinator_client, spring):
    token = link(spring)
    assert token in coordinator_client.get(spring.get_absolute_url()).content.decode()
    import_file(coordinator_client, spring)
    page = coordinator_client.get(spring.get_absolute_url()).content.decode()
    assert "takes its answers from imported files, so its survey links are switched off" in page
    for token in spring.invitations.values_list("token", flat=True):
        assert token not in page
    assert reverse("partnerships:round_emails", args=[spring.partnership.slug, spring.pk]) not in page
