"""The evidence base: factors, works, claims, interventions and the confidence in each factor.

`load_evidence_base()` is the entry point; everything it returns is plain pydantic data.
"""

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
