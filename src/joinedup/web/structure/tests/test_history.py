"""Every change is kept with who made it, and the record's page shows it in plain words."""

from __future__ import annotations

import re

from django.urls import reverse

from joinedup.web.structure.models import ActionItem, FundingLine, Post, Target
from joinedup.web.tests.dates import date_boxes


def test_editing_a_target_is_recorded_with_the_user_and_shown_on_its_page(partnership, agencies, people):
    target = Target.objects.create(partnership=partnership, reference="T1", title="Attendance")
    edit = reverse("structure:target_edit", args=[partnership.slug, target.pk])

    people.coordinator.post(
        edit, {"reference": "T1", "title": "School attendance", "owner": agencies["Education"].pk}
    )
    people.lead.post(
        reverse("structure:reading_add", args=[partnership.slug, target.pk]),
        {**date_boxes("as_of", "2026-01-31"), "value": "91"},
    )

    latest = target.history.first()
    assert target.history.count() == 2
    assert latest.history_user.username == "cora"
    page = people.viewer.get(target.get_absolute_url()).content.decode()
    assert 'id="history"' in page
    assert "Title: Attendance → School attendance" in page
    assert "Owning agency: (blank) → Education" in page
    assert "leo" in page and "Added T1 31 January 2026: 91 (Police)" in page


def test_history_names_the_funding_lines_a_post_is_paid_from(partnership, agencies, people):
    line = FundingLine.objects.create(
        partnership=partnership,
        reference="F1",
        source="Grant",
        agency=agencies["Police"],
        amount_per_year=1000,
        mechanism="grant",
        certainty="bid",
    )
    post = Post.objects.create(
        partnership=partnership,
        reference="P1",
        title="Worker",
        agency=agencies["Police"],
        contract="permanent",
    )

    people.coordinator.post(
        reverse("structure:post_edit", args=[partnership.slug, post.pk]),
        {
            "reference": "P1",
            "title": "Worker",
            "agency": agencies["Police"].pk,
            "funded_by": [line.pk],
            "contract": "permanent",
        },
    )

    page = people.coordinator.get(post.get_absolute_url()).content.decode()
    assert "Paid from: (blank) → F1 Grant" in page


def test_an_action_update_appears_in_the_action_history(partnership, agencies, people):
    action = ActionItem.objects.create(
        partnership=partnership, reference="A1", what="Train", owner=agencies["Police"]
    )

    people.lead.post(
        reverse("structure:update_add", args=[partnership.slug, action.pk]),
        {**date_boxes("on", "2026-01-05"), "status": "in-progress", "note": "Booked"},
    )

    page = people.coordinator.get(action.get_absolute_url()).content.decode()
    assert "Status: Not started → In progress" in page
    assert "Added A1 5 January 2026: In progress" in page


def test_history_words_numbers_dates_and_times_as_govuk_does(partnership, people):
    """The review found "Value: 19.0 → 91.0", "7 Dec 2026, 01:09" and "(percent)" on a target's page."""
    target = Target.objects.create(
        partnership=partnership, reference="T3", title="Attendance", unit="percent"
    )
    target.baseline = 19.0
    target.save()
    target.baseline = 91.0
    target.save()
    page = people.viewer.get(target.get_absolute_url()).content.decode()
    assert "Baseline: 19 → 91" in page
    assert "19.0" not in page and "91.0" not in page
    assert "(%)" in page and "(percent)" not in page
    assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}(:\d\d)?[ap]m|\d{4} at mid(day|night)", page), page
