"""Pooling 10,000 learning records: the whole `joinedup learning pool` process, cold.

The target (issue 17): under 2 s for 10,000 records in the CLI. Timed as the analyst feels it:
a fresh `.venv/bin/joinedup learning pool ... --format json -o FILE` process (interpreter start,
imports, reading and checking every record, pooling, writing), median of `--repeats` runs, wall
and CPU (user + system) time with the load average before and after (on a shared machine the
wall clock also counts waiting for a core). Two layouts: one file per record (10,000 files) and
one file holding all records as a list.

Beside it, a naive reference in this process: plain loops that pass over every record once for
each factor and once for each intervention (no checking, no practice comparison), as a first
version would. Its result is
compared with the real one so that the speed is not bought with a different answer.

Run: `.venv/bin/python benchmarks/learning_pool.py` (`--records N`, `--repeats N`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.learning.pool import MIN_PARTNERSHIPS, pool_records
from joinedup.learning.synthetic import synthetic_records

BIN = Path(sys.executable).parent / "joinedup"
ROUNDS = 5


def _whole_process(args: list[str], repeats: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(BIN), *args], check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _naive_quartiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    last = len(ordered) - 1
    result = []
    for share in (0.25, 0.5, 0.75):
        position = share * last
        low = int(position)
        high = min(low + 1, last)
        result.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    return result[0], result[1], result[2]


def naive_pool(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The same benchmarks and adoption counts by plain loops: one pass over every record for each
    factor, and one for each (intervention, factor) pair, as a first version would."""
    benchmarks: dict[str, Any] = {}
    for factor_id in sorted(FACTOR_IDS):
        latest: dict[str, tuple[str, float]] = {}
        for record in records:
            if factor_id in record["factors"]:
                kept = latest.get(record["contributor"])
                if kept is None or record["month"] >= kept[0]:
                    latest[record["contributor"]] = (record["month"], record["factors"][factor_id]["mean"])
        values = [mean for _, mean in latest.values()]
        if len(values) >= MIN_PARTNERSHIPS:
            p25, p50, p75 = _naive_quartiles(values)
            benchmarks[factor_id] = {
                "partnerships": len(values),
                "p25": round(p25, 1) + 0.0,
                "p50": round(p50, 1) + 0.0,
                "p75": round(p75, 1) + 0.0,
            }
    pairs = sorted(
        {
            (a["intervention"], a["factor"])
            for r in records
            for a in r["actions"]
            if a["intervention"] and a["factor"]
        }
    )
    adopted_counts = {}
    for intervention, factor_id in pairs:
        adopters = set()
        for record in records:
            for action in record["actions"]:
                if (
                    (action["intervention"], action["factor"]) == (intervention, factor_id)
                    and action["status"] in ("in-progress", "done")
                    and action["change"] is not None
                ):
                    adopters.add(record["contributor"])
        if len(adopters) >= MIN_PARTNERSHIPS:
            adopted_counts[(intervention, factor_id)] = len(adopters)
    return {"benchmarks": benchmarks, "adopted": adopted_counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    records = synthetic_records(options.records // ROUNDS, seed=17, rounds=ROUNDS, adopt_share=0.3)
    print(f"{len(records):,} records from {len(records) // ROUNDS:,} partnerships, {ROUNDS} rounds each")
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "each").mkdir()
        files = []
        for index, record in enumerate(records):
            path = base / "each" / f"r{index:05d}.json"
            path.write_text(json.dumps(record), encoding="utf-8")
            files.append(str(path))
        (base / "all.json").write_text(json.dumps(records), encoding="utf-8")
        out = str(base / "pooled.json")
        for label, inputs in (
            (f"{len(files):,} files", files),
            ("one file, a list", [str(base / "all.json")]),
        ):
            wall, cpu = _whole_process(
                ["learning", "pool", *inputs, "--format", "json", "-o", out], options.repeats
            )
            print(f"joinedup learning pool, {label}: {wall:.2f} s wall, {cpu:.2f} s CPU (target: under 2 s)")
        pooled = json.loads(Path(out).read_text(encoding="utf-8"))
    start = time.process_time()
    core = pool_records(records)
    core_cpu = time.process_time() - start
    start = time.process_time()
    naive = naive_pool(records)
    naive_cpu = time.process_time() - start
    print(f"in process, pool_records alone (records checked): {core_cpu:.2f} s CPU")
    print(f"in process, naive pure-Python loops (not checked): {naive_cpu:.2f} s CPU")
    same = naive["benchmarks"] == core["benchmarks"] == pooled["benchmarks"] and naive["adopted"] == {
        (e["intervention"], e["factor"]): e["adopted"] for e in core["practice"]
    }
    print(f"same benchmarks and adoption counts as the naive loop: {same}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()
