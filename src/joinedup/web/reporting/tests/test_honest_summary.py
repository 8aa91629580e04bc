"""The dashboard claims only what the intervals support: a round whose every interval spans the
thresholds calls nothing a concern or a strength and says the data cannot yet tell factors apart."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Response, RoundStatus
from joinedup.web.partnerships.tests.builders import add_member, make_partnership, make_round, make_user
from joinedup.web.reporting.services import report_data


@pytest.mark.django_db
def test_a_round_whose_every_interval_spans_the_thresholds_names_no_concern_strength_or_extreme(client):
    partnership = make_partnership(agencies=("Education", "Health visiting", "Police"))
    a_round = make_round(partnership, status=RoundStatus.CLOSED)
    item_ids = load_instrument("1").item_ids()
    agencies = list(partnership.agencies.all())
    Response.objects.bulk_create(
        Response(
            round=a_round,
            agency=agencies[person % 3],
            role_group="practitioner",
            answers=dict.fromkeys(item_ids, 1 + person % 5),
        )
        for person in range(15)
    )
    data = report_data(a_round, today=timezone.localdate())
    assert all(f.ci is not None and f.ci[0] < 3 <= f.ci[1] for f in data.analysis.factors)
    user = make_user("coordinator")
    add_member(partnership, user)
    client.force_login(user)
    page = unescape(client.get(reverse("reporting:dashboard", args=[partnership.slug])).content.decode())
    assert "The data cannot yet tell the factors apart" in page
    assert "Strongest factors" not in page and "Weakest factors" not in page
    assert ": concern</h3>" not in page and ": strength</h3>" not in page
    assert ": unclear</h3>" in page
    assert "more answers would tell" in page


@pytest.mark.django_db
def test_the_dashboard_prints_the_bounds_that_name_an_extreme_to_two_decimals(client):
    """The strongest and weakest are printed as the findings print intervals (two decimals), so a
    bound of 2.99 never reads as 3.0."""
    partnership = make_partnership(agencies=("Education", "Health visiting", "Police"))
    a_round = make_round(partnership, status=RoundStatus.CLOSED)
    instrument = load_instrument("1")
    reverse_ids = set(instrument.reverse_item_ids())
    agencies = list(partnership.agencies.all())

    def answer(item_id: str, factor: str, person: int) -> int:
        value = 4 + person % 2 if factor == "leadership" else 1 + person % 2 if factor == "funding" else 3
        return 6 - value if item_id in reverse_ids else value

    Response.objects.bulk_create(
        Response(
            round=a_round,
            agency=agencies[person % 3],
            role_group="practitioner",
            answers={item.id: answer(item.id, item.factor, person) for item in instrument.items},
        )
        for person in range(30)
    )
    data = report_data(a_round, today=timezone.localdate())
    named = [f for f in data.analysis.factors if f.id in {"leadership", "funding"}]
    user = make_user("coordinator")
    add_member(partnership, user)
    client.force_login(user)
    page = unescape(client.get(reverse("reporting:dashboard", args=[partnership.slug])).content.decode())
    assert "Strongest factors" in page
    for factor in named:
        assert factor.ci is not None
        low, high = factor.ci
        assert f"between {low:.2f} and {high:.2f}</li>" in page
