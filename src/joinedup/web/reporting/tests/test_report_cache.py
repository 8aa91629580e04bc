"""A round's report data is computed once per change: every kind of change gives a new fingerprint,
and an unchanged round is read from the store without recomputing."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from joinedup.web.comments.models import PartnershipTagger
from joinedup.web.partnerships.models import Membership, Response, Role, RoundStatus
from joinedup.web.partnerships.tests.builders import make_partnership, make_responses, make_round
from joinedup.web.reporting import services
from joinedup.web.reporting.cache import fingerprint
from joinedup.web.reporting.models import DataVersion, Decision, RecommendationDecision, StoredReportData
from joinedup.web.structure.models import Target

TODAY = date(2026, 11, 26)


@pytest.fixture
def closed_round(db):
    partnership = make_partnership()
    a_round = make_round(partnership, status=RoundStatus.CLOSED)
    for agency in partnership.agencies.all():
        make_responses(a_round, agency, 12)
    return a_round


def _change_response(a_round):
    make_responses(a_round, a_round.partnership.agencies.first(), 1, answer=2)


def _edit_record(a_round):
    target = Target.objects.create(partnership=a_round.partnership, reference="T1", title="Referrals")
    before = fingerprint(a_round, today=TODAY)
    target.title = "Referrals answered within a week"
    target.save()
    assert fingerprint(a_round, today=TODAY) != before


def _accept(a_round):
    RecommendationDecision.objects.create(
        partnership=a_round.partnership,
        round=a_round,
        finding_key="concern:x",
        intervention="joint-triage",
        decision=Decision.ACCEPTED,
    )


def _retrain(a_round):
    PartnershipTagger.objects.create(partnership=a_round.partnership, model="{}", corrections=3)


def _delete_response(a_round):
    a_round.responses.order_by("pk").first().delete()


def _reopen(a_round):
    a_round.status = RoundStatus.OPEN
    a_round.save()


@pytest.mark.parametrize(
    "change", [_change_response, _edit_record, _accept, _retrain, _delete_response, _reopen]
)
def test_every_kind_of_change_gives_a_new_fingerprint(closed_round, change):
    before = fingerprint(closed_round, today=TODAY)
    assert fingerprint(closed_round, today=TODAY) == before
    change(closed_round)
    assert fingerprint(closed_round, today=TODAY) != before


def test_a_change_in_another_partnership_leaves_the_fingerprint_alone(closed_round):
    before = fingerprint(closed_round, today=TODAY)
    other = make_partnership(name="Hillside", slug="hillside")
    other_round = make_round(other, status=RoundStatus.CLOSED)
    make_responses(other_round, other.agencies.all()[0], 6)
    Target.objects.create(partnership=other, reference="T9", title="Elsewhere")
    assert fingerprint(closed_round, today=TODAY) == before


def test_the_report_data_is_computed_once_and_again_after_a_change(closed_round, monkeypatch):
    computed = []
    real = services.compute_report_data

    def counting(*args, **kwargs):
        computed.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "compute_report_data", counting)
    first = services.report_data(closed_round, today=TODAY)
    again = services.report_data(closed_round, today=TODAY)
    assert len(computed) == 1
    assert again == first
    _change_response(closed_round)
    changed = services.report_data(closed_round, today=TODAY)
    assert len(computed) == 2
    assert changed != first
    assert StoredReportData.objects.filter(round=closed_round).count() == 1


def test_the_dashboard_and_accept_page_read_the_stored_data(client, closed_round, monkeypatch):
    user = get_user_model().objects.create_user("coordinator", password="a-long-enough-password")
    Membership.objects.create(user=user, partnership=closed_round.partnership, role=Role.COORDINATOR)
    client.force_login(user)
    url = reverse("reporting:dashboard", args=[closed_round.partnership.slug])
    assert client.get(url).status_code == 200

    def refuse(*args, **kwargs):
        raise AssertionError("recomputed an unchanged round")

    monkeypatch.setattr(services, "compute_report_data", refuse)
    assert client.get(url).status_code == 200
    download = reverse("reporting:download", args=[closed_round.partnership.slug, closed_round.pk, "html"])
    assert client.get(download).status_code == 200


def test_a_response_saved_alone_changes_the_fingerprint_and_an_edit_bumps_the_counter(closed_round):
    """A new response (the survey's send) changes the fingerprint through its round's count and
    largest id, so it no longer bumps the partnership's counter; editing one still does."""
    def counter() -> int:
        return sum(DataVersion.objects.values_list("version", flat=True))

    before, bumps = fingerprint(closed_round, today=TODAY), counter()
    response = Response.objects.create(
        round=closed_round, agency=closed_round.partnership.agencies.first(), role_group="manager", answers={}
    )
    after = fingerprint(closed_round, today=TODAY)
    assert after != before and counter() == bumps
    response.role_group = "practitioner"
    response.save()
    assert counter() == bumps + 1 and fingerprint(closed_round, today=TODAY) != after


def test_deleting_a_watched_record_still_changes_the_fingerprint(closed_round):
    """The cache listens to each watched model by name now: a delete of one is still heard."""
    target = Target.objects.create(partnership=closed_round.partnership, reference="T1", title="Referrals")
    before = fingerprint(closed_round, today=TODAY)
    target.delete()
    assert fingerprint(closed_round, today=TODAY) != before
