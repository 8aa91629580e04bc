"""Counting answer patterns gives the analysis that counting respondent by respondent gives.

`analyse` counts each factor's respondents per answer pattern when the table is small enough
(`joinedup.analysis.patterns`) and respondent by respondent otherwise; the two must agree to the
last bit on every figure, whatever the answers, reverse-worded items, don't knows, skipped items,
factor sizes and group sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.analysis import ItemLike, ItemSpec, analyse, generate_responses, synthetic_item_bank
from joinedup.analysis import patterns as pattern_module

_ANSWERS = [1.0, 2.0, 3.0, 4.0, 5.0, 0.0, np.nan]


@st.composite
def _responses(draw: st.DrawFn) -> tuple[pd.DataFrame, list[ItemSpec]]:
    sizes = draw(st.lists(st.integers(2, 4), min_size=1, max_size=3))
    items = [
        ItemSpec(id=f"F{factor}I{item}", factor=f"F{factor}", reverse=draw(st.booleans()))
        for factor, size in enumerate(sizes)
        for item in range(size)
    ]
    count = draw(st.integers(5, 120))
    rows = {
        "partnership": draw(st.lists(st.sampled_from(["P1", "P2"]), min_size=count, max_size=count)),
        "round": draw(st.lists(st.sampled_from(["R1", "R2", "R3"]), min_size=count, max_size=count)),
        "agency": draw(st.lists(st.sampled_from(["A", "B", "C", "D"]), min_size=count, max_size=count)),
        "role_group": draw(st.lists(st.sampled_from(["x", "y"]), min_size=count, max_size=count)),
    }
    for item in items:
        rows[item.id] = draw(st.lists(st.sampled_from(_ANSWERS), min_size=count, max_size=count))
    return pd.DataFrame(rows), items


def _both_ways(frame: pd.DataFrame, items: Sequence[ItemLike]) -> tuple[dict[str, Any], dict[str, Any]]:
    by_pattern = analyse(frame, items).to_dict()
    with mock.patch.object(pattern_module, "PATTERN_BINS", 0):
        by_respondent = analyse(frame, items).to_dict()
    return by_pattern, by_respondent


@settings(max_examples=60, deadline=None)
@given(responses=_responses())
def test_pattern_counts_give_every_figure_respondent_counts_give(
    responses: tuple[pd.DataFrame, list[ItemSpec]],
) -> None:
    by_pattern, by_respondent = _both_ways(*responses)
    assert by_pattern == by_respondent


def test_a_realistic_round_is_the_same_both_ways() -> None:
    items = synthetic_item_bank()
    data = generate_responses(items, responses=3000, partnerships=3, rounds=3, seed=4)
    by_pattern, by_respondent = _both_ways(data.responses, items)
    assert by_pattern == by_respondent
