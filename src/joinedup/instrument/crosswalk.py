"""The crosswalk from joinedup factors to the dimensions of published frameworks.

Partnerships that already report against the Wilder inventory, the Nuffield tool or
the Care Inspectorate framework can read joinedup results in those terms. Only
dimension names and citations are held, never the frameworks' own items.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.bundled import read_bundled_yaml


class Dimension(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    group: str | None = None
    name_checked: bool


class Framework(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    name: str
    citation: str
    dimensions: list[Dimension] = Field(min_length=1)


class Crosswalk(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: int
    frameworks: list[Framework]
    mappings: dict[str, dict[str, list[str]]]

    @model_validator(mode="after")
    def _every_factor_maps_to_real_dimensions(self) -> Crosswalk:
        missing = [f for f in FACTOR_IDS if f not in self.mappings]
        unknown = sorted(set(self.mappings) - set(FACTOR_IDS))
        if missing or unknown:
            raise ValueError(f"crosswalk factors: missing {missing}, unknown {unknown}")
        dimensions = {fw.id: {d.id for d in fw.dimensions} for fw in self.frameworks}
        for factor, by_framework in self.mappings.items():
            for framework_id, dimension_ids in by_framework.items():
                if framework_id not in dimensions:
                    raise ValueError(f"{factor}: unknown framework {framework_id!r}")
                stray = sorted(set(dimension_ids) - dimensions[framework_id])
                if stray:
                    raise ValueError(f"{factor}: {framework_id} has no dimensions {stray}")
        return self

    def dimensions_for(self, factor_id: str) -> dict[str, list[Dimension]]:
        """Framework id to the dimensions a factor corresponds to, in framework order."""
        by_id = {fw.id: {d.id: d for d in fw.dimensions} for fw in self.frameworks}
        return {
            framework_id: [by_id[framework_id][d] for d in dimension_ids]
            for framework_id, dimension_ids in self.mappings[factor_id].items()
        }


@cache
def load_crosswalk() -> Crosswalk:
    return Crosswalk.model_validate(read_bundled_yaml("crosswalk.yaml"))
