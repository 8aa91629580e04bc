"""How fast a large template file is read into a responses frame.

Prints the median of several runs of `read_responses` and of a naive reader (a
DictReader, every cell normalised and looked up, a frame built from row dicts), so the
ratio between them can be read off one run. Usage: python benchmarks/survey_import.py [ROWS]
"""

from __future__ import annotations

import csv
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from joinedup.instrument import Instrument, load_instrument
from joinedup.instrument.responses import ID_COLUMNS
from joinedup.io.survey_answers import answer_lookup, normalise_label
from joinedup.io.survey_export import write_template
from joinedup.io.survey_import import read_responses

RUNS = 3


def synthetic_frame(instrument: Instrument, rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    columns: dict[str, object] = {
        "partnership": ["Fife"] * rows,
        "round": ["2025"] * rows,
        "agency": rng.choice(["Education", "Health", "Police", "Social Work"], rows).tolist(),
        "role_group": rng.choice(["practitioner", "team-leader", "service-manager"], rows).tolist(),
    }
    for item_id in instrument.item_ids():
        columns[item_id] = rng.choice([1.0, 2.0, 3.0, 4.0, 5.0, 0.0, np.nan], rows)
    for column in instrument.comment_columns():
        columns[column] = pd.Series([None] * rows, dtype="str")
    return pd.DataFrame(columns)


def naive_read(path: Path, instrument: Instrument) -> pd.DataFrame:
    lookup = answer_lookup(instrument.scale)
    records = []
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            record: dict[str, object] = {column: row[column].strip() for column in ID_COLUMNS}
            for item_id in instrument.item_ids():
                cell = normalise_label(row[item_id])
                record[item_id] = lookup[cell] if cell else np.nan
            records.append(record)
    return pd.DataFrame(records)


def median_seconds(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    instrument = load_instrument()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "responses.csv"
        write_template(path, instrument, synthetic_frame(instrument, rows))
        real = median_seconds(lambda: read_responses(path, instrument))
        naive = median_seconds(lambda: naive_read(path, instrument))
    print(f"rows: {rows}, items: {len(instrument.items)}, median of {RUNS} runs")
    print(f"read_responses: {real:.2f} s ({rows / real:,.0f} responses/s)")
    print(f"naive reader:   {naive:.2f} s ({rows / naive:,.0f} responses/s)")
    print(f"naive / read_responses: {naive / real:.2f}")


if __name__ == "__main__":
    main()
