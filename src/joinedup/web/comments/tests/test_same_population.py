"""The analysis, the round page and the comments pages list and hide the same agencies.

Each partnership here is drawn at random (a fixed seed per case): two or three rounds, up to
six agencies, each answering 0 to 9 times per round and invited with or without a known
number, some agencies archived or added late. The published analysis is the reference.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from joinedup.instrument import load_instrument
from joinedup.web.comments.disclosure import round_groups
from joinedup.web.partnerships.models import Agency, Invitation, Partnership, Response, Round, RoundStatus
from joinedup.web.partnerships.views import response_counts
from joinedup.web.reporting.services import round_analysis

pytestmark = pytest.mark.django_db
NAMES = ("Education", "Health", "Police", "Social work", "Housing", "Youth justice")


def _partnership(rng: random.Random) -> tuple[Partnership, Round]:
    instrument = load_instrument("1")
    item_ids = instrument.item_ids()
    partnership = Partnership.objects.create(name="Drawn", slug="drawn")
    agencies = [
        Agency.objects.create(partnership=partnership, name=name) for name in NAMES[: rng.randint(2, 6)]
    ]
    rounds: list[Round] = []
    for number in range(rng.randint(2, 3)):
        opens = date(2025, 1, 1) + timedelta(days=120 * number)
        a_round = Round.objects.create(
            partnership=partnership,
            name=f"Round {number + 1}",
            opens_on=opens,
            closes_on=opens + timedelta(days=30),
            instrument_version=instrument.version,
            instrument_fingerprint=instrument.fingerprint(),
            status=RoundStatus.CLOSED,
            min_group_size=rng.choice([5, 5, 6]),
        )
        for agency in agencies:
            if rng.random() < 0.8:
                Invitation.objects.create(
                    round=a_round, agency=agency, invited=rng.choice([None, rng.randint(5, 30)])
                )
            Response.objects.bulk_create(
                Response(
                    round=a_round,
                    agency=agency,
                    role_group="practitioner",
                    answers=dict.fromkeys(item_ids, 4),
                )
                for _ in range(rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9]))
            )
        rounds.append(a_round)
    return partnership, rounds[-1]


@pytest.mark.parametrize("seed", range(8))
def test_every_page_lists_and_hides_the_agencies_the_analysis_does(seed):
    partnership, last = _partnership(random.Random(seed))
    rows, total = response_counts(last)
    groups = round_groups(last)
    result = round_analysis(last).find(partnership.name, last.name)
    if result.responses is None:
        assert total is None and not groups.listable
        return
    analysed = result.responses.by_agency
    assert [row["agency"] for row in rows] == sorted(analysed) == sorted(groups.sizes)
    hidden_on_page = {row["agency"] for row in rows if row["count"] is None}
    assert hidden_on_page == {name for name, figure in analysed.items() if figure.suppressed}
    assert groups.listable <= {name for name in analysed if name not in hidden_on_page}
