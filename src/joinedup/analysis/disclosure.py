"""Disclosure control: no figure may describe fewer than `min_group` respondents.

The rule, applied to every breakdown (agency, role group, response counts):

1. Primary suppression: a listed group with fewer than `min_group` respondents
   (including none) is hidden.
2. Secondary suppression: the published total minus the published groups gives
   the hidden groups' combined count and mean. So while anything is hidden, the
   hidden set must hold at least two groups and, together, at least `min_group`
   respondents; until it does, the smallest still-visible group is hidden too
   (ties go to the group listed first).

A breakdown whose total is under `min_group` is not published at all; that is the
caller's decision, since only it knows the total's own figure.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from joinedup.instrument.responses import MIN_GROUP_SIZE


def check_min_group(min_group: int) -> int:
    """Refuse thresholds below the product's floor: anonymity is not configurable downwards."""
    if int(min_group) != min_group or min_group < MIN_GROUP_SIZE:
        raise ValueError(f"min_group must be a whole number of at least {MIN_GROUP_SIZE}, got {min_group!r}")
    return int(min_group)


def min_group_for(sizes: Iterable[int]) -> int:
    """The smallest group an analysis across rounds may describe: the largest any round asks for.

    A trend or a history shows every round's figures side by side, so the strictest round's
    threshold must hold for all of them; each size is checked against the floor, and no sizes
    at all give the floor. The web app (each round's recorded size) and the command line
    (`--min-group`) both decide through here.
    """
    return max((check_min_group(size) for size in sizes), default=MIN_GROUP_SIZE)


def suppress_small_groups(counts: np.ndarray, listed: np.ndarray, min_group: int) -> np.ndarray:
    """Which groups to hide, for any number of breakdowns at once (groups on the last axis).

    `listed` marks the groups that appear in a breakdown (all of a partnership's
    agencies, say, even those with no response, so that a zero is never a clue).
    """
    min_group = check_min_group(min_group)
    counts = np.asarray(counts, dtype=np.int64)
    listed = np.broadcast_to(np.asarray(listed, dtype=bool), counts.shape)
    suppressed = listed & (counts < min_group)
    largest = np.iinfo(np.int64).max
    while True:
        hidden_groups = suppressed.sum(axis=-1)
        hidden_total = np.where(suppressed, counts, 0).sum(axis=-1)
        visible = listed & ~suppressed
        needs_more = (
            (hidden_groups > 0) & ((hidden_groups < 2) | (hidden_total < min_group)) & visible.any(axis=-1)
        )
        if not needs_more.any():
            return suppressed
        smallest = np.where(visible, counts, largest).argmin(axis=-1)
        chosen = np.zeros_like(suppressed)
        np.put_along_axis(chosen, smallest[..., None], True, axis=-1)
        suppressed = suppressed | (chosen & needs_more[..., None])
