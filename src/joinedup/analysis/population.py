"""Which groups count for suppression: the one rule the analysis, the round page and the
comments pages all use.

A group (an agency, a role group) is listed in every round of a partnership once it has
answered, or been invited with a known number of people, in any round of that partnership
that has responses. Listing it even where it gave no response means a zero is shown exactly
as a hidden small count is, so the absence of a row is never a clue; using one list
everywhere means secondary suppression hides the same groups on every page, and no page can
show a count another page hides.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np


def listed_per_partnership(seen: np.ndarray, cell_partnership: np.ndarray, partnerships: int) -> np.ndarray:
    """(cell, group) → listed, from (cell, group) → seen in that cell, where a cell is one round of
    one partnership (`cell_partnership` gives each cell's partnership index)."""
    per_partnership = np.zeros((partnerships, seen.shape[1]), dtype=np.int64)
    np.add.at(per_partnership, cell_partnership, seen.astype(np.int64))
    return per_partnership[cell_partnership] > 0


def suppression_population(rounds: Iterable[tuple[Collection[str], Collection[str]]]) -> tuple[str, ...]:
    """The agencies listed in each round of one partnership, in name order, from each of its
    analysed rounds as (agencies that answered, agencies invited with a known number); a
    round with no answers has no figures and adds nobody. The rule of `listed_per_partnership`."""
    seen_by_round = [set(answered) | set(invited) for answered, invited in rounds if answered]
    names = sorted(set().union(*seen_by_round))
    if not seen_by_round:
        return ()
    seen = np.array([[name in seen_here for name in names] for seen_here in seen_by_round], dtype=bool)
    listed = listed_per_partnership(seen, np.zeros(len(seen_by_round), dtype=np.int64), 1)
    return tuple(name for name, on in zip(names, listed[0], strict=True) if on)
