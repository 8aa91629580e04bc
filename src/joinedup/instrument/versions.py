"""How one version of the item bank relates to the one before, statement by statement.

A trend across a change of version is honest only where the statements compare. This
module holds the comparison (`data/version-crosswalk-v<A>-v<B>.yaml`) and answers the
two questions the analysis asks: which statements of a factor can be compared, and
which statements carried over word for word.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field, model_validator

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.bank import InstrumentError, load_instrument
from joinedup.instrument.bundled import parse_yaml

MIN_COMPARABLE_ITEMS = 2
"""A factor's trend across versions needs this many comparable statements: with one,
the "factor" trend would be the trend of a single statement and is shown as such."""

Referent = str


class ItemLink(BaseModel):
    """A statement of the newer version and the older statement it came from, if any."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    id: str
    source: str | None = Field(default=None, alias="from")
    comparable: bool
    reason: str = Field(min_length=5)


class Dropped(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    reason: str = Field(min_length=5)


class FactorBridge(BaseModel):
    """What one factor's trend across a change of version may use."""

    model_config = ConfigDict(frozen=True)

    factor: str
    pairs: tuple[tuple[str, str], ...]
    """(older id, newer id) of every comparable statement."""
    items: int
    """Statements the factor has in the newer version."""

    @property
    def comparable(self) -> int:
        return len(self.pairs)

    @property
    def trend_allowed(self) -> bool:
        return self.comparable >= MIN_COMPARABLE_ITEMS


class VersionCrosswalk(BaseModel):
    """Checked against both versions: every statement accounted for exactly once."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    from_version: str
    to_version: str
    referents: dict[str, Referent]
    items: list[ItemLink]
    dropped: list[Dropped]

    @model_validator(mode="after")
    def _accounts_for_every_statement(self) -> VersionCrosswalk:
        older = {item.id: item for item in load_instrument(self.from_version).items}
        newer = {item.id: item for item in load_instrument(self.to_version).items}
        problems: list[str] = []
        listed = Counter(link.id for link in self.items)
        if set(listed) != set(newer) or max(listed.values()) > 1:
            problems.append(
                f"version {self.to_version} statements listed wrongly: missing "
                f"{sorted(set(newer) - set(listed))}, unknown {sorted(set(listed) - set(newer))}, "
                f"repeated {sorted(i for i, c in listed.items() if c > 1)}"
            )
        used = {link.source for link in self.items if link.source is not None}
        dropped = Counter(entry.id for entry in self.dropped)
        unaccounted = sorted(set(older) - used - set(dropped))
        both = sorted(used & set(dropped))
        unknown = sorted((used | set(dropped)) - set(older))
        if unaccounted or both or unknown:
            problems.append(
                f"version {self.from_version} statements: unaccounted {unaccounted}, "
                f"both used and dropped {both}, unknown {unknown}"
            )
        for link in self.items:
            if link.source is None or link.source not in older or link.id not in newer:
                if link.source is None and link.comparable:
                    problems.append(f"{link.id} is new, so it cannot be comparable")
                continue
            before, after = older[link.source], newer[link.id]
            if before.factor != after.factor:
                problems.append(f"{link.id} comes from {link.source} of another factor")
            if link.comparable and before.reverse != after.reverse:
                problems.append(f"{link.id} is comparable with {link.source} but runs the other way")
            if (link.id == link.source) != (before.text == after.text):
                problems.append(f"{link.id}: an id names one wording; reworded statements need a new id")
            if link.id == link.source and not link.comparable:
                problems.append(f"{link.id} is unchanged, so it is comparable")
        for item_id in set(older) & set(newer):
            if not any(link.id == item_id and link.source == item_id for link in self.items):
                problems.append(f"{item_id} is in both versions but not listed as carried over")
        if set(self.referents) != set(FACTOR_IDS):
            problems.append("every factor needs exactly one referent")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def unchanged(self) -> list[str]:
        """Ids carried over word for word: the only statements with item-level trends across versions."""
        return [link.id for link in self.items if link.source == link.id]

    def bridge(self, factor: str) -> FactorBridge:
        if factor not in FACTOR_IDS:
            raise KeyError(f"unknown factor id {factor!r}")
        newer = load_instrument(self.to_version).items_for(factor)
        by_id = {link.id: link for link in self.items}
        pairs = tuple(
            (by_id[item.id].source or "", item.id) for item in newer if by_id[item.id].comparable
        )
        return FactorBridge(factor=factor, pairs=pairs, items=len(newer))


def _file_name(from_version: str, to_version: str) -> str:
    return f"version-crosswalk-v{from_version}-v{to_version}.yaml"


@cache
def load_version_crosswalk(from_version: str, to_version: str) -> VersionCrosswalk:
    """The crosswalk between two consecutive versions; InstrumentError when there is none."""
    path = resources.files("joinedup.instrument") / "data" / _file_name(from_version, to_version)
    if not path.is_file():
        raise InstrumentError(f"there is no crosswalk from version {from_version} to version {to_version}")
    return VersionCrosswalk.model_validate(parse_yaml(path.read_text(encoding="utf-8")))
