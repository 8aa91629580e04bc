"""Coordinators correct tags; retraining learns from one partnership's corrections and no one else's."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.web.comments.arrival import tag_untagged
from joinedup.web.comments.models import CommentTag, PartnershipTagger, TagCorrection
from joinedup.web.comments.taggers import retrain_partnership, tagger_for
from joinedup.web.partnerships.models import Role
from joinedup.web.partnerships.tests.builders import make_partnership, make_round

from .conftest import AGENCIES, IDENTIFYING, PATHWAY, SMALL_GROUP, respond

pytestmark = pytest.mark.django_db

PARAPHRASE = "The health visitors were told about the new referral pathway only after it had started."


def correct_url(tag: CommentTag) -> str:
    return reverse("comments:comment_correct", args=[tag.response.round.partnership.slug, tag.pk])


def tag_of(text: str, partnership=None) -> CommentTag:
    found = CommentTag.objects.select_related("response__round__partnership").filter(
        **({"response__round__partnership": partnership} if partnership else {})
    )
    return next(tag for tag in found if tag.text == text)


@pytest.fixture
def pathway_tag(commented_round) -> CommentTag:
    tag_untagged(commented_round)
    return tag_of(PATHWAY)


def test_a_correction_is_stored_and_changes_the_tag(coordinator, pathway_tag):
    assert pathway_tag.factors == ["communication"]
    sent = coordinator.post(correct_url(pathway_tag), {"factors": ["joint-planning", "communication"]})
    assert sent.status_code == 302
    pathway_tag.refresh_from_db()
    assert (pathway_tag.factors, pathway_tag.corrected) == (["communication", "joint-planning"], True)
    assert pathway_tag.scores["joint-planning"] == 1.0
    correction = TagCorrection.objects.get()
    assert (correction.partnership.slug, correction.text, correction.comment_tag) == (
        "riverside",
        PATHWAY,
        pathway_tag,
    )


def test_none_of_the_factors_is_a_verdict_of_its_own(coordinator, pathway_tag):
    coordinator.post(correct_url(pathway_tag), {"factors": ["none"]})
    pathway_tag.refresh_from_db()
    assert pathway_tag.factors == []
    assert TagCorrection.objects.get().factors == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select the factors this is about, or select ‘None of these factors’"),
        ({"factors": ["none", "funding"]}, "Select factors or ‘None of these factors’, not both"),
        ({"factors": ["no-such-factor"]}, "Select one of the options from the list"),
    ],
)
def test_a_wrong_answer_shows_the_error_summary_and_changes_nothing(coordinator, pathway_tag, data, message):
    page = coordinator.post(correct_url(pathway_tag), data)
    body = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in body
    assert 'href="#id_factors_0"' in body
    assert message in body
    assert body.count(message) == 2
    assert not TagCorrection.objects.exists()


def test_the_correction_page_shows_the_comment_scrubbed_and_ticks_the_current_tags(
    coordinator, commented_round
):
    tag_untagged(commented_round)
    identifying = tag_of(IDENTIFYING)
    page = coordinator.get(correct_url(identifying))
    body = page.content.decode()
    assert "[name] at [agency] ([email], [phone])" in body
    assert "Sarah" not in body and "Oakfield" not in body
    assert len(page.context["form"].fields["factors"].choices) == len(FACTOR_IDS) + 1
    assert "Secure, agreed funding" in body
    assert page.context["form"]["factors"].value() == identifying.factors
    assert 'value="funding" checked' in body
    assert 'value="none" data-behaviour="exclusive"' in body


def test_viewers_and_partner_leads_cannot_correct(log_in, riverside, pathway_tag):
    for role in (Role.VIEWER, Role.PARTNER_LEAD):
        client = log_in(riverside, role)
        assert client.get(correct_url(pathway_tag)).status_code == 403
        assert client.post(correct_url(pathway_tag), {"factors": ["funding"]}).status_code == 403
        assert client.post(reverse("comments:tagger_retrain", args=["riverside"])).status_code == 403
    assert not TagCorrection.objects.exists()


def test_strangers_cannot_find_a_comment_to_correct(outsider, pathway_tag):
    assert outsider.get(correct_url(pathway_tag)).status_code == 404
    assert outsider.get(reverse("comments:tagger", args=["riverside"])).status_code == 404


def test_a_small_agencys_comment_cannot_be_opened_for_correction(coordinator, commented_round):
    tag_untagged(commented_round)
    small = tag_of(SMALL_GROUP)
    assert coordinator.get(correct_url(small)).status_code == 404
    assert coordinator.post(correct_url(small), {"factors": ["none"]}).status_code == 404


def test_retraining_without_corrections_says_what_to_do(coordinator, riverside):
    page = coordinator.post(reverse("comments:tagger_retrain", args=["riverside"]), follow=True)
    assert "Riverside has no corrections to learn from yet. Correct a tag first." in page.content.decode()
    assert not PartnershipTagger.objects.exists()


def test_corrections_change_later_tags_for_that_partnership_only(coordinator, pathway_tag):
    """The must-show: Riverside's correction and retraining leave Hillside's tags exactly as they were."""
    hillside = make_partnership(name="Hillside", slug="hillside", agencies=AGENCIES)
    hillside_round = make_round(hillside, name="Spring")
    respond(hillside_round, "Police", {"communication": PATHWAY})
    tag_untagged(hillside_round)
    hillside_before = {
        (tag.pk, json.dumps(tag.factors), json.dumps(tag.scores))
        for tag in CommentTag.objects.filter(response__round=hillside_round)
    }

    coordinator.post(correct_url(pathway_tag), {"factors": ["joint-planning"]})
    retrained = coordinator.post(reverse("comments:tagger_retrain", args=["riverside"]), follow=True)
    assert "Your tagger has learnt from 1 correction and" in retrained.content.decode()
    stored = PartnershipTagger.objects.get()
    assert (stored.partnership.slug, stored.corrections) == ("riverside", 1)

    autumn = make_round(pathway_tag.response.round.partnership, name="Autumn")
    respond(autumn, "Police", {"communication": PATHWAY, "co-location": PARAPHRASE})
    tag_untagged(autumn)
    hillside_autumn = make_round(hillside, name="Autumn")
    respond(hillside_autumn, "Police", {"communication": PATHWAY, "co-location": PARAPHRASE})
    tag_untagged(hillside_autumn)

    riverside_later = {tag.key: tag.factors for tag in CommentTag.objects.filter(response__round=autumn)}
    assert riverside_later["communication"] == ["joint-planning"]
    assert "joint-planning" in riverside_later["co-location"]
    hillside_later = CommentTag.objects.filter(response__round=hillside_autumn)
    assert all("joint-planning" not in tag.factors for tag in hillside_later)
    assert all("communication" in tag.factors for tag in hillside_later)
    hillside_now = {
        (tag.pk, json.dumps(tag.factors), json.dumps(tag.scores))
        for tag in CommentTag.objects.filter(response__round=hillside_round)
    }
    assert hillside_now == hillside_before
    assert not PartnershipTagger.objects.filter(partnership=hillside).exists()
    assert tagger_for(hillside).corrections == ()


def test_retraining_re_tags_uncorrected_comments_of_the_partnership(
    coordinator, commented_round, pathway_tag
):
    [twin] = respond(commented_round, "Oakfield Primary", {"communication": PATHWAY.upper()})
    tag_untagged(commented_round)
    coordinator.post(correct_url(pathway_tag), {"factors": ["joint-planning"]})
    twin_tag = CommentTag.objects.get(response=twin)
    assert twin_tag.factors == ["communication"]
    retrain_partnership(commented_round.partnership)
    twin_tag.refresh_from_db()
    assert (twin_tag.factors, twin_tag.corrected) == (["joint-planning"], False)


def test_the_tagger_page_lists_corrections_scrubbed_and_what_is_not_yet_learnt(coordinator, commented_round):
    tag_untagged(commented_round)
    identifying = tag_of(IDENTIFYING)
    coordinator.post(correct_url(identifying), {"factors": ["funding"]})
    page = coordinator.get(reverse("comments:tagger", args=["riverside"]))
    body = page.content.decode()
    assert "The standard tagger" in body
    assert page.context["new_corrections"] == 1
    assert "[name] at [agency] ([email], [phone])" in body
    assert "Sarah" not in body and "sarah.jones@example.org" not in body
