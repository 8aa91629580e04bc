"""Every page that reads a round's instrument refuses a version changed since the round began."""

from __future__ import annotations

import pytest
from django.urls import reverse

from joinedup.instrument.pinned import InstrumentChanged, load_pinned_instrument
from joinedup.web.partnerships.models import ImportBatch, Response
from joinedup.web.partnerships.responses import frame_for_rounds

from .conftest import SURVEY_EXPORTS
from .test_import_views import upload

pytestmark = pytest.mark.django_db
EXPORT = "qualtrics_export.csv"


def _edit_behind_its_back(a_round) -> None:
    a_round.instrument_fingerprint = "0" * 64
    a_round.save(update_fields=["instrument_fingerprint"])


def test_the_core_loader_checks_the_fingerprint_only_once_there_is_one(spring):
    version = spring.instrument_version
    assert load_pinned_instrument(version, None, used_by="a draft").version == version
    with pytest.raises(InstrumentChanged, match="changed since the spring round began"):
        load_pinned_instrument(version, "0" * 64, used_by="the spring round")


def test_an_import_into_a_round_whose_instrument_changed_is_refused_on_the_form(coordinator_client, spring):
    _edit_behind_its_back(spring)
    page = upload(coordinator_client, spring, EXPORT, (SURVEY_EXPORTS / EXPORT).read_bytes())
    assert page.status_code == 200
    assert "must never change" in page.content.decode()
    assert (Response.objects.count(), ImportBatch.objects.count()) == (0, 0)


def test_the_import_summary_and_the_response_frame_refuse_a_changed_instrument(coordinator_client, spring):
    page = upload(coordinator_client, spring, EXPORT, (SURVEY_EXPORTS / EXPORT).read_bytes())
    assert page.status_code == 302
    batch = ImportBatch.objects.get()
    _edit_behind_its_back(spring)
    done = reverse("partnerships:round_import_done", args=[spring.partnership.slug, spring.pk, batch.pk])
    with pytest.raises(InstrumentChanged):
        coordinator_client.get(done)
    with pytest.raises(InstrumentChanged):
        frame_for_rounds([spring])
