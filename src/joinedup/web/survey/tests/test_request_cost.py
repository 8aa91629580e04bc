"""What one survey request costs the database, held down because every respondent pays it ~37 times.

Measured with the load benchmark (benchmarks/load/): each query is a round trip that the server
waits for under load, so the counts here are the budget the figures in docs/performance.md rest on.
"""

from __future__ import annotations

import cProfile
import pstats

import pytest
from django.db import connection
from django.db.models.signals import post_delete, pre_delete
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from joinedup.instrument.pinned import InstrumentChanged
from joinedup.web.partnerships.models import Round
from joinedup.web.survey.models import SurveyDraft, purge_stale_drafts
from joinedup.web.survey.state import DRAFT_COOKIE, delete_draft

from .flow import answer_about_you, answer_everything, answer_page, send_key


def test_an_answer_page_costs_one_query_to_show_and_two_to_save(
    client, agency_link, instrument, django_assert_max_num_queries
):
    client.get(reverse("survey:start", args=[agency_link.token]))
    assert answer_about_you(client, agency_link.token).status_code == 302
    # The invitation, its round, partnership and agency come in the draft's query.
    with django_assert_max_num_queries(1):
        assert client.get(reverse("survey:questions", args=[agency_link.token, 1])).status_code == 200
    # That query and the draft's UPDATE.
    with django_assert_max_num_queries(2):
        assert answer_page(client, agency_link.token, instrument, 1).status_code == 302
    with django_assert_max_num_queries(2):
        assert answer_page(client, agency_link.token, instrument, 1, value="2").status_code == 302


def test_the_start_page_costs_three_queries_when_no_draft_is_stale(
    client, agency_link, django_assert_max_num_queries
):
    """The link, the round's imports, and whether any draft is stale: the opportunistic purge
    reads and deletes only when there is something to purge."""
    with django_assert_max_num_queries(3):
        assert client.get(reverse("survey:start", args=[agency_link.token])).status_code == 200


def test_purging_with_no_stale_draft_is_one_exists_query(agency_link):
    """Without the EXISTS, delete() read every stale row and, on PostgreSQL, opened a transaction."""
    with CaptureQueriesContext(connection) as queries:
        assert purge_stale_drafts() == 0
    assert len(queries) == 1 and "LIMIT 1" in queries[0]["sql"]


def test_saving_an_answer_page_keeps_the_answers(client, agency_link, instrument):
    client.get(reverse("survey:start", args=[agency_link.token]))
    answer_about_you(client, agency_link.token)
    answer_page(client, agency_link.token, instrument, 1, value="2")
    answer_page(client, agency_link.token, instrument, 1, value="5")
    page = client.get(reverse("survey:questions", args=[agency_link.token, 1])).content.decode()
    assert page.count('value="5" checked') == len(instrument.items_for(instrument.items[0].factor))


def test_the_instrument_check_kept_per_process_still_refuses_a_changed_version(
    client, agency_link, instrument, monkeypatch
):
    """The fingerprint is checked once per process and bank object: a round pinned to another
    fingerprint, or a bank that was loaded again with different text, is still refused."""
    page = reverse("survey:questions", args=[agency_link.token, 1])
    client.get(reverse("survey:start", args=[agency_link.token]))
    answer_about_you(client, agency_link.token)
    assert client.get(page).status_code == 200
    a_round = agency_link.round
    Round.objects.filter(pk=a_round.pk).update(instrument_fingerprint="0" * 64)
    with pytest.raises(InstrumentChanged):
        client.get(page)
    Round.objects.filter(pk=a_round.pk).update(instrument_fingerprint=instrument.fingerprint())
    assert client.get(page).status_code == 200
    edited_item = instrument.items[0].model_copy(update={"text": "Edited"})
    edited = instrument.model_copy(update={"items": [edited_item, *instrument.items[1:]]})
    monkeypatch.setattr("joinedup.instrument.pinned.load_instrument", lambda version: edited)
    monkeypatch.setattr("joinedup.web.survey.views.load_instrument", lambda version: edited)
    with pytest.raises(InstrumentChanged):
        client.get(page)


def test_the_send_costs_eight_queries_at_most(client, agency_link, instrument, django_assert_max_num_queries):
    """The draft with the link, one look for a resend or imports, then in one transaction the
    round's lock, the imports again, the response and the draft's deletion. Thirteen before: a
    second look, the report cache's counter bump, and the draft deleted in four round trips."""
    answer_everything(client, agency_link.token, instrument)
    key = send_key(client, agency_link.token)
    with CaptureQueriesContext(connection) as queries:
        sent = client.post(reverse("survey:send", args=[agency_link.token]), {"idempotency_key": key})
    assert sent.url == reverse("survey:sent", args=[agency_link.token])
    statements = [query["sql"].split()[0] for query in queries]
    assert statements.count("DELETE") == 1 and "UPDATE" not in statements
    assert len([s for s in statements if s not in ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE")]) <= 6
    assert SurveyDraft.objects.count() == 0 and agency_link.round.responses.count() == 1


def test_deleting_a_draft_is_one_statement(client, agency_link):
    """Nothing listens to a draft's deletion (the report cache listens to the models it reads
    only), so Django deletes it in one DELETE instead of reading it first in a transaction."""
    assert not post_delete.has_listeners(SurveyDraft) and not pre_delete.has_listeners(SurveyDraft)
    client.get(reverse("survey:start", args=[agency_link.token]))
    answer_about_you(client, agency_link.token)
    request = RequestFactory().get("/", HTTP_COOKIE=f"{DRAFT_COOKIE}={client.cookies[DRAFT_COOKIE].value}")
    with CaptureQueriesContext(connection) as queries:
        delete_draft(request)
    assert [query["sql"].split()[0] for query in queries] == ["DELETE"]
    assert SurveyDraft.objects.count() == 0


def test_the_check_page_costs_one_query_and_few_python_calls(client, agency_link, instrument):
    """Its 48 rows drawn through the template took about 35,000 Python calls; the kept page
    filled with this draft's answers takes under a third of that."""
    answer_everything(client, agency_link.token, instrument)
    path = reverse("survey:check", args=[agency_link.token])
    assert client.get(path).status_code == 200
    profile = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profile.enable()
        page = client.get(path)
        profile.disable()
    assert page.status_code == 200 and len(queries) == 1
    assert pstats.Stats(profile).total_calls < 12_000  # type: ignore[attr-defined]
