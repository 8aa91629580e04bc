from datetime import date, timedelta

import pytest

from joinedup.checks.records import Polarity, Target, TargetReading, TargetRecords
from joinedup.checks.targets import check_targets, expected_on_path

TODAY = date(2025, 6, 1)


def _target(**changes) -> Target:
    fields = dict(
        reference="T1",
        title="Early help assessments within 10 days",
        measure="share of assessments completed within 10 working days",
        unit="%",
        polarity=Polarity.HIGHER_IS_BETTER,
        baseline=40.0,
        baseline_date=date(2024, 1, 1),
        target_value=80.0,
        target_date=date(2026, 1, 1),
        owner="Social care",
        responsible_party="Early help board",
    )
    fields.update(changes)
    return Target(**fields)


def _rules(findings):
    return sorted(f.rule for f in findings)


def _check(target, *readings, **options):
    return check_targets(TargetRecords((target,), tuple(readings)), today=TODAY, **options)


def test_complete_target_on_track_raises_nothing():
    assert _check(_target(), TargetReading("T1", date(2025, 1, 1), 60.0)) == []


def test_missing_fields_are_listed_in_one_finding():
    findings = _check(_target(measure=None, baseline_date=None), TargetReading("T1", date(2025, 1, 1), 60.0))
    assert _rules(findings) == ["targets.missing-fields"]
    assert "measure" in findings[0].message and "baseline date" in findings[0].message
    assert findings[0].severity.value == "medium"


def test_missing_responsible_party_is_high_severity():
    findings = _check(_target(responsible_party=None), TargetReading("T1", date(2025, 1, 1), 60.0))
    assert [(f.rule, f.severity.value, f.factor) for f in findings] == [
        ("targets.missing-fields", "high", "accountability")
    ]


def test_target_with_no_readings_is_reported_and_not_judged_off_track():
    findings = _check(_target())
    assert _rules(findings) == ["targets.no-readings"]
    assert findings[0].severity.value == "medium"


def test_new_target_with_no_readings_is_only_information():
    findings = _check(_target(baseline_date=date(2025, 5, 1)))
    assert [(f.rule, f.severity.value) for f in findings] == [("targets.no-readings", "info")]


def test_straight_line_path():
    target = _target(target_date=date(2025, 12, 31))
    assert expected_on_path(target, date(2023, 1, 1)) == 40.0
    assert expected_on_path(target, date(2027, 1, 1)) == 80.0
    halfway = date(2024, 1, 1) + timedelta(days=365)
    assert expected_on_path(target, halfway) == pytest.approx(60.0)
    assert expected_on_path(_target(baseline=None), halfway) is None


def test_off_track_when_behind_the_path_by_more_than_the_margin():
    # Expected about 60 on 2025-01-01; a margin of 10% of the 40-point change allows 56.
    assert _check(_target(), TargetReading("T1", date(2025, 1, 1), 57.0)) == []
    findings = _check(_target(), TargetReading("T1", date(2025, 1, 1), 50.0))
    assert [(f.rule, f.severity.value, f.factor) for f in findings] == [
        ("targets.off-track", "medium", "monitoring-evaluation")
    ]


def test_two_readings_behind_in_a_row_is_high_severity():
    findings = _check(
        _target(), TargetReading("T1", date(2024, 7, 1), 41.0), TargetReading("T1", date(2025, 1, 1), 45.0)
    )
    assert [(f.rule, f.severity.value) for f in findings] == [("targets.off-track", "high")]


def test_lower_is_better_targets_are_behind_when_above_the_path():
    target = _target(polarity=Polarity.LOWER_IS_BETTER, baseline=30.0, target_value=10.0)
    assert _check(target, TargetReading("T1", date(2025, 1, 1), 19.0)) == []
    assert _rules(_check(target, TargetReading("T1", date(2025, 1, 1), 28.0))) == ["targets.off-track"]


def test_missing_polarity_is_taken_from_the_direction_of_change():
    target = _target(polarity=None, baseline=30.0, target_value=10.0)
    findings = _check(target, TargetReading("T1", date(2025, 1, 1), 28.0))
    assert _rules(findings) == ["targets.off-track"]


def test_partners_reporting_different_values_for_the_same_date():
    findings = _check(
        _target(),
        TargetReading("T1", date(2025, 1, 1), 61.0, reported_by="Health"),
        TargetReading("T1", date(2025, 1, 1), 65.0, reported_by="Social care"),
    )
    assert _rules(findings) == ["targets.partners-disagree"]
    assert {r["reported_by"] for r in findings[0].records} == {"Health", "Social care"}


def test_divergence_within_tolerance_is_accepted():
    readings = (
        TargetReading("T1", date(2025, 1, 1), 61.0, reported_by="Health"),
        TargetReading("T1", date(2025, 1, 1), 61.5, reported_by="Social care"),
    )
    assert _check(_target(), *readings, divergence_tolerance=1.0) == []


def test_the_agreed_reading_is_judged_rather_than_the_partners():
    findings = _check(
        _target(),
        TargetReading("T1", date(2025, 1, 1), 61.0),
        TargetReading("T1", date(2025, 1, 1), 30.0, reported_by="Police"),
    )
    assert _rules(findings) == ["targets.partners-disagree"]


def test_stale_readings():
    findings = _check(_target(), TargetReading("T1", date(2024, 6, 1), 50.0))
    assert _rules(findings) == ["targets.stale"]


def test_reading_for_an_unknown_target_is_refused():
    with pytest.raises(ValueError, match="unknown target"):
        TargetRecords((_target(),), (TargetReading("T9", TODAY, 1.0),))
