"""JSON Schemas for the evidence YAML, so people who edit it get completion and checks in their editor.

The schemas ship beside the bundled data and a test fails when they drift from the models;
regenerate them with `joinedup evidence schema --out src/joinedup/evidence/data/schema`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from joinedup.evidence.base import EvidenceBase
from joinedup.evidence.models import (
    Claim,
    ConfidenceAssessment,
    Factor,
    Intervention,
    UnresolvedCitation,
    Work,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class EvidenceFile(BaseModel):
    """Any evidence YAML file: each section is optional, so a user's file can add just a few claims."""

    model_config = ConfigDict(extra="forbid", title="joinedup evidence file")

    factors: list[Factor] = []
    works: list[Work] = []
    claims: list[Claim] = []
    interventions: list[Intervention] = []
    confidence: list[ConfidenceAssessment] = []
    unresolved: list[UnresolvedCitation] = []


class FactorsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", title="joinedup factors file")
    factors: list[Factor]


class WorksFile(BaseModel):
    model_config = ConfigDict(extra="forbid", title="joinedup works file")
    works: list[Work]
    unresolved: list[UnresolvedCitation] = []


class ClaimsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", title="joinedup claims file")
    claims: list[Claim]


class InterventionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", title="joinedup interventions file")
    interventions: list[Intervention]


class ConfidenceFile(BaseModel):
    model_config = ConfigDict(extra="forbid", title="joinedup confidence file")
    confidence: list[ConfidenceAssessment]


_INPUT_SCHEMAS: dict[str, type[BaseModel]] = {
    "evidence-file": EvidenceFile,
    "factors": FactorsFile,
    "works": WorksFile,
    "claims": ClaimsFile,
    "interventions": InterventionsFile,
    "confidence": ConfidenceFile,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """File name → schema: one per bundled file, one for any user file, one for the loaded base."""
    schemas: dict[str, dict[str, Any]] = {}
    for name, model in _INPUT_SCHEMAS.items():
        schema = model.model_json_schema(mode="validation")
        schemas[f"{name}.schema.json"] = {"$schema": JSON_SCHEMA_DIALECT, **schema}
    base = EvidenceBase.model_json_schema(mode="serialization")
    schemas["evidence-base.schema.json"] = {"$schema": JSON_SCHEMA_DIALECT, **base}
    return schemas


def render_schema(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def export_json_schemas(target_dir: Path) -> list[Path]:
    """Write every schema into `target_dir` and return the paths written."""
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = target_dir / name
        path.write_text(render_schema(schema), encoding="utf-8")
        written.append(path)
    return written
