"""What a target or a reading must mean to be recorded at all, whichever shell records it.

The checks report gaps in real plans (a target with no owner is a finding, not an error);
these rules refuse what cannot be true, because a slip stored as a record makes every check
that reads it wrong: a reading dated in the future or before the baseline, a percentage of
-5 or 140, a "lower is better" target set above its baseline. The web forms show each
problem beside its field; the sheet readers (`joinedup.io.structure_sheets`) report it with
its row and column. Both call the functions here, so a sheet and a form accept the same
records.

The rules:

- A target's unit is a percentage when it is "%", "percent", "per cent" or "percentage";
  then its baseline, target value and readings lie between 0 and 100.
- A target's date comes after its baseline date.
- With "higher is better" the target value is above the baseline; with "lower is better" it
  is below. A target equal to its baseline asks for no change and is refused either way.
- A reading is dated no later than today and no earlier than the target's baseline date.
- A reading is not negative unless the target's own baseline or target value is: a measure
  that can fall below zero (a change, a balance) shows it by its figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from joinedup.checks.records import Polarity, Target

PERCENT_UNITS = frozenset({"%", "percent", "per cent", "percentage", "percentage points"})


@dataclass(frozen=True)
class RecordProblem:
    """One rule a record breaks; `field` names the record's field, so a form can put the
    message beside the right input and a sheet reader beside the right column."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def is_percentage(unit: str | None) -> bool:
    return unit is not None and unit.strip().lower() in PERCENT_UNITS


def long_date(day: date) -> str:
    """A date as people write it in a sentence: 6 March 2027."""
    return f"{day.day} {day:%B %Y}"


def _percent_problem(field: str, what: str, value: float | None) -> list[RecordProblem]:
    if value is None or 0 <= value <= 100:
        return []
    return [RecordProblem(field, f"{what} is a percentage, so it must be between 0 and 100")]


def target_problems(target: Target) -> list[RecordProblem]:
    """Every rule the target breaks, as sentences; empty when it may be recorded."""
    problems: list[RecordProblem] = []
    if is_percentage(target.unit):
        problems += _percent_problem("baseline", "The baseline", target.baseline)
        problems += _percent_problem("target_value", "The target value", target.target_value)
    if target.baseline_date and target.target_date and target.target_date <= target.baseline_date:
        problems.append(RecordProblem("target_date", "The target date must be after the baseline date"))
    if target.polarity is not None and target.baseline is not None and target.target_value is not None:
        if target.polarity is Polarity.LOWER_IS_BETTER and target.target_value >= target.baseline:
            problems.append(
                RecordProblem(
                    "target_value",
                    f"Lower is better for this target, so the target value must be below the "
                    f"baseline of {target.baseline:g}",
                )
            )
        if target.polarity is Polarity.HIGHER_IS_BETTER and target.target_value <= target.baseline:
            problems.append(
                RecordProblem(
                    "target_value",
                    f"Higher is better for this target, so the target value must be above the "
                    f"baseline of {target.baseline:g}",
                )
            )
    return problems


def reading_problems(target: Target, as_of: date, value: float, *, today: date | None) -> list[RecordProblem]:
    """Every rule a reading of `target` breaks; `today` None leaves the future unchecked (a
    reader given no date to judge by)."""
    problems: list[RecordProblem] = []
    if today is not None and as_of > today:
        problems.append(RecordProblem("as_of", "The date of the reading must be today or in the past"))
    if target.baseline_date is not None and as_of < target.baseline_date:
        problems.append(
            RecordProblem(
                "as_of",
                f"The date of the reading must be on or after the target's baseline date, "
                f"{long_date(target.baseline_date)}",
            )
        )
    if is_percentage(target.unit):
        problems += _percent_problem("value", "The value", value)
    elif value < 0 and not any(v is not None and v < 0 for v in (target.baseline, target.target_value)):
        problems.append(RecordProblem("value", "The value must be 0 or more"))
    return problems
