"""Which agencies count for suppression: listed in every round once seen in any round with answers."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from joinedup.analysis.population import listed_per_partnership, suppression_population

AGENCIES = st.sets(st.sampled_from(["Education", "Health", "Police", "Housing"]))


@given(rounds=st.lists(st.tuples(AGENCIES, AGENCIES), max_size=4))
def test_an_agency_counts_once_it_answered_or_was_invited_in_a_round_with_answers(rounds):
    expected = sorted({name for answered, invited in rounds if answered for name in answered | invited})
    assert list(suppression_population(rounds)) == expected


def test_a_round_without_answers_adds_nobody_even_those_it_invited():
    assert suppression_population([(set(), {"Police"}), ({"Health"}, {"Education"})]) == (
        "Education",
        "Health",
    )


@given(seen=st.lists(st.lists(st.booleans(), min_size=3, max_size=3), min_size=1, max_size=6), data=st.data())
def test_the_array_form_lists_a_group_in_every_cell_of_a_partnership_that_saw_it(seen, data):
    cells = np.array(seen, dtype=bool)
    partnership = np.array(data.draw(st.lists(st.integers(0, 1), min_size=len(seen), max_size=len(seen))))
    listed = listed_per_partnership(cells, partnership, 2)
    for cell in range(len(seen)):
        same = partnership == partnership[cell]
        assert list(listed[cell]) == list(cells[same].any(axis=0))
