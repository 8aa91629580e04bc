"""Comments are tagged knowing the box they were typed in, and the comments page says which tags
the tagger is unsure of and asks a coordinator to check them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.web.comments.arrival import tag_untagged
from joinedup.web.comments.corrections import correct_comment
from joinedup.web.comments.models import CommentTag

from .conftest import BUDGET, close, respond

pytestmark = pytest.mark.django_db

AMBIGUOUS = "Could be a lot better than it is, honestly."
UNSURE_MESSAGE = "The tagger is unsure about this one — please check"


def test_the_same_words_typed_in_different_boxes_are_tagged_with_each_boxs_factor(spring):
    respond(
        spring,
        "Oakfield Primary",
        {"communication": AMBIGUOUS, "shared-purpose": AMBIGUOUS, "funding": BUDGET},
    )
    tag_untagged(spring)
    tags = {tag.key: tag.factors for tag in CommentTag.objects.all()}
    assert "communication" in tags["communication"] and "shared-purpose" not in tags["communication"]
    assert "shared-purpose" in tags["shared-purpose"] and "communication" not in tags["shared-purpose"]
    assert tags["funding"] == ["funding"]


def _scores(top: float) -> dict[str, float]:
    return dict.fromkeys(FACTOR_IDS, 0.01) | {"funding": top}


@pytest.fixture
def listed_comments(spring):
    """Three listable comments of Oakfield Primary: one the tagger is sure of, two it is unsure of."""
    respond(spring, "Oakfield Primary", {"funding": "sure"})
    respond(spring, "Oakfield Primary", {"funding": "unsure, tagged"})
    respond(spring, "Oakfield Primary", {"funding": "unsure, untagged"})
    respond(spring, "Oakfield Primary", count=3)
    respond(spring, "Police", count=5)
    close(spring)
    tag_untagged(spring)
    for text, factors, top in [
        ("sure", ["funding"], 0.95),
        ("unsure, tagged", ["funding"], 0.55),
        ("unsure, untagged", [], 0.42),
    ]:
        tag = next(tag for tag in CommentTag.objects.all() if tag.text == text)
        tag.factors, tag.scores = factors, _scores(top)
        tag.save()
    return {tag.text: tag for tag in CommentTag.objects.all()}


def _review(client, a_round, query: str = "") -> str:
    response = client.get(
        reverse("comments:round_review", args=[a_round.partnership.slug, a_round.pk]) + query
    )
    assert response.status_code == 200
    return response.content.decode()


def _items(body: str) -> dict[str, str]:
    """Each listed comment's text and the markup of its list item."""
    items = body.split('<li class="govuk-!-margin-bottom-6">')[1:]
    return {
        item.split("<blockquote", 1)[1].split(">", 1)[1].split("</blockquote>")[0]: item for item in items
    }


def test_comments_near_the_threshold_are_marked_unsure_with_a_link_to_correct_them(
    coordinator, spring, listed_comments
):
    items = _items(_review(coordinator, spring))
    assert set(items) == {"sure", "unsure, tagged", "unsure, untagged"}
    assert UNSURE_MESSAGE not in items["sure"]
    for text in ("unsure, tagged", "unsure, untagged"):
        assert UNSURE_MESSAGE in items[text]
        correct = reverse(
            "comments:comment_correct", args=[spring.partnership.slug, listed_comments[text].pk]
        )
        assert f'href="{correct}">check and correct the tags' in items[text]


def test_only_the_unsure_comments_can_be_listed(coordinator, spring, listed_comments):
    assert set(_items(_review(coordinator, spring, "?unsure=1"))) == {"unsure, tagged", "unsure, untagged"}
    assert set(_items(_review(coordinator, spring, "?factor=funding&unsure=1"))) == {"unsure, tagged"}


def test_a_partner_lead_is_told_the_tagger_is_unsure_but_gets_no_correction_link(
    partner_lead, spring, listed_comments
):
    item = _items(_review(partner_lead, spring))["unsure, tagged"]
    assert UNSURE_MESSAGE in item and "a coordinator can correct it" in item
    assert "correct the tags" not in item


def test_a_corrected_comment_is_no_longer_unsure_and_its_correction_is_kept_for_retraining(
    coordinator, spring, listed_comments
):
    correction = correct_comment(listed_comments["unsure, untagged"], ["communication"])
    assert (correction.text, correction.factors) == ("unsure, untagged", ["communication"])
    items = _items(_review(coordinator, spring))
    assert UNSURE_MESSAGE not in items["unsure, untagged"]
    assert UNSURE_MESSAGE in items["unsure, tagged"]
