"""Every text a person types has a length limit that the database enforces the same way on
SQLite and PostgreSQL (an IntegrityError from a check constraint), and the forms refuse an
over-long value first with a GOV.UK message. The suite runs on both databases in CI."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.urls import reverse

from joinedup.web.structure.models import RaciTask
from joinedup.web.text_limits import BoundedText

from .partition_fixtures import build_side, client_for

pytestmark = pytest.mark.django_db

WEB_APPS = ("partnerships", "structure", "survey", "comments", "reporting")
CODE_FIELDS = {
    "partnerships.Partnership": {"slug", "nation"},
    "partnerships.Agency": {"agency_type", "coarse_group"},
    "partnerships.Membership": {"role"},
    "partnerships.MembershipInvitation": {"role", "token"},
    "partnerships.Round": {"instrument_version", "instrument_fingerprint", "status"},
    "partnerships.Invitation": {"token"},
    "partnerships.ImportBatch": {"source_format"},
    "partnerships.Response": {"role_group", "idempotency_key"},
    "partnerships.InvitationRecipient": {"token"},
    "partnerships.EmailOptOut": {"address_hash"},
    "structure.RaciCell": {"letters"},
    "structure.ActionItem": {"factor", "intervention"},
    "comments.CommentTag": {"key"},
    "comments.PartnershipTagger": {"model"},
    "reporting.RecommendationDecision": {"finding_key", "intervention", "decision"},
    "reporting.StoredReportData": {"fingerprint"},
    "reporting.ReportBuild": {"fingerprint", "format", "claim", "error"},
    "survey.SurveyDraft": {"key_hash"},
    "survey.SingleUseLink": {"token"},
}
"""Text columns nobody types into: codes, tokens, hashes, choices and files the app writes itself."""


def _models() -> list[type[models.Model]]:
    return [
        model
        for app in WEB_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical")
    ]


def _typed_fields() -> list[tuple[type[models.Model], models.Field]]:
    return [
        (model, field)
        for model in _models()
        for field in model._meta.concrete_fields
        if isinstance(field, BoundedText)
    ]


def test_every_text_field_people_type_into_is_bounded() -> None:
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in _models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, BoundedText)
        and not field.choices
        and field.name not in CODE_FIELDS.get(model._meta.label, set())
    ]
    assert not unbounded, f"text fields without a database length limit: {unbounded}"
    assert len(_typed_fields()) >= 30


@pytest.fixture
def side():
    return build_side("Children's Services Partnership", "limits", "Limits")


def test_a_10000_character_task_name_is_refused_by_the_database(side) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        RaciTask.objects.create(partnership=side.partnership, name="x" * 10_000)
    assert not RaciTask.objects.filter(name__startswith="xxxx").exists()
    RaciTask.objects.create(partnership=side.partnership, name="x" * 200)


def test_every_bounded_field_is_enforced_by_the_database(side) -> None:
    """Each field of each model, on a stored row: its limit is accepted, one more character is not."""
    checked = []
    for model, field in _typed_fields():
        row = model._default_manager.order_by("pk").first()
        assert row is not None, f"the fixture has no {model.__name__}"
        limit = field.max_length
        assert limit is not None
        with transaction.atomic():
            model._default_manager.filter(pk=row.pk).update(**{field.name: "y" * limit})
        with pytest.raises(IntegrityError), transaction.atomic():
            model._default_manager.filter(pk=row.pk).update(**{field.name: "y" * (limit + 1)})
        checked.append(f"{model.__name__}.{field.name}")
    assert "RaciTask.name" in checked and "Lesson.text" in checked


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        ("structure:task_add", {"name": "x" * 10_000}, "Task or function must be 200 characters or fewer"),
        ("comments:lesson_add", {"text": "x" * 10_000}, "2000 characters or fewer"),
    ],
)
def test_forms_refuse_over_long_text_with_a_govuk_message(side, url_name, data, message) -> None:
    client = client_for(side.coordinator)
    before = {model: model._default_manager.count() for model in _models()}
    page = client.post(reverse(url_name, args=[side.partnership.slug]), data)
    assert page.status_code == 200
    body = page.content.decode()
    summary = body[body.index("govuk-error-summary") :]
    assert message in summary
    assert {model: model._default_manager.count() for model in _models()} == before
