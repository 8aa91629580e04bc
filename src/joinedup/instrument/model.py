"""The self-assessment instrument as validated data.

The item bank is data, not code, so that a partnership's evidence lead can read and
extend it; these models are what stop a malformed or incomplete version from ever
reaching a respondent.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.responses import COMMENT_PREFIX, SCALE_MAX, SCALE_MIN

MIN_ITEMS_PER_FACTOR = 3
"""Fewer than three statements per factor gives no usable internal-consistency figure."""

FactorId = Annotated[str, Field(json_schema_extra={"enum": list(FACTOR_IDS)})]
ItemId = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z][A-Za-z0-9]{0,19}$",
        description="Letters and digits only, so the id works as a spreadsheet header and a LimeSurvey code.",
    ),
]


class Scale(BaseModel):
    """The agreement scale; "don't know" is kept apart so it never enters a mean."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    labels: dict[int, str]
    dont_know: str

    @model_validator(mode="after")
    def _points_run_from_min_to_max(self) -> Scale:
        expected = list(range(SCALE_MIN, SCALE_MAX + 1))
        if sorted(self.labels) != expected:
            raise ValueError(f"the scale must have exactly the points {expected}, got {sorted(self.labels)}")
        texts = [*self.labels.values(), self.dont_know]
        if len({text.casefold() for text in texts}) != len(texts):
            raise ValueError("scale labels must all differ")
        return self


class Item(BaseModel):
    """One statement a respondent rates; `reverse` marks a negatively worded one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ItemId
    factor: FactorId
    text: str = Field(min_length=10)
    reverse: bool = False


class Instrument(BaseModel):
    """One frozen version of the item bank."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str = Field(pattern=r"^[0-9]+$")
    scale: Scale
    comment_prompts: dict[FactorId, str]
    items: list[Item]

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        problems: list[str] = []
        unknown = sorted(({item.factor for item in self.items} | set(self.comment_prompts)) - set(FACTOR_IDS))
        if unknown:
            problems.append(f"unknown factor ids {unknown}")
        for label, values in (
            ("item id", [i.id for i in self.items]),
            ("statement", [i.text for i in self.items]),
        ):
            repeated = sorted(
                value for value, count in Counter(v.casefold() for v in values).items() if count > 1
            )
            if repeated:
                problems.append(f"repeated {label}s {repeated}")
        per_factor = Counter(item.factor for item in self.items)
        thin = [f for f in FACTOR_IDS if per_factor[f] < MIN_ITEMS_PER_FACTOR]
        if thin:
            problems.append(f"factors with fewer than {MIN_ITEMS_PER_FACTOR} items: {thin}")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def items_for(self, factor_id: str) -> list[Item]:
        if factor_id not in FACTOR_IDS:
            raise KeyError(f"unknown factor id {factor_id!r}")
        return [item for item in self.items if item.factor == factor_id]

    def reverse_item_ids(self) -> list[str]:
        return [item.id for item in self.items if item.reverse]

    def comment_columns(self) -> list[str]:
        """Comment columns follow the factor order of the bank so every export lists them alike."""
        return [f"{COMMENT_PREFIX}{factor}" for factor in FACTOR_IDS if factor in self.comment_prompts]

    def fingerprint(self) -> str:
        """A digest of everything a respondent sees, so a shell can refuse an edited version."""
        canonical = json.dumps(
            self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
