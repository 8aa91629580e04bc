"""Disclosure control: hand-worked cases and the property that nothing small can be recovered."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.analysis.disclosure import check_min_group, suppress_small_groups


def hidden(counts: list[int], min_group: int = 5, listed: list[bool] | None = None) -> list[bool]:
    listed_mask = np.ones(len(counts), dtype=bool) if listed is None else np.array(listed)
    return suppress_small_groups(np.array(counts), listed_mask, min_group).tolist()


def test_nothing_hidden_when_every_group_is_large_enough() -> None:
    assert hidden([5, 12, 40]) == [False, False, False]


def test_a_lone_small_group_takes_the_next_smallest_with_it() -> None:
    assert hidden([3, 20, 9, 40]) == [True, False, True, False]


def test_two_small_groups_under_the_minimum_together_take_a_third() -> None:
    assert hidden([1, 2, 30, 8]) == [True, True, False, True]


def test_two_small_groups_that_together_reach_the_minimum_are_enough() -> None:
    assert hidden([3, 4, 30, 8]) == [True, True, False, False]


def test_zero_counts_of_listed_groups_are_hidden_like_any_small_count() -> None:
    assert hidden([0, 30, 8]) == [True, False, True]


def test_unlisted_groups_are_neither_hidden_nor_used() -> None:
    assert hidden([0, 30, 8], listed=[False, True, True]) == [False, False, False]


def test_many_breakdowns_at_once_match_one_at_a_time() -> None:
    counts = np.array([[3, 20, 9, 40], [5, 12, 40, 7], [1, 2, 30, 8]])
    together = suppress_small_groups(counts, np.ones_like(counts, dtype=bool), 5)
    assert together.tolist() == [hidden(row.tolist()) for row in counts]


@pytest.mark.parametrize("bad", [4, 0, -1, 4.5])
def test_thresholds_below_five_are_refused(bad: float) -> None:
    with pytest.raises(ValueError, match="at least 5"):
        check_min_group(bad)  # type: ignore[arg-type]


@given(
    counts=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=9),
    min_group=st.integers(min_value=5, max_value=12),
)
def test_no_small_group_can_be_shown_or_worked_out_from_the_total(counts: list[int], min_group: int) -> None:
    mask = np.array(hidden(counts, min_group))
    values = np.array(counts)
    assert not ((values < min_group) & ~mask).any(), "a small group is shown"
    residual = values[mask].sum()
    if mask.any() and not mask.all():
        assert mask.sum() >= 2, "a single hidden group equals the total minus the shown ones"
        assert residual >= min_group, "the hidden groups together are themselves a small group"
