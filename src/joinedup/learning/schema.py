"""The published JSON Schema of a learning record, and the model it is generated from.

The schema file (`data/learning-record.schema.json`) is what other deployments and
researchers validate against; `validate_learning_record` applies the same rules in plain
Python (fast enough to check ten thousand records while pooling, and able to check what a
schema cannot: that an interval contains its figure, that an action's change is its factor's).
The model here is the single description both are tested against: the schema file must equal
`record_schema()`, and on generated records the model and the validator must agree.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from joinedup.evidence.ids import FactorId
from joinedup.learning.record import (
    CONTRIBUTOR_KEY,
    LESSON_LENGTH,
    MONTH,
    SCALE,
    Band,
    Nation,
    RecordFormat,
    SizeBand,
    Status,
)

SCHEMA_FILE = "learning-record.schema.json"
_SPAN = SCALE[1] - SCALE[0]

Mean = Annotated[float, Field(ge=SCALE[0], le=SCALE[1], allow_inf_nan=False)]
Change = Annotated[float, Field(ge=-_SPAN, le=_SPAN, allow_inf_nan=False)]
Interval = Annotated[list[Annotated[float, Field(allow_inf_nan=False)]], Field(min_length=2, max_length=2)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class FactorFigures(_Strict):
    """A factor the partnership's analysis reports: mean, 95% interval, band, change to next round."""

    mean: Mean
    interval: Interval
    band: Band
    change: Change | None = Field(description="Change to the next round; null when not measured.")
    change_interval: Interval | None


class ActionEntry(_Strict):
    """An adopted action: its factor, the intervention it came from, status, change and lesson."""

    factor: FactorId | None
    intervention: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)] | None
    status: Status
    change: Change | None
    change_interval: Interval | None
    lesson: Annotated[str, Field(min_length=1, max_length=LESSON_LENGTH)] | None = Field(
        description="The coordinator's lesson, scrubbed of names, e-mail addresses and numbers."
    )


class LearningRecord(_Strict):
    """One partnership's anonymised learning record of one round (issue 17)."""

    model_config = ConfigDict(title="joinedup learning record", extra="forbid", strict=True)

    format: RecordFormat
    contributor: Annotated[str, Field(pattern=f"^{CONTRIBUTOR_KEY.pattern}$")] = Field(
        description="A random key per partnership, derived from no name; pooling counts it once."
    )
    instrument_version: Annotated[str, Field(min_length=1, max_length=40)] | None
    nation: Nation
    size_band: SizeBand
    month: Annotated[str, Field(pattern=f"^{MONTH.pattern}$")]
    factors: dict[FactorId, FactorFigures]
    actions: list[ActionEntry]


def record_schema() -> dict[str, Any]:
    """The JSON Schema of a learning record, as generated from the model."""
    schema = LearningRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://joinedup.example/schemas/learning-record-1.json"
    return schema


def published_schema_text() -> str:
    """The schema file shipped in the package, as text."""
    return (resources.files("joinedup.learning") / "data" / SCHEMA_FILE).read_text(encoding="utf-8")


def schema_text(schema: dict[str, Any]) -> str:
    """The schema written the way the package file is (sorted keys, two-space indent)."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
