"""A round's comments by factor and the full list: counted always, shown only when safe, always scrubbed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joinedup.web.comments.models import CommentTag
from joinedup.web.comments.summary import comments_by_factor
from joinedup.web.partnerships.models import Agency, Role, RoundStatus
from joinedup.web.partnerships.tests.builders import make_partnership, make_round

from .conftest import BUDGET, IDENTIFYING, PATHWAY, SMALL_GROUP, TRAINING, close, respond

pytestmark = pytest.mark.django_db


def overview(a_round) -> str:
    return reverse("comments:round", args=[a_round.partnership.slug, a_round.pk])


def full_list(a_round) -> str:
    return reverse("comments:round_review", args=[a_round.partnership.slug, a_round.pk])


def test_every_comment_is_counted_but_quotes_come_only_from_large_enough_agencies(commented_round):
    summary = comments_by_factor(commented_round)
    assert summary["funding"].count == 3
    assert summary["joint-training"].count == 1
    quoted = " ".join(summary["funding"].examples)
    assert "drop-in" not in quoted
    assert "family support worker" in quoted


def test_a_small_agencys_comment_is_counted_on_the_page_but_its_text_never_appears(
    coordinator, commented_round
):
    page = coordinator.get(overview(commented_round))
    body = page.content.decode()
    funding = next(row for row in page.context["rows"] if row["id"] == "funding")
    assert funding["count"] == 3
    assert "drop-in" not in body
    for factor in ("", "?factor=funding"):
        assert "drop-in" not in coordinator.get(full_list(commented_round) + factor).content.decode()


def test_quotes_are_scrubbed_and_carry_no_agency_label(coordinator, commented_round):
    body = coordinator.get(overview(commented_round)).content.decode()
    assert "the funding for the joint post is never agreed" in body
    for identifying in (
        "Sarah",
        "Jones",
        "sarah.jones@example.org",
        "07700 900123",
        "Oakfield",
        "Police",
        "Health visiting",
    ):
        assert identifying not in body
    assert "[name] at [agency] ([email], [phone])" in body


def test_the_full_list_leaves_out_agencies_hidden_by_secondary_suppression(coordinator, commented_round):
    page = coordinator.get(full_list(commented_round))
    body = page.content.decode()
    assert TRAINING not in body
    assert "joint training with [agency] built trust" not in body
    shown_ids = {comment["id"] for comment in page.context["comments"]}
    oakfield = CommentTag.objects.filter(response__agency__name="Oakfield Primary")
    assert len(shown_ids) == 3
    assert shown_ids == set(oakfield.values_list("pk", flat=True))
    assert "[name] at [agency] ([email], [phone])" in body
    assert IDENTIFYING not in body


def test_the_full_list_can_be_narrowed_to_one_factor(coordinator, commented_round):
    page = coordinator.get(full_list(commented_round) + "?factor=communication")
    assert [comment["text"] for comment in page.context["comments"]] == [PATHWAY]
    assert ["communication" in [tag["id"] for tag in c["tags"]] for c in page.context["comments"]] == [True]
    assert coordinator.get(full_list(commented_round) + "?factor=nonsense").status_code == 404


def test_nothing_is_counted_while_the_round_has_fewer_respondents_than_the_minimum(coordinator, spring):
    respond(spring, "Oakfield Primary", {"funding": SMALL_GROUP}, count=4)
    close(spring)
    page = coordinator.get(overview(spring))
    assert page.context["rows"] == []
    assert "once at least 5 people have responded" in page.content.decode()
    assert comments_by_factor(spring) == {}


def test_imported_comments_are_tagged_when_the_page_is_first_opened(coordinator, commented_round):
    CommentTag.objects.all().delete()
    coordinator.get(overview(commented_round))
    assert CommentTag.objects.count() == 5


def test_partner_leads_read_comments(partner_lead, commented_round):
    assert partner_lead.get(overview(commented_round)).status_code == 200
    assert partner_lead.get(full_list(commented_round)).status_code == 200


def test_viewers_are_refused(viewer, commented_round):
    assert viewer.get(overview(commented_round)).status_code == 403
    assert viewer.get(full_list(commented_round)).status_code == 403


def test_strangers_get_not_found(outsider, commented_round):
    assert outsider.get(overview(commented_round)).status_code == 404
    assert outsider.get(full_list(commented_round)).status_code == 404


POLICE_SAYS = "The funding for the police liaison post was cut without telling anyone."
HEALTH_SAYS = "The funding for the health drop-in was never agreed by the board."
OPEN_MESSAGE = (
    "Comments are shown once the round closes, so that no comment can be matched to when someone answered."
)


def test_no_comment_is_shown_from_an_agency_the_round_page_hides_by_secondary_suppression(log_in):
    """Police 7 and Health 3, three agencies with no response: the analysis hides Police and Health."""
    hill = make_partnership(
        name="Hillside", slug="hillside", agencies=["Police", "Health", "Schools", "Youth work", "Housing"]
    )
    autumn = make_round(hill, name="Autumn")
    respond(autumn, "Police", {"funding": POLICE_SAYS}, count=7)
    respond(autumn, "Health", {"funding": HEALTH_SAYS}, count=3)
    close(autumn)
    client = log_in(hill, Role.COORDINATOR)
    for url in (overview(autumn), full_list(autumn), full_list(autumn) + "?factor=funding"):
        body = client.get(url).content.decode()
        assert "police liaison" not in body
        assert "health drop-in" not in body
    funding = next(row for row in client.get(overview(autumn)).context["rows"] if row["id"] == "funding")
    assert funding["count"] == 10
    assert funding["quotes"] == []
    police = Agency.objects.get(partnership=hill, name="Police")
    for tag in CommentTag.objects.filter(response__agency=police):
        assert client.get(reverse("comments:comment_correct", args=["hillside", tag.pk])).status_code == 404


def test_comments_are_shown_only_once_the_round_closes(coordinator, commented_round):
    commented_round.status = RoundStatus.OPEN
    commented_round.save(update_fields=["status"])
    for url in (overview(commented_round), full_list(commented_round)):
        body = coordinator.get(url).content.decode()
        assert OPEN_MESSAGE in body
        assert "family support worker" not in body
        assert "joint post" not in body
    assert comments_by_factor(commented_round) == {}
    close(commented_round)
    for url in (overview(commented_round), full_list(commented_round)):
        body = coordinator.get(url).content.decode()
        assert OPEN_MESSAGE not in body
        assert "family support worker" in body
    assert BUDGET in " ".join(
        c["text"] for c in coordinator.get(full_list(commented_round)).context["comments"]
    )
