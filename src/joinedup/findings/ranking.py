"""The order findings are listed in, documented in `docs/findings.md`.

Most severe first; within a severity, by kind (`KIND_ORDER`); within a kind, the larger
`weight` first; ties broken by key so the list reads the same on every run.
"""

from __future__ import annotations

from collections.abc import Iterable

from joinedup.findings.finding import KIND_ORDER, Finding


def rank_key(finding: Finding) -> tuple[int, int, float, str]:
    return (-finding.severity.rank, KIND_ORDER.index(finding.kind), -finding.weight, finding.key)


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=rank_key)
