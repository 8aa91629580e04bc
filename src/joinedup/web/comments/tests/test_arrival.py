"""Comments are tagged when they arrive: from the survey at once, from an import on first look."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from django.core.management import call_command
from django.urls import reverse

from joinedup.instrument import load_instrument
from joinedup.io.survey_export import template_header
from joinedup.io.survey_import import read_frame
from joinedup.web.comments.arrival import tag_untagged
from joinedup.web.comments.models import CommentTag
from joinedup.web.partnerships.models import Response
from joinedup.web.partnerships.responses import store_import
from joinedup.web.survey.tests.flow import answer_about_you, answer_page, factor_order, send_key

from .conftest import BUDGET, PATHWAY, respond

pytestmark = pytest.mark.django_db


def test_a_comment_sent_from_the_survey_is_tagged_as_it_arrives(
    client, spring, django_capture_on_commit_callbacks
):
    instrument = load_instrument(spring.instrument_version)
    token = spring.invitations.get(agency__name="Oakfield Primary").token
    client.get(reverse("survey:start", args=[token]))
    answer_about_you(client, token)
    for number in range(1, len(factor_order(instrument)) + 1):
        comment = BUDGET if factor_order(instrument)[number - 1] == "funding" else ""
        answer_page(client, token, instrument, number, comment=comment)
    key = send_key(client, token)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("survey:send", args=[token]), {"idempotency_key": key})
    tag = CommentTag.objects.get()
    assert tag.response == Response.objects.get()
    assert (tag.key, tag.factors, tag.corrected) == ("funding", ["funding"], False)
    assert tag.scores["funding"] > 0.5 > tag.scores["co-location"]


def test_a_response_without_comments_gets_no_tag(spring, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        respond(spring, "Police", {"funding": "  "})
    assert not CommentTag.objects.exists()


def test_a_tagger_failure_never_loses_the_response_and_is_caught_up_later(
    spring, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken(partnership):
        raise RuntimeError("tagger unavailable")

    monkeypatch.setattr("joinedup.web.comments.arrival.tagger_for", broken)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        [response] = respond(spring, "Police", {"funding": BUDGET})
    assert Response.objects.filter(pk=response.pk).exists()
    assert not CommentTag.objects.exists()
    assert f"Comments of response {response.pk} were not tagged" in caplog.text
    monkeypatch.undo()
    assert tag_untagged(spring) == 1
    assert CommentTag.objects.get().factors == ["funding"]


def test_imported_comments_are_tagged_by_tag_untagged_once(spring):
    frame = pd.DataFrame(
        [
            {"agency": "Police", "role_group": "practitioner", "comment_funding": BUDGET},
            {"agency": "Police", "role_group": "service-manager", "comment_communication": PATHWAY},
            {"agency": "Police", "role_group": "service-manager", "comment_funding": None},
        ]
    )
    frame = frame.reindex(columns=template_header(spring.instrument())).assign(
        partnership=spring.partnership.slug, round=spring.name
    )
    agencies = list(spring.partnership.agencies.values_list("name", flat=True))
    store_import(spring, read_frame(frame, spring.instrument(), name="export.csv", known_agencies=agencies))
    assert not CommentTag.objects.exists()
    assert tag_untagged(spring) == 2
    assert sorted((tag.key, tag.factors) for tag in CommentTag.objects.all()) == [
        ("communication", ["communication"]),
        ("funding", ["funding"]),
    ]
    assert tag_untagged(spring) == 0


def test_the_management_command_tags_every_round_of_a_partnership(spring, capsys):
    respond(spring, "Police", {"funding": BUDGET, "communication": PATHWAY})
    call_command("tag_comments", "--partnership", "riverside")
    assert "riverside / Spring: 2 comments tagged" in capsys.readouterr().out
    assert CommentTag.objects.count() == 2


def test_the_management_command_names_an_unknown_partnership(db):
    with pytest.raises(Exception, match="'nowhere' is not the slug of any partnership"):
        call_command("tag_comments", "--partnership", "nowhere")
