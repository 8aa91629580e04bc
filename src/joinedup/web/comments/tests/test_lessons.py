"""The lessons-learned log: members read it, coordinators and partner leads add to it, tagged on arrival."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.web.comments.models import Lesson, TagCorrection
from joinedup.web.partnerships.models import Agency
from joinedup.web.partnerships.tests.builders import make_partnership
from joinedup.web.tests.dates import date_boxes

from .conftest import TRAINING

pytestmark = pytest.mark.django_db

LOG = "/comments/riverside/lessons/"
ADD = "/comments/riverside/lessons/add/"


def test_the_log_urls_are_where_the_partnership_page_links(db):
    assert (
        reverse("comments:lessons", args=["riverside"]),
        reverse("comments:lesson_add", args=["riverside"]),
    ) == (LOG, ADD)


def test_a_lesson_is_tagged_as_it_is_added_and_shown_with_its_tags(partner_lead, riverside):
    police = Agency.objects.get(partnership=riverside, name="Police")
    sent = partner_lead.post(
        ADD, {"text": TRAINING, **date_boxes("recorded_on", "2026-02-03"), "agency": police.pk}, follow=True
    )
    lesson = Lesson.objects.get()
    assert (lesson.partnership, lesson.agency, lesson.recorded_on) == (riverside, police, date(2026, 2, 3))
    assert lesson.factors == ["joint-training"]
    body = sent.content.decode()
    assert "The lesson has been added and tagged: Joint training" in body
    assert TRAINING in body and "3 February 2026, Police" in body


def test_a_lesson_form_with_mistakes_shows_the_error_summary(partner_lead, riverside):
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = partner_lead.post(ADD, {"text": "  ", **date_boxes("recorded_on", tomorrow)})
    body = page.content.decode()
    assert page.status_code == 200
    assert "There is a problem" in body
    assert '<a href="#id_text">Enter what was learnt</a>' in body
    assert '<a href="#id_recorded_on-day">The date of the lesson must be today or in the past</a>' in body
    assert "govuk-textarea--error" in body
    assert not Lesson.objects.exists()


def test_an_agency_of_another_partnership_is_refused(partner_lead, riverside):
    foreign = make_partnership(name="Elsewhere", slug="elsewhere", agencies=["Police"]).agencies.get()
    page = partner_lead.post(
        ADD, {"text": TRAINING, **date_boxes("recorded_on", "2026-02-03"), "agency": foreign.pk}
    )
    assert "There is a problem" in page.content.decode()
    assert not Lesson.objects.exists()


def test_a_coordinator_corrects_a_lessons_tags(coordinator, riverside):
    lesson = Lesson.objects.create(partnership=riverside, text=TRAINING, factors=["joint-training"])
    url = reverse("comments:lesson_correct", args=["riverside", lesson.pk])
    assert coordinator.post(url, {"factors": ["joint-training", "professional-culture"]}).status_code == 302
    lesson.refresh_from_db()
    assert (lesson.factors, lesson.corrected) == (["professional-culture", "joint-training"], True)
    correction = TagCorrection.objects.get()
    assert (correction.lesson, correction.comment_tag, correction.text) == (lesson, None, TRAINING)
    assert "Corrected by a coordinator" in coordinator.get(LOG).content.decode()


def test_viewers_read_the_log_but_neither_add_nor_correct(viewer, riverside):
    lesson = Lesson.objects.create(partnership=riverside, text=TRAINING, factors=["joint-training"])
    page = viewer.get(LOG)
    body = page.content.decode()
    assert page.status_code == 200 and TRAINING in body
    assert ADD not in body and "Correct the tags" not in body
    assert viewer.get(ADD).status_code == 403
    url = reverse("comments:lesson_correct", args=["riverside", lesson.pk])
    assert viewer.post(url, {"factors": ["funding"]}).status_code == 403
    lesson.refresh_from_db()
    assert lesson.factors == ["joint-training"]


def test_strangers_get_not_found(outsider, riverside):
    lesson = Lesson.objects.create(partnership=riverside, text=TRAINING)
    assert outsider.get(LOG).status_code == 404
    assert outsider.get(ADD).status_code == 404
    assert outsider.get(reverse("comments:lesson_correct", args=["riverside", lesson.pk])).status_code == 404


def test_a_coordinator_cannot_reach_another_partnerships_lesson_through_their_own(outsider, riverside):
    lesson = Lesson.objects.create(partnership=riverside, text=TRAINING)
    url = reverse("comments:lesson_correct", args=["elsewhere", lesson.pk])
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"factors": ["funding"]}).status_code == 404
    assert not TagCorrection.objects.exists()
