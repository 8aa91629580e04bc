"""The evidence base: factors, works, claims, interventions and the confidence in each factor.

`load_evidence_base()` is the entry point; everything it returns is plain pydantic data.

The names below are imported on first use (PEP 562), so that a module needing only the factor
ids (`joinedup.evidence.ids`) does not load pydantic, YAML and the models with them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from joinedup.evidence.base import EvidenceBase
    from joinedup.evidence.keys import work_key
    from joinedup.evidence.loading import EvidenceError, load_evidence_base
    from joinedup.evidence.models import (
        COMPONENT_NAMES,
        COMPONENTS,
        CONFIDENCE_LABELS,
        PROVENANCE_LABELS,
        Basis,
        Claim,
        ComponentJudgement,
        Confidence,
        ConfidenceAssessment,
        ConfidenceLevel,
        Direction,
        Factor,
        InferredField,
        InferredFlag,
        Intervention,
        Kind,
        Provenance,
        UnresolvedCitation,
        Work,
    )

_HOMES = {
    "EvidenceBase": "base",
    "work_key": "keys",
    "EvidenceError": "loading",
    "load_evidence_base": "loading",
    **dict.fromkeys(
        (
            "COMPONENT_NAMES",
            "COMPONENTS",
            "CONFIDENCE_LABELS",
            "PROVENANCE_LABELS",
            "Basis",
            "Claim",
            "ComponentJudgement",
            "Confidence",
            "ConfidenceAssessment",
            "ConfidenceLevel",
            "Direction",
            "Factor",
            "InferredField",
            "InferredFlag",
            "Intervention",
            "Kind",
            "Provenance",
            "UnresolvedCitation",
            "Work",
        ),
        "models",
    ),
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = [
    "COMPONENTS",
    "COMPONENT_NAMES",
    "CONFIDENCE_LABELS",
    "PROVENANCE_LABELS",
    "Basis",
    "Claim",
    "ComponentJudgement",
    "Confidence",
    "ConfidenceAssessment",
    "ConfidenceLevel",
    "Direction",
    "EvidenceBase",
    "EvidenceError",
    "Factor",
    "InferredField",
    "InferredFlag",
    "Intervention",
    "Kind",
    "Provenance",
    "UnresolvedCitation",
    "Work",
    "load_evidence_base",
    "work_key",
]
