"""The rules a target and a reading must meet to be recorded, and the sheet reader applying them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.checks.record_rules import reading_problems, target_problems
from joinedup.checks.records import Polarity, Target
from joinedup.io.structure_sheets import StructureImportFailed, parse_targets
from joinedup.io.tables import Table

TODAY = date(2026, 6, 1)
ATTENDANCE = Target(
    "T1",
    "School attendance",
    unit="%",
    polarity=Polarity.HIGHER_IS_BETTER,
    baseline=88.0,
    baseline_date=date(2025, 4, 1),
    target_value=93.0,
    target_date=date(2027, 3, 31),
)
REFERRALS = Target(
    "T2",
    "Re-referrals",
    unit="children",
    polarity=Polarity.LOWER_IS_BETTER,
    baseline=240.0,
    baseline_date=date(2025, 4, 1),
    target_value=180.0,
    target_date=date(2027, 3, 31),
)


def _fields(problems):
    return [problem.field for problem in problems]


def test_sound_targets_and_readings_pass():
    assert target_problems(ATTENDANCE) == target_problems(REFERRALS) == []
    assert reading_problems(ATTENDANCE, date(2025, 4, 1), 0.0, today=TODAY) == []
    assert reading_problems(ATTENDANCE, TODAY, 100.0, today=TODAY) == []
    assert reading_problems(REFERRALS, date(2026, 1, 1), 0.0, today=TODAY) == []


def test_lower_is_better_with_a_target_above_the_baseline_is_refused():
    problems = target_problems(
        Target("T", "x", polarity=Polarity.LOWER_IS_BETTER, baseline=18, target_value=24)
    )
    assert _fields(problems) == ["target_value"]
    assert problems[0].message == (
        "Lower is better for this target, so the target value must be below the baseline of 18"
    )


@pytest.mark.parametrize("polarity", list(Polarity))
def test_a_target_equal_to_its_baseline_is_refused_either_way(polarity):
    assert _fields(target_problems(Target("T", "x", polarity=polarity, baseline=5, target_value=5))) == [
        "target_value"
    ]


def test_higher_is_better_with_a_target_below_the_baseline_is_refused():
    problems = target_problems(
        Target("T", "x", polarity=Polarity.HIGHER_IS_BETTER, baseline=50, target_value=40)
    )
    assert "must be above the baseline of 50" in problems[0].message


def test_direction_is_not_judged_without_a_polarity_or_either_figure():
    assert target_problems(Target("T", "x", baseline=18, target_value=24)) == []
    assert target_problems(Target("T", "x", polarity=Polarity.LOWER_IS_BETTER, target_value=24)) == []


def test_target_date_must_follow_the_baseline_date():
    same_day = Target("T", "x", baseline_date=date(2025, 1, 1), target_date=date(2025, 1, 1))
    assert _fields(target_problems(same_day)) == ["target_date"]


@given(
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False),
    st.sampled_from(["%", " Per cent", "percentage"]),
)
def test_percentages_are_between_0_and_100(value, unit):
    target = Target("T", "x", unit=unit, baseline=value, target_value=value, baseline_date=date(2025, 1, 1))
    inside = 0 <= value <= 100
    assert ("baseline" not in _fields(target_problems(target))) is inside
    assert ("target_value" not in _fields(target_problems(target))) is inside
    assert (reading_problems(target, date(2025, 6, 1), value, today=TODAY) == []) is inside


def test_reading_dates_lie_between_the_baseline_date_and_today():
    before = reading_problems(ATTENDANCE, date(2025, 3, 31), 90, today=TODAY)
    assert [(p.field, p.message) for p in before] == [
        ("as_of", "The date of the reading must be on or after the target's baseline date, 1 April 2025")
    ]
    future = reading_problems(ATTENDANCE, date(2026, 6, 2), 90, today=TODAY)
    assert [(p.field, p.message) for p in future] == [
        ("as_of", "The date of the reading must be today or in the past")
    ]
    assert reading_problems(ATTENDANCE, date(2030, 1, 1), 90, today=None) == []


def test_a_negative_reading_is_refused_unless_the_target_itself_goes_below_zero():
    assert _fields(reading_problems(REFERRALS, TODAY, -5, today=TODAY)) == ["value"]
    change = Target("T", "Change in rate", baseline=2.0, target_value=-1.0)
    assert reading_problems(change, TODAY, -5, today=TODAY) == []


def test_a_percentage_reading_of_minus_5_is_refused():
    assert [p.message for p in reading_problems(ATTENDANCE, TODAY, -5, today=TODAY)] == [
        "The value is a percentage, so it must be between 0 and 100"
    ]


# --- the sheet reader applies the same rules ------------------------------------------------

TARGET_HEADER = [
    "reference",
    "title",
    "unit",
    "polarity",
    "baseline",
    "baseline_date",
    "target",
    "target_date",
]


def _table(name, header, rows):
    return Table(name, tuple(header), 1, [list(row) for row in rows], list(range(2, len(rows) + 2)))


def _targets(*rows):
    return _table("targets.csv", TARGET_HEADER, rows)


def _readings(*rows):
    return _table("readings.csv", ["target", "as_of", "value"], rows)


SOUND = ("T1", "Attendance", "%", "higher", "88", "2025-04-01", "93", "2027-03-31")


def _refusals(targets, readings=None):
    with pytest.raises(StructureImportFailed) as failure:
        parse_targets(targets, readings, today=TODAY)
    return [(e.row, e.column, e.reason) for e in failure.value.errors]


def test_the_sheet_reader_accepts_sound_rows():
    read = parse_targets(_targets(SOUND), _readings(("T1", "2026-05-01", "90")), today=TODAY)
    assert [r.value for r in read.readings] == [90.0]


def test_the_sheet_reader_refuses_a_lower_is_better_target_above_its_baseline_with_row_and_column():
    wrong = ("T2", "Re-referrals", "", "lower", "18", "2025-04-01", "24", "2027-03-31")
    assert _refusals(_targets(SOUND, wrong)) == [
        (3, "target", "Lower is better for this target, so the target value must be below the baseline of 18")
    ]


def test_the_sheet_reader_refuses_readings_as_the_form_does():
    readings = _readings(
        ("T1", "2026-06-02", "90"),
        ("T1", "2025-03-01", "90"),
        ("T1", "2026-01-01", "-5"),
        ("T1", "2026-02-01", "91"),
    )
    assert [(row, column) for row, column, _ in _refusals(_targets(SOUND), readings)] == [
        (2, "as_of"),
        (3, "as_of"),
        (4, "value"),
    ]


def test_the_sheet_reader_refuses_a_percentage_baseline_over_100():
    wrong = ("T1", "Attendance", "%", "", "140", "", "", "")
    assert _refusals(_targets(wrong)) == [
        (2, "baseline", "The baseline is a percentage, so it must be between 0 and 100")
    ]
