"""The targets check: the National Audit Office's accountability minimums, progress against a
straight-line path, and partners who report the same target differently.

A target is only accountable when it says what is measured, from where to where by when,
who owns it and who acts if progress is unsatisfactory. Off-track targets and partners
disagreeing about the same figure are monitoring problems: the partnership cannot learn from
numbers it does not share.
"""

from __future__ import annotations

from datetime import date

from joinedup.checks.finding import CheckFinding, RecordRef, Severity
from joinedup.checks.records import Polarity, Target, TargetReading, TargetRecords
from joinedup.formatting import long_date

CHECK = "targets"


def _target_ref(target: Target) -> RecordRef:
    return {"kind": "target", "target": target.reference}


def _reading_ref(reading: TargetReading) -> RecordRef:
    return {
        "kind": "target-reading",
        "target": reading.target,
        "as_of": reading.as_of.isoformat(),
        "reported_by": reading.reported_by,
    }


def _missing_fields(target: Target) -> list[CheckFinding]:
    missing = {
        "measure": target.measure is None,
        "baseline value": target.baseline is None,
        "baseline date": target.baseline_date is None,
        "target value": target.target_value is None,
        "target date": target.target_date is None,
        "owning agency": target.owner is None,
        "party responsible for action if progress is unsatisfactory": target.responsible_party is None,
    }
    absent = [name for name, is_missing in missing.items() if is_missing]
    if not absent:
        return []
    nobody_acts = target.owner is None or target.responsible_party is None
    return [
        CheckFinding(
            CHECK,
            "accountability",
            Severity.HIGH if nobody_acts else Severity.MEDIUM,
            f"Target {target.reference} “{target.title}” has no {', '.join(absent)}.",
            [_target_ref(target)],
            rule="targets.missing-fields",
        )
    ]


def _polarity(target: Target) -> Polarity | None:
    """The stated polarity, or the one implied by the direction from baseline to target."""
    if target.polarity is not None:
        return target.polarity
    if target.baseline is None or target.target_value is None or target.baseline == target.target_value:
        return None
    return Polarity.HIGHER_IS_BETTER if target.target_value > target.baseline else Polarity.LOWER_IS_BETTER


def expected_on_path(target: Target, on: date) -> float | None:
    """Where a straight line from baseline to target says the measure should be on a date.

    Before the baseline date it is the baseline, after the target date the target. None when
    the target lacks any of the four points the line needs.
    """
    if (
        target.baseline is None
        or target.baseline_date is None
        or target.target_value is None
        or target.target_date is None
    ):
        return None
    span = (target.target_date - target.baseline_date).days
    if span <= 0:
        return target.target_value
    progress = min(max((on - target.baseline_date).days / span, 0.0), 1.0)
    return target.baseline + (target.target_value - target.baseline) * progress


def _shortfall(target: Target, reading_value: float, on: date, margin: float) -> float | None:
    """How far the value falls behind the path beyond the allowed margin (positive = behind)."""
    expected = expected_on_path(target, on)
    polarity = _polarity(target)
    if expected is None or polarity is None or target.baseline is None or target.target_value is None:
        return None
    allowance = margin * abs(target.target_value - target.baseline)
    behind = expected - reading_value if polarity is Polarity.HIGHER_IS_BETTER else reading_value - expected
    return behind - allowance


def _show(value: float | None) -> str:
    return "unknown" if value is None else f"{round(value, 1):g}"


def _headline(readings: list[TargetReading], as_of: date) -> float:
    """The agreed reading on a date, or the mean of the partners' readings when none was agreed."""
    on_date = [r for r in readings if r.as_of == as_of]
    agreed = [r.value for r in on_date if r.reported_by is None]
    values = agreed or [r.value for r in on_date]
    return sum(values) / len(values)


def _progress(
    target: Target, readings: list[TargetReading], today: date, margin: float, gap_days: int
) -> list[CheckFinding]:
    if not readings:
        started = target.baseline_date is not None and (today - target.baseline_date).days > gap_days
        return [
            CheckFinding(
                CHECK,
                "monitoring-evaluation",
                Severity.MEDIUM if started else Severity.INFO,
                f"Target {target.reference} “{target.title}” has no readings yet.",
                [_target_ref(target)],
                rule="targets.no-readings",
            )
        ]
    findings: list[CheckFinding] = []
    dates = sorted({r.as_of for r in readings})
    latest = dates[-1]
    if (today - latest).days > gap_days:
        findings.append(
            CheckFinding(
                CHECK,
                "monitoring-evaluation",
                Severity.LOW,
                f"Target {target.reference} “{target.title}” was last read on {long_date(latest)}, "
                f"more than {gap_days} days ago.",
                [_target_ref(target)],
                rule="targets.stale",
            )
        )
    value = _headline(readings, latest)
    shortfall = _shortfall(target, value, latest, margin)
    if shortfall is not None and shortfall > 0:
        expected = expected_on_path(target, latest)
        previous_behind = len(dates) > 1 and (
            (earlier := _shortfall(target, _headline(readings, dates[-2]), dates[-2], margin)) is not None
            and earlier > 0
        )
        unit = "" if not target.unit else target.unit if target.unit == "%" else f" {target.unit}"
        findings.append(
            CheckFinding(
                CHECK,
                "monitoring-evaluation",
                Severity.HIGH if previous_behind else Severity.MEDIUM,
                f"Target {target.reference} “{target.title}” is off track: {_show(value)}{unit} on "
                f"{long_date(latest)} against {_show(expected)}{unit} expected on the straight line from "
                f"the baseline to the target"
                + (", and the reading before was behind too." if previous_behind else "."),
                [_target_ref(target)] + [_reading_ref(r) for r in readings if r.as_of == latest],
                rule="targets.off-track",
            )
        )
    return findings


def _divergence(target: Target, readings: list[TargetReading], tolerance: float) -> list[CheckFinding]:
    findings: list[CheckFinding] = []
    for as_of in sorted({r.as_of for r in readings}):
        on_date = [r for r in readings if r.as_of == as_of]
        if len(on_date) < 2:
            continue
        values = [r.value for r in on_date]
        if max(values) - min(values) <= tolerance:
            continue
        reports = "; ".join(f"{r.reported_by or 'agreed'}: {_show(r.value)}" for r in on_date)
        findings.append(
            CheckFinding(
                CHECK,
                "monitoring-evaluation",
                Severity.MEDIUM,
                f"Partners report target {target.reference} “{target.title}” differently for "
                f"{long_date(as_of)} ({reports}). Agree one figure and how it is counted.",
                [_reading_ref(r) for r in on_date],
                rule="targets.partners-disagree",
            )
        )
    return findings


def check_targets(
    records: TargetRecords,
    *,
    today: date,
    off_track_margin: float = 0.1,
    divergence_tolerance: float = 0.0,
    reading_gap_days: int = 183,
) -> list[CheckFinding]:
    """Find targets missing an accountability minimum, off track, unread, or read differently
    by different partners.

    - `off_track_margin` (default 0.1): how far behind the straight-line path a reading may be,
      as a share of the whole planned change, before the target is off track. A target whose
      polarity is missing takes it from the direction of baseline to target.
    - `divergence_tolerance` (default 0.0): readings of the same target on the same date that
      differ by more than this are a disagreement.
    - `reading_gap_days` (default 183): a target whose latest reading is older than this, or
      which has had no reading this long after its baseline date, is not being monitored.
    """
    findings: list[CheckFinding] = []
    for target in records.targets:
        readings = records.readings_of(target.reference)
        findings += _missing_fields(target)
        findings += _progress(target, readings, today, off_track_margin, reading_gap_days)
        findings += _divergence(target, readings, divergence_tolerance)
    return findings
