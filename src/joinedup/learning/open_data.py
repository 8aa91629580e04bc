"""The open data file: pooled learning results as CSV and JSON with a data dictionary.

Only the output of `pool.pool_records` goes in, so the files inherit its rules: every row
describes at least five partnerships, quartiles and medians are rounded to one decimal, and no
minimum, maximum, lesson or single record is included. Researchers get the same figures the hub
shows, in forms their tools read. CSV cells a spreadsheet could run as a formula are written as
text (`io.formulas`), though pooled ids are slugs and the rest numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any, Final

from joinedup.io.formulas import protect_row
from joinedup.learning.pool import MIN_PARTNERSHIPS, POOLED_PRECISION, PRACTICE_CAVEAT, PRACTICE_METHOD

BENCHMARK_COLUMNS: Final = ("factor", "partnerships", "p25", "p50", "p75")
PRACTICE_COLUMNS: Final = (
    "intervention",
    "factor",
    "adopted",
    "improved",
    "median_change",
    "comparison_median_change",
    "comparison_partnerships",
    "method",
)

DICTIONARY: Final[tuple[tuple[str, str, str], ...]] = (
    ("benchmarks.csv", "factor", "The factor id (see the factors list of the joinedup evidence base)."),
    (
        "benchmarks.csv",
        "partnerships",
        f"Partnerships whose latest record reports the factor; at least {MIN_PARTNERSHIPS}.",
    ),
    (
        "benchmarks.csv",
        "p25",
        f"Lower quartile of the partnerships' factor means (1-5 scale), {POOLED_PRECISION} decimal.",
    ),
    ("benchmarks.csv", "p50", f"Median of the partnerships' factor means, {POOLED_PRECISION} decimal."),
    (
        "benchmarks.csv",
        "p75",
        f"Upper quartile of the partnerships' factor means, {POOLED_PRECISION} decimal.",
    ),
    ("practice.csv", "intervention", "The evidence base's intervention id the actions were accepted from."),
    ("practice.csv", "factor", "The factor the actions addressed."),
    (
        "practice.csv",
        "adopted",
        "Partnerships that adopted it (in progress or done) and measured the factor again; "
        f"at least {MIN_PARTNERSHIPS}.",
    ),
    (
        "practice.csv",
        "improved",
        "Of those, partnerships whose factor rose beyond its interval (95% interval of the change above 0).",
    ),
    ("practice.csv", "median_change", "Median change of the factor mean to the next round among adopters."),
    (
        "practice.csv",
        "comparison_median_change",
        "Median change expected at the adopters' baselines among partnerships that did not adopt it; "
        f"empty when fewer than {MIN_PARTNERSHIPS} did not.",
    ),
    (
        "practice.csv",
        "comparison_partnerships",
        "Partnerships that did not adopt it and measured the factor again.",
    ),
    ("practice.csv", "method", f"How the comparison was made: {PRACTICE_METHOD}."),
)


def _csv(columns: tuple[str, ...], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(protect_row("" if value is None else value for value in row) for row in rows)
    return out.getvalue()


def benchmarks_csv(pooled: Mapping[str, Any]) -> str:
    """One row per factor with a benchmark."""
    rows = [[factor, *(b[c] for c in BENCHMARK_COLUMNS[1:])] for factor, b in pooled["benchmarks"].items()]
    return _csv(BENCHMARK_COLUMNS, rows)


def practice_csv(pooled: Mapping[str, Any]) -> str:
    """One row per intervention and factor with practice evidence."""
    rows = [[entry.get(c) for c in PRACTICE_COLUMNS] for entry in pooled["practice"]]
    return _csv(PRACTICE_COLUMNS, rows)


def data_dictionary(pooled: Mapping[str, Any]) -> str:
    """The data dictionary in Markdown: what each file and column means, and the rules."""
    lines = [
        "# joinedup pooled learning results: data dictionary",
        "",
        f"Every row describes at least {MIN_PARTNERSHIPS} partnerships, each counted once; figures are "
        f"rounded to {POOLED_PRECISION} decimal; no minimum, maximum, lesson or single partnership's "
        "record is included.",
        "",
        f"Caveat: {PRACTICE_CAVEAT}",
        "",
        f"This release: {len(pooled['benchmarks'])} factor benchmark(s), "
        f"{len(pooled['practice'])} practice row(s).",
        "",
        "| File | Column | Meaning |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {file} | {column} | {meaning} |" for file, column, meaning in DICTIONARY]
    lines += [
        "",
        "`pooled.json` holds the same figures as the two CSV files, with the caveat on each practice row.",
    ]
    return "\n".join(lines) + "\n"


def open_data_files(pooled: Mapping[str, Any]) -> dict[str, str]:
    """File name -> text of every file of the open data release."""
    return {
        "pooled.json": json.dumps(pooled, indent=2, ensure_ascii=False) + "\n",
        "benchmarks.csv": benchmarks_csv(pooled),
        "practice.csv": practice_csv(pooled),
        "data-dictionary.md": data_dictionary(pooled),
    }
