"""The order of a partnership's rounds, which decides what a trend compares with.

Round labels are free text ("Round 2", "2024 spring", "R10"), so without an explicit
order they are sorted naturally: runs of digits compare as numbers, so "Round 10"
follows "Round 9" rather than "Round 1".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_DIGITS = re.compile(r"(\d+)")


def natural_key(label: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key that orders digit runs by value and text case-insensitively."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in _DIGITS.split(label)
        if part != ""
    )


def order_rounds(labels: Iterable[str], round_order: Sequence[str] | None = None) -> list[str]:
    """Rounds from first to last: the given order when there is one, else natural order.

    A label missing from an explicit order is an error rather than a guess, since a
    wrong order would silently invert every trend.
    """
    unique = sorted(set(labels), key=natural_key)
    if round_order is None:
        return unique
    rank = {label: position for position, label in enumerate(round_order)}
    if len(rank) != len(round_order):
        raise ValueError("round_order lists a round more than once")
    unknown = [label for label in unique if label not in rank]
    if unknown:
        raise ValueError(
            f"round {unknown[0]!r} is in the responses but not in round_order {list(round_order)}"
        )
    return sorted(unique, key=rank.__getitem__)


def rounds_by_opening(openings: Iterable[tuple[str, str]]) -> list[str]:
    """Round labels ordered by the date each opened (YYYY-MM-DD), from (label, date) pairs.

    A trend compares a round with the one before it, so a label opened on two different dates
    is refused rather than placed by one of them; two rounds that opened the same day are
    ordered by label, as a day gives them no order of their own.
    """
    opened: dict[str, str] = {}
    for label, day in openings:
        if opened.setdefault(label, day) != day:
            first, second = sorted((opened[label], day))
            raise ValueError(f"round {label!r} is given two opening dates, {first} and {second}")
    return sorted(opened, key=lambda label: (opened[label], natural_key(label)))
