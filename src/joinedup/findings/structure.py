"""Findings from the structural checks, keyed so that the same gap keeps its key between rounds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from joinedup.checks.finding import CheckFinding, RecordRef
from joinedup.findings.finding import Finding
from joinedup.formatting import long_date

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _word(value: object) -> str:
    """A record's value as read: an ISO date in GOV.UK style, anything else as it is."""
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return long_date(date.fromisoformat(value))
    return str(value)


def _describe(record: str | RecordRef) -> str:
    """A record in words ("target reading: target T2, as of 7 September 2026"), not as data."""
    if isinstance(record, str):
        return record
    kind = str(record.get("kind", "record")).replace("-", " ")
    details = ", ".join(
        f"{name.replace('_', ' ')} {_word(value)}"
        for name, value in record.items()
        if name != "kind" and value is not None
    )
    return f"{kind}: {details}" if details else kind


def _identity(record: str | RecordRef) -> str:
    if isinstance(record, str):
        return record
    return "/".join(str(value) for name, value in record.items() if name != "kind")


def finding_key(check: CheckFinding) -> str:
    """`check:<check>:<rule>:<first record>`, e.g. `check:roles:no-accountable:Joint training plan`."""
    rule = check.rule.split(".", 1)[1]
    key = f"check:{check.check}:{rule}"
    return f"{key}:{_identity(check.records[0])}" if check.records else key


def structure_findings(checks: Sequence[CheckFinding]) -> list[Finding]:
    """One finding per check finding; a key used twice gets `#2`, `#3`... in the order given."""
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    for check in checks:
        key = finding_key(check)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        findings.append(
            Finding(
                key=key,
                factor=check.factor,
                severity=check.severity,
                kind="structure",
                statement=check.message,
                evidence_of=tuple(_describe(record) for record in check.records),
                weight=float(len(check.records)),
            )
        )
    return findings
