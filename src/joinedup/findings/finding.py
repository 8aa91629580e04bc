"""A finding: one thing the report tells a partnership, with how we know it and what the evidence says.

Survey findings and structural findings share this shape so that they can be ranked in one
list, and so that an accepted action can point back at a finding by its `key` across rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from joinedup.checks.finding import Severity

Kind = Literal[
    "concern", "decline", "structure", "divergence", "voice", "uncertainty", "reliability", "strength"
]
KIND_ORDER: tuple[Kind, ...] = (
    "concern",
    "decline",
    "structure",
    "divergence",
    "voice",
    "uncertainty",
    "reliability",
    "strength",
)
"""Within one severity, the order kinds are listed in: what is weak, then what is getting worse,
then what the records show, then where partners disagree, then whose voice is missing, then what
the measurement itself cannot settle; strengths close the list."""


@dataclass(frozen=True)
class Finding:
    """One ranked statement about the partnership.

    `key` is stable between rounds for the same thing (e.g. `band:funding`,
    `check:roles:no-accountable:Joint training plan`); `evidence_of` holds the figures or
    records that triggered it; `weight` orders findings of the same severity and kind (bigger
    is more pressing, or for strengths, stronger). `rating`, `works` and `interventions` come
    from the evidence base for the finding's factor: the rating level, the keys of the works
    the rating counts, and the ids of the interventions that address the factor.
    """

    key: str
    factor: str
    severity: Severity
    kind: Kind
    statement: str
    evidence_of: tuple[str, ...]
    weight: float
    rating: str = ""
    works: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()

    @property
    def is_strength(self) -> bool:
        return self.kind == "strength"

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "factor": self.factor,
            "severity": self.severity.value,
            "kind": self.kind,
            "statement": self.statement,
            "evidence_of": list(self.evidence_of),
            "rating": self.rating,
            "works": list(self.works),
            "interventions": list(self.interventions),
        }
