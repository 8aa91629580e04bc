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
    assert all(f.ci[0] < 3 <= f.ci[1] for f in data.analysis.factors)
    user = make_user("coordinator")
    add_member(partnership, user)
    client.force_login(user)
    page = unescape(client.get(reverse("reporting:dashboard", args=[partnership.slug])).content.decode())
    assert "The data cannot yet tell the factors apart" in page
    assert "Strongest factors" not in page and "Weakest factors" not in page
    assert ": concern</h3>" not in page and ": strength</h3>" not in page
    assert ": unclear</h3>" in page
    assert "more answers would tell" in page
