"""The evidence base: factors, works, claims, interventions and ratings.

`load_evidence_base()` is the entry point; everything it returns is plain pydantic data.
"""

from joinedup.evidence.base import EvidenceBase
from joinedup.evidence.keys import work_key
from joinedup.evidence.loading import EvidenceError, load_evidence_base
from joinedup.evidence.models import (
    Basis,
    Claim,
    Consistency,
    Direction,
    Factor,
    Intervention,
    Kind,
    Rating,
    RatingLevel,
    UnresolvedCitation,
    Work,
)

__all__ = [
    "Basis",
    "Claim",
    "Consistency",
    "Direction",
    "EvidenceBase",
    "EvidenceError",
    "Factor",
    "Intervention",
    "Kind",
    "Rating",
    "RatingLevel",
    "UnresolvedCitation",
    "Work",
    "load_evidence_base",
    "work_key",
]
