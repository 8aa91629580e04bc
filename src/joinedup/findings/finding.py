"""A finding: one thing the report tells a partnership, with how we know it and what the evidence says.

Survey findings and structural findings share this shape so that they can be ranked in one
list, and so that an accepted action can point back at a finding by its `key` across rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from joinedup.checks.finding import Severity

Kind = Literal[
    "concern",
    "decline",
    "structure",
    "divergence",
    "voice",
    "unclear",
    "uncertainty",
    "reliability",
    "strength",
]
KIND_ORDER: tuple[Kind, ...] = (
    "concern",
    "decline",
    "structure",
    "divergence",
    "voice",
    "unclear",
    "uncertainty",
    "reliability",
    "strength",
)
"""Within one severity, the order kinds are listed in: what is weak, then what is getting worse,
then what the records show, then where partners disagree, then who did not answer, then what
the data or the measurement cannot yet settle; strengths close the list."""


@dataclass(frozen=True)
class GroupNumbers:
    """One shown group's figures behind a divergence finding (hidden groups never appear)."""

    name: str
    mean: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "mean": round(self.mean, 2), "n": self.n}


@dataclass(frozen=True)
class Finding:
    """One ranked statement about the partnership.

    `key` is stable between rounds for the same thing (e.g. `band:funding`,
    `check:roles:no-accountable:Joint training plan`); `evidence_of` holds the figures or
    records that triggered it; `weight` orders findings of the same severity and kind (bigger
    is more pressing, or for strengths, stronger). `label` is what the data support (concern,
    borderline, strength, unclear for a factor's score; the kind otherwise); `mean`, `ci_low`,
    `ci_high` and `n` are the numbers behind a survey finding and `groups` the shown groups
    behind a divergence. `confidence`, `works` and `interventions` come from the evidence base
    for the finding's factor: the overall confidence level that the factor matters, the keys of
    the works that report it, and the ids of the interventions that address it. A finding about
    who answered has no factor (`factor` is empty): non-response is not a finding about any factor.
    """

    key: str
    factor: str
    severity: Severity
    kind: Kind
    statement: str
    evidence_of: tuple[str, ...]
    weight: float
    label: str = ""
    mean: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    n: int | None = None
    groups: tuple[GroupNumbers, ...] = ()
    confidence: str = ""
    works: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()

    @property
    def shown_label(self) -> str:
        return self.label or self.kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "factor": self.factor or None,
            "severity": self.severity.value,
            "kind": self.kind,
            "label": self.shown_label,
            "statement": self.statement,
            "mean": None if self.mean is None else round(self.mean, 2),
            "ci_low": None if self.ci_low is None else round(self.ci_low, 2),
            "ci_high": None if self.ci_high is None else round(self.ci_high, 2),
            "n": self.n,
            "groups": [group.to_dict() for group in self.groups],
            "evidence_of": list(self.evidence_of),
            "confidence": self.confidence,
            "works": list(self.works),
            "interventions": list(self.interventions),
        }
