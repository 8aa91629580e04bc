"""A round on version 2 after a round on version 1: the web analysis reports trends honestly."""

from datetime import date

import pytest

from joinedup.instrument import load_instrument
from joinedup.web.partnerships.models import Response, Round, RoundStatus
from joinedup.web.partnerships.tests.builders import make_partnership
from joinedup.web.reporting.services import round_analysis


def _round(partnership, name: str, version: str, opens: date, answers: list[int]) -> Round:
    instrument = load_instrument(version)
    a_round = Round.objects.create(
        partnership=partnership,
        name=name,
        opens_on=opens,
        closes_on=opens.replace(day=28),
        instrument_version=version,
        instrument_fingerprint=instrument.fingerprint(),
        status=RoundStatus.CLOSED,
    )
    agencies = list(partnership.agencies.all())
    Response.objects.bulk_create(
        Response(
            round=a_round,
            agency=agencies[index % len(agencies)],
            role_group="practitioner",
            answers=dict.fromkeys(instrument.item_ids(), answer),
        )
        for index, answer in enumerate(answers)
    )
    return a_round


@pytest.mark.django_db
def test_a_version_change_flags_or_withholds_each_factor_trend() -> None:
    partnership = make_partnership()
    _round(partnership, "Spring", "1", date(2026, 3, 1), [2, 3, 3, 4, 2, 3, 4, 3, 2, 3, 3, 4])
    autumn = _round(partnership, "Autumn", "2", date(2026, 9, 1), [3, 4, 4, 5, 3, 4, 5, 4, 3, 4, 4, 5])
    factors = {f.id: f for f in round_analysis(autumn).find(partnership.name, "Autumn").factors}
    leadership, funding = factors["leadership"], factors["funding"]
    assert leadership.trend is not None and leadership.trend.comparable_items == 3
    assert "instrument changed from version 1 to version 2" in (leadership.trend.note or "")
    assert funding.trend is None
    assert "only 1 of 3 statements comparable" in (funding.trend_withheld or "")
