"""Every page answers members, hides the partnership from strangers and keeps viewers read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joinedup.web.structure.demo import load_demo_structure
from joinedup.web.structure.models import (
    ActionItem,
    FundingLine,
    Meeting,
    Post,
    RaciTask,
    Target,
    UnfundedCost,
)

from .conftest import TODAY


@pytest.fixture
def demo(partnership):
    load_demo_structure(partnership, today=TODAY)
    return partnership


def _read_pages(partnership) -> list[str]:
    slug = partnership.slug

    def first(model, **extra):
        return model.objects.filter(**extra).order_by("pk").first().pk

    pages = [
        reverse(f"structure:{name}", args=[slug])
        for name in ("overview", "roles", "targets", "meetings", "funding", "actions")
    ]
    pages += [
        reverse("structure:task", args=[slug, first(RaciTask, partnership=partnership)]),
        reverse("structure:target", args=[slug, first(Target, partnership=partnership)]),
        reverse("structure:meeting", args=[slug, first(Meeting, partnership=partnership)]),
        reverse("structure:funding_line", args=[slug, first(FundingLine, partnership=partnership)]),
        reverse("structure:post", args=[slug, first(Post, partnership=partnership)]),
        reverse("structure:unfunded_cost", args=[slug, first(UnfundedCost, partnership=partnership)]),
        reverse("structure:action", args=[slug, first(ActionItem, partnership=partnership)]),
        reverse("structure:download_workbook", args=[slug, "targets"]),
        reverse("structure:download_csv", args=[slug, "funding", "posts"]),
    ]
    return pages


def _edit_pages(partnership) -> list[str]:
    slug = partnership.slug
    target = Target.objects.filter(partnership=partnership)[0]
    action = ActionItem.objects.filter(partnership=partnership)[0]
    meeting = Meeting.objects.filter(partnership=partnership)[0]
    task = RaciTask.objects.filter(partnership=partnership)[0]
    return [
        reverse("structure:task_add", args=[slug]),
        reverse("structure:task_edit", args=[slug, task.pk]),
        reverse("structure:competence_add", args=[slug]),
        reverse("structure:target_add", args=[slug]),
        reverse("structure:target_edit", args=[slug, target.pk]),
        reverse("structure:reading_add", args=[slug, target.pk]),
        reverse("structure:meeting_add", args=[slug]),
        reverse("structure:meeting_edit", args=[slug, meeting.pk]),
        reverse("structure:funding_line_add", args=[slug]),
        reverse("structure:post_add", args=[slug]),
        reverse("structure:unfunded_cost_add", args=[slug]),
        reverse("structure:action_add", args=[slug]),
        reverse("structure:action_edit", args=[slug, action.pk]),
        reverse("structure:update_add", args=[slug, action.pk]),
        reverse("structure:import", args=[slug, "meetings"]),
        reverse("structure:delete", args=[slug, "target", target.pk]),
    ]


def test_members_can_read_every_page(demo, people):
    for client in (people.coordinator, people.lead, people.viewer):
        for url in _read_pages(demo):
            assert client.get(url).status_code == 200, url


def test_coordinators_and_partner_leads_can_open_every_form(demo, people):
    for client in (people.coordinator, people.lead):
        for url in _edit_pages(demo):
            assert client.get(url).status_code == 200, url


def test_strangers_get_404_everywhere(demo, people):
    for url in _read_pages(demo) + _edit_pages(demo):
        assert people.stranger.get(url).status_code == 404, url
        assert people.stranger.post(url, {}).status_code == 404, url


def test_viewers_cannot_change_anything(demo, people):
    for url in _edit_pages(demo):
        assert people.viewer.get(url).status_code == 403, url
        assert people.viewer.post(url, {}).status_code == 403, url
    grid = reverse("structure:roles", args=[demo.slug])
    assert people.viewer.post(grid, {}).status_code == 403
    assert "<select" not in people.viewer.get(grid).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(demo, client):
    response = client.get(reverse("structure:overview", args=[demo.slug]))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_unknown_records_and_kinds_are_404(demo, people):
    slug = demo.slug
    assert people.coordinator.get(reverse("structure:target", args=[slug, 999999])).status_code == 404
    assert people.coordinator.get(reverse("structure:import", args=[slug, "budgets"])).status_code == 404
    assert (
        people.coordinator.get(reverse("structure:download_csv", args=[slug, "roles", "posts"])).status_code
        == 404
    )


def test_the_overview_shows_findings_of_every_check_with_factor_names_and_links(demo, people):
    body = people.coordinator.get(reverse("structure:overview", args=[demo.slug])).content.decode()

    for heading in ("Roles", "Targets", "Meetings", "Funding and posts"):
        assert f">{heading}</h3>" in body
    assert "Nothing found." not in body
    assert "govuk-tag--red" in body
    assert "Clear roles, responsibilities and boundaries" in body
    assert "Chairing the team around the child" in body
    target = Target.objects.get(partnership=demo, reference="T2")
    assert reverse("structure:target", args=[demo.slug, target.pk]) in body


def test_the_raci_grid_is_a_labelled_table_with_one_select_per_cell(demo, people):
    body = people.coordinator.get(reverse("structure:roles", args=[demo.slug])).content.decode()

    tasks, agencies = demo.raci_tasks.count(), demo.agencies.count()
    assert body.count("<select") == tasks * agencies
    assert body.count('<th scope="col"') == agencies + 1
    assert body.count('<th scope="row"') == tasks
    assert 'class="govuk-label govuk-visually-hidden" for="id_cell-' in body
    assert "Police for Joint training plan" in body
