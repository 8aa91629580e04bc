"""Pooling learning records from many partnerships: benchmarks and practice evidence.

Every pooled figure describes at least `MIN_PARTNERSHIPS` partnerships, counted by contributor
key (a partnership that sends several rounds counts once). Two further rules stop a figure
giving one partnership away:

- **Benchmarks** publish the lower quartile, median and upper quartile of partnerships' means,
  never the minimum or maximum, each rounded to `POOLED_PRECISION` (one decimal). Each is a
  smoothed quartile: the mean of the `QUARTILE_WINDOW` partnerships' means nearest the quartile's
  position, so no published figure rests on one partnership and moving one partnership's mean
  by d moves any quartile by at most d/3. Rounding cannot, on its own, stop someone who knows
  every other record from narrowing a new one where two quartiles' rounding edges meet near it;
  the web hub therefore publishes only when at least five partnerships' records have changed.
- **Practice evidence** publishes, per intervention and factor, how many partnerships adopted it
  (action in progress or done), in how many the factor rose beyond its interval (the change's
  95% interval lies above zero), and the median change, rounded the same way, beside the median
  change expected for the same baselines among partnerships that did not adopt it.

The comparison allows for regression to the mean: a partnership that starts low tends to rise
whatever it does, and those are the partnerships most likely to act. So the change of every
non-adopter is regressed on its baseline mean (ordinary least squares), and the comparison is
the median of that line's prediction at the adopters' own baselines: what partnerships like the
adopters did without the intervention. `docs/learning.md` says why this method and not matching.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from joinedup.learning.record import validate_learning_record

MIN_PARTNERSHIPS: Final = 5
"""No pooled figure describes fewer partnerships than this (the project's minimum group)."""
POOLED_PRECISION: Final = 1
"""Decimals of every pooled figure; coarser than a record's, so differencing cannot recover one."""
QUARTILE_WINDOW: Final = 3
"""Partnerships' means averaged into each published quartile (at most MIN_PARTNERSHIPS)."""
ADOPTED_STATUSES: Final = frozenset({"in-progress", "done"})
"""Statuses that count as having adopted an intervention; not-started and dropped do not."""
PRACTICE_METHOD: Final = "baseline-adjusted: change regressed on baseline among non-adopters"
PRACTICE_CAVEAT: Final = (
    "Practice-based evidence is observational, not proof: partnerships chose their actions, "
    "other things changed at the same time, and the comparison only allows for where each "
    "partnership started."
)


class LearningRecordsRefused(ValueError):
    """Some records broke the rules; `errors` names each record and problem. Nothing was pooled."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} problem(s) in the learning records:\n" + "\n".join(errors))
        self.errors = errors


def _rounded(value: float) -> float:
    return round(value, POOLED_PRECISION) + 0.0


def check_records(records: Sequence[Mapping[str, Any]], labels: Sequence[str] | None = None) -> None:
    """Raise LearningRecordsRefused listing every problem in every record (labels name them)."""
    errors: list[str] = []
    for index, record in enumerate(records):
        label = labels[index] if labels is not None else f"record {index + 1}"
        errors.extend(f"{label}: {problem}" for problem in validate_learning_record(record))
    if errors:
        raise LearningRecordsRefused(errors)


def _latest_by_contributor(records: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    """Each contributor's records, latest month last (a month sent twice keeps the later copy)."""
    by_month: dict[str, dict[str, Mapping[str, Any]]] = {}
    for record in records:
        by_month.setdefault(record["contributor"], {})[record["month"]] = record
    return {key: [months[m] for m in sorted(months)] for key, months in by_month.items()}


def smoothed_quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Lower quartile, median and upper quartile, each the mean of the nearest window of values.

    Plain order statistics would publish one partnership's own mean whenever a quartile falls
    on it; averaging the `QUARTILE_WINDOW` means nearest each quartile's position keeps every
    figure a blend of several partnerships. Needs at least `QUARTILE_WINDOW` values.
    """
    ordered = sorted(values)
    last = len(ordered) - 1
    if last + 1 < QUARTILE_WINDOW:
        raise ValueError(f"smoothed quartiles need at least {QUARTILE_WINDOW} values")
    quartiles = []
    for q in (0.25, 0.5, 0.75):
        centre = round(last * q)
        start = min(max(centre - QUARTILE_WINDOW // 2, 0), last + 1 - QUARTILE_WINDOW)
        window = ordered[start : start + QUARTILE_WINDOW]
        quartiles.append(sum(window) / QUARTILE_WINDOW)
    p25, p50, p75 = quartiles
    return p25, p50, p75


def _benchmarks(contributors: Mapping[str, list[Mapping[str, Any]]]) -> dict[str, dict[str, Any]]:
    means: dict[str, list[float]] = {}
    for history in contributors.values():
        latest: dict[str, float] = {}
        for record in history:
            for factor_id, figures in record["factors"].items():
                latest[factor_id] = figures["mean"]
        for factor_id, mean in latest.items():
            means.setdefault(factor_id, []).append(mean)
    pooled: dict[str, dict[str, Any]] = {}
    for factor_id in sorted(means):
        values = means[factor_id]
        if len(values) < MIN_PARTNERSHIPS:
            continue
        p25, p50, p75 = smoothed_quartiles(values)
        pooled[factor_id] = {
            "partnerships": len(values),
            "p25": _rounded(p25),
            "p50": _rounded(p50),
            "p75": _rounded(p75),
        }
    return pooled


_Outcome = tuple[float, float, bool]
"""One partnership's factor: its baseline mean, its change to the next round, and whether the
change's interval lies above zero. Plain tuples: pooling makes one per partnership and factor."""


def _outcome(figures: Mapping[str, Any]) -> _Outcome:
    return (figures["mean"], figures["change"], figures["change_interval"][0] > 0)


@dataclass
class _Adoptions:
    """`adopted`: per (intervention, factor), each adopter's latest measured change after adopting
    it. `ever`: per intervention, every contributor that adopted it, measured or not (none of them
    is a comparison partnership for it)."""

    adopted: dict[tuple[str, str], dict[str, _Outcome]]
    ever: dict[str, set[str]]


def _adoptions(contributors: Mapping[str, list[Mapping[str, Any]]]) -> _Adoptions:
    adopted: dict[tuple[str, str], dict[str, _Outcome]] = {}
    ever: dict[str, set[str]] = {}
    for key, history in contributors.items():
        for record in history:
            for action in record["actions"]:
                factor_id, intervention = action["factor"], action["intervention"]
                if intervention is None or factor_id is None or action["status"] not in ADOPTED_STATUSES:
                    continue
                ever.setdefault(intervention, set()).add(key)
                adopters = adopted.setdefault((intervention, factor_id), {})
                figures = record["factors"].get(factor_id)
                if figures is not None and figures["change"] is not None:
                    adopters[key] = _outcome(figures)
    return _Adoptions(adopted, ever)


def _latest_changes(contributors: Mapping[str, list[Mapping[str, Any]]]) -> dict[str, dict[str, _Outcome]]:
    """Per factor, each contributor's latest measured change of it: one pass over every record
    for all factors, not one per factor."""
    latest: dict[str, dict[str, _Outcome]] = {}
    for key, history in contributors.items():
        seen: set[str] = set()
        for record in reversed(history):
            for factor_id, figures in record["factors"].items():
                if factor_id not in seen and figures["change"] is not None:
                    seen.add(factor_id)
                    latest.setdefault(factor_id, {})[key] = _outcome(figures)
    return latest


def _comparison(adopters: Sequence[_Outcome], others: Sequence[_Outcome]) -> float:
    """Median change predicted at the adopters' baselines by non-adopters' change-on-baseline line."""
    xs = [o[0] for o in others]
    ys = [o[1] for o in others]
    x_mean, y_mean = statistics.fmean(xs), statistics.fmean(ys)
    spread = sum((x - x_mean) ** 2 for x in xs)
    slope = (
        0.0 if spread == 0 else sum((x - x_mean) * (y - y_mean) for x, y in zip(xs, ys, strict=True)) / spread
    )
    return statistics.median(y_mean + slope * (o[0] - x_mean) for o in adopters)


def _practice(contributors: Mapping[str, list[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    found = _adoptions(contributors)
    changes = _latest_changes(contributors)
    entries: list[dict[str, Any]] = []
    for (intervention, factor_id), adopters in sorted(found.adopted.items()):
        if len(adopters) < MIN_PARTNERSHIPS:
            continue
        ever_adopted = found.ever[intervention]
        others = [o for key, o in changes.get(factor_id, {}).items() if key not in ever_adopted]
        outcomes = list(adopters.values())
        comparable = len(others) >= MIN_PARTNERSHIPS
        entries.append(
            {
                "intervention": intervention,
                "factor": factor_id,
                "adopted": len(outcomes),
                "improved": sum(o[2] for o in outcomes),
                "median_change": _rounded(statistics.median(o[1] for o in outcomes)),
                "comparison_median_change": _rounded(_comparison(outcomes, others)) if comparable else None,
                "comparison_partnerships": len(others) if comparable else None,
                "method": PRACTICE_METHOD,
                "caveat": PRACTICE_CAVEAT,
            }
        )
    return entries


def pool_records(records: Sequence[Mapping[str, Any]], *, checked: bool = False) -> dict[str, Any]:
    """Benchmarks and practice evidence from learning records of many partnerships.

    Returns {"benchmarks": {factor: {"partnerships", "p25", "p50", "p75"}}, "practice": [{
    "intervention", "factor", "adopted", "improved", "median_change", "comparison_median_change",
    "comparison_partnerships", "method", "caveat"}]}; a factor or intervention from fewer than
    `MIN_PARTNERSHIPS` partnerships is absent, and the comparison is null when fewer than that
    many comparable partnerships did not adopt it. Raises LearningRecordsRefused (nothing
    pooled) when any record breaks the record rules; `checked=True` skips that check for records
    the caller has just checked (as `files.read_record_files` does).
    """
    if not checked:
        check_records(records)
    contributors = _latest_by_contributor(records)
    return {"benchmarks": _benchmarks(contributors), "practice": _practice(contributors)}


def position(pooled: Mapping[str, Any], factor: str, mean: float) -> str:
    """Where a partnership's mean stands among the pooled partnerships, in quartile words.

    Empty when the factor has no benchmark (fewer than the minimum partnerships).
    """
    benchmark = pooled.get("benchmarks", {}).get(factor)
    if benchmark is None:
        return ""
    if mean < benchmark["p25"]:
        return "in the lowest quarter of partnerships"
    if mean < benchmark["p50"]:
        return "below the median, above the lowest quarter"
    if mean <= benchmark["p75"]:
        return "above the median, below the highest quarter"
    return "in the highest quarter of partnerships"


def _signed(value: float) -> str:
    return f"{value:+.{POOLED_PRECISION}f}".replace("-", "\N{MINUS SIGN}")


def practice_sentence(entry: Mapping[str, Any]) -> str:
    """The practice evidence of one entry in words, e.g. "Adopted by 14 partnerships; the factor
    rose in 9; median change +0.4 against +0.1 in comparable partnerships that did not adopt it."
    """
    adopted, improved = entry["adopted"], entry["improved"]
    sentence = (
        f"Adopted by {adopted} partnerships; the factor rose in {improved}; "
        f"median change {_signed(entry['median_change'])}"
    )
    comparison = entry.get("comparison_median_change")
    if comparison is None:
        return sentence + " (too few comparable partnerships that did not adopt it to compare)."
    return sentence + f" against {_signed(comparison)} in comparable partnerships that did not adopt it."


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def validate_pooled(obj: object) -> list[str]:
    """Every way `obj` is not pooled results fit to show beside the literature; [] when sound.

    Pooled results may come from another deployment as a file, so the minimum is checked again
    here: a benchmark or practice entry from fewer than `MIN_PARTNERSHIPS` partnerships is an
    error, not something to show with a warning.
    """
    if not isinstance(obj, Mapping) or set(obj) != {"benchmarks", "practice"}:
        return ["pooled results: must be an object with exactly benchmarks and practice"]
    errors: list[str] = []
    benchmarks, practice = obj["benchmarks"], obj["practice"]
    if not isinstance(benchmarks, Mapping):
        errors.append("benchmarks: must be an object keyed by factor id")
    else:
        for factor_id, benchmark in benchmarks.items():
            fields = ("partnerships", "p25", "p50", "p75")
            if not isinstance(benchmark, Mapping) or set(benchmark) != set(fields):
                errors.append(f"benchmarks.{factor_id}: must hold exactly {', '.join(fields)}")
            elif not _count(benchmark["partnerships"]) or benchmark["partnerships"] < MIN_PARTNERSHIPS:
                errors.append(f"benchmarks.{factor_id}.partnerships: fewer than {MIN_PARTNERSHIPS}")
    if not isinstance(practice, list):
        return [*errors, "practice: must be a list"]
    needed = {"intervention", "factor", "adopted", "improved", "median_change", "comparison_median_change"}
    for index, entry in enumerate(practice):
        where = f"practice[{index}]"
        if not isinstance(entry, Mapping) or not needed <= set(entry):
            errors.append(f"{where}: must hold at least {', '.join(sorted(needed))}")
        elif not _count(entry["adopted"]) or entry["adopted"] < MIN_PARTNERSHIPS:
            errors.append(f"{where}.adopted: fewer than {MIN_PARTNERSHIPS} partnerships")
        elif not _count(entry["improved"]) or entry["improved"] > entry["adopted"]:
            errors.append(f"{where}.improved: must be a count no larger than adopted")
        elif not isinstance(entry["median_change"], int | float) or isinstance(entry["median_change"], bool):
            errors.append(f"{where}.median_change: must be a number")
    return errors


def practice_by_action(pooled: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    """Practice entries by (intervention, factor), only those from at least the minimum."""
    return {
        (entry["intervention"], entry["factor"]): entry
        for entry in pooled.get("practice", [])
        if entry["adopted"] >= MIN_PARTNERSHIPS
    }
