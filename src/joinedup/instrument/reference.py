"""Reference lists of agency types and role groups, each tied to a coarse group.

Partnerships pick their member agencies and respondents pick a role group from these
lists. The coarse group exists for anonymity: a group too small to report on its own
is shown only as part of its coarse group.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from joinedup.instrument.bundled import read_bundled_yaml

Nation = Literal["scotland", "england", "wales", "northern-ireland"]
NATIONS: tuple[str, ...] = ("scotland", "england", "wales", "northern-ireland")
"""The partnership model's nations, by the same ids, so every partnership gets its own nation's lists."""


class CoarseGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str


class AgencyType(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    nations: tuple[Nation, ...] = Field(min_length=1)
    sector: Literal["statutory", "third", "private"]
    coarse_group: str


class RoleGroup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    nations: tuple[Nation, ...] = Field(min_length=1)
    coarse_group: str
    examples: str
    nation_examples: dict[Nation, str] = Field(default_factory=dict)
    """Examples in a nation's own terms, shown in place of `examples` to that nation's partnerships:
    an England partnership reads "Director of Children's Services", not "Chief Social Work Officer"."""


def _check_ids(entries: list[AgencyType] | list[RoleGroup], coarse_groups: list[CoarseGroup]) -> None:
    repeated = sorted(key for key, count in Counter(e.id for e in entries).items() if count > 1)
    if repeated:
        raise ValueError(f"repeated ids {repeated}")
    known = {group.id for group in coarse_groups}
    unknown = sorted({e.coarse_group for e in entries} - known)
    if unknown:
        raise ValueError(f"coarse groups {unknown} are not declared under coarse_groups")


class AgencyList(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    coarse_groups: list[CoarseGroup]
    agency_types: list[AgencyType]

    @model_validator(mode="after")
    def _ids_resolve(self) -> AgencyList:
        _check_ids(self.agency_types, self.coarse_groups)
        return self


class RoleGroupList(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    coarse_groups: list[CoarseGroup]
    role_groups: list[RoleGroup]

    @model_validator(mode="after")
    def _ids_resolve(self) -> RoleGroupList:
        _check_ids(self.role_groups, self.coarse_groups)
        return self


@cache
def load_agency_list() -> AgencyList:
    return AgencyList.model_validate(read_bundled_yaml("agencies.yaml"))


@cache
def load_role_group_list() -> RoleGroupList:
    return RoleGroupList.model_validate(read_bundled_yaml("role_groups.yaml"))


def _check_nation(nation: str | None) -> None:
    if nation is not None and nation not in NATIONS:
        raise ValueError(f"unknown nation {nation!r}; use one of {', '.join(NATIONS)}")


def load_agency_types(nation: str | None = None) -> list[AgencyType]:
    """All agency types, or those that exist in one nation."""
    _check_nation(nation)
    return [a for a in load_agency_list().agency_types if nation is None or nation in a.nations]


def load_role_groups(nation: str | None = None) -> list[RoleGroup]:
    """All role groups, or those used in one nation."""
    _check_nation(nation)
    groups = [r for r in load_role_group_list().role_groups if nation is None or nation in r.nations]
    if nation is None:
        return groups
    return [
        r.model_copy(update={"examples": r.nation_examples[nation]}) if nation in r.nation_examples else r
        for r in groups
    ]
