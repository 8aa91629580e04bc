"""The item definitions the analysis needs, decoupled from the item bank's own model.

The analysis only needs to know which factor an item belongs to and whether it is
negatively worded, so it accepts anything with `id`, `factor` and `reverse`
attributes (the instrument's items, or plain `ItemSpec`s in tests and scripts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol


class ItemLike(Protocol):
    """What the analysis reads from an item, whatever model carries it."""

    @property
    def id(self) -> str: ...

    @property
    def factor(self) -> str: ...

    @property
    def reverse(self) -> bool: ...


@dataclass(frozen=True)
class ItemSpec:
    """One statement of the instrument as the analysis sees it."""

    id: str
    factor: str
    reverse: bool = False


@dataclass(frozen=True)
class FactorItems:
    """The items of one factor, in instrument order, as column positions in the item list."""

    factor: str
    item_ids: tuple[str, ...]
    positions: tuple[int, ...]
    reverse: tuple[bool, ...]

    @property
    def size(self) -> int:
        return len(self.item_ids)


def item_specs(items: Iterable[ItemLike]) -> tuple[ItemSpec, ...]:
    """Copy the items into `ItemSpec`s, refusing definitions the analysis cannot score."""
    specs: list[ItemSpec] = []
    seen: set[str] = set()
    for position, item in enumerate(items, start=1):
        item_id, factor = str(item.id), str(item.factor)
        if not item_id.strip() or not factor.strip():
            raise ValueError(
                f"item {position}: an item needs a non-empty id and factor (got {item_id!r}, {factor!r})"
            )
        if item_id in seen:
            raise ValueError(f"item {position}: the item id {item_id!r} is used twice")
        seen.add(item_id)
        specs.append(ItemSpec(id=item_id, factor=factor, reverse=bool(item.reverse)))
    if not specs:
        raise ValueError("the item list is empty: there is nothing to analyse")
    return tuple(specs)


def group_by_factor(specs: tuple[ItemSpec, ...]) -> tuple[FactorItems, ...]:
    """Factors in the order their first item appears, so results follow the instrument."""
    members: dict[str, list[int]] = {}
    for position, spec in enumerate(specs):
        members.setdefault(spec.factor, []).append(position)
    return tuple(
        FactorItems(
            factor=factor,
            item_ids=tuple(specs[p].id for p in positions),
            positions=tuple(positions),
            reverse=tuple(specs[p].reverse for p in positions),
        )
        for factor, positions in members.items()
    )
