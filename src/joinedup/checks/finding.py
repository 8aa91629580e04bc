"""What a structural check reports, in a shape the findings, the web app and the CLI share.

A check finding names the evidence factor it bears on, so that the findings module can
attach evidence-backed recommendations to it, and the records that triggered it, so that a
coordinator can go straight to the row that needs fixing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import total_ordering
from typing import Any

from joinedup.evidence.ids import FACTOR_IDS

RecordRef = dict[str, str | int | float | None]
"""A pointer to the record behind a finding: always has a `kind` (e.g. `target`,
`raci-cell`, `meeting`, `post`) and the keys that identify the record of that kind."""


@total_ordering
class Severity(Enum):
    """How urgently a finding needs attention; ordered so findings can be ranked and filtered."""

    INFO = "info"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_ORDER: tuple[Severity, ...] = (Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH)


@dataclass(frozen=True)
class CheckFinding:
    """One structural problem (or, at `info`, one fact worth knowing) found in the records.

    `check` is the check that produced it (`roles`, `targets`, `meetings`, `funding`);
    `rule` names the specific test inside that check (e.g. `roles.no-accountable`) so that
    findings of the same kind can be grouped, counted or mapped to recommendations.
    `records` may be given as any sequence and is kept as a list.
    """

    check: str
    factor: str
    severity: Severity
    message: str
    records: Sequence[str | RecordRef]
    rule: str = field(kw_only=True)

    def __post_init__(self) -> None:
        if self.factor not in FACTOR_IDS:
            raise ValueError(f"{self.factor!r} is not a factor id; expected one of {', '.join(FACTOR_IDS)}")
        if not self.rule.startswith(f"{self.check}."):
            raise ValueError(f"rule {self.rule!r} must start with the check name {self.check!r}")
        object.__setattr__(self, "records", list(self.records))

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "rule": self.rule,
            "factor": self.factor,
            "severity": self.severity.value,
            "message": self.message,
            "records": [dict(ref) if isinstance(ref, dict) else ref for ref in self.records],
        }


def ranked(findings: list[CheckFinding]) -> list[CheckFinding]:
    """Most severe first, then by check and rule, so output reads the same on every run."""
    return sorted(findings, key=lambda f: (-f.severity.rank, f.check, f.rule, f.message))
