"""How long the analyst waits for a `joinedup` command, start-up included.

Whole-process times are what the analyst feels: a fresh `.venv/bin/joinedup` process per run (a
cold shell: nothing imported yet), the median of 5. Beside each is the in-process time of the same
command run through Typer's test runner after a warm-up, so the gap is what start-up costs
(interpreter, imports, data loaded at import). The targets (issue 13):

- `joinedup --help` under 0.3 s;
- `joinedup report --format html` for a 500-respondent round under 1.5 s, `--format pdf` under 4 s;
- `joinedup analyse` of 1,000,000 responses under 3 s.

The load average is printed before and after: on a shared 2-core machine the wall clock also
counts time spent waiting for a core. Building the data (synth) is not timed.

Run: `.venv/bin/python benchmarks/cold_start.py` (`--responses N` for a smaller analyse file,
`--repeats N`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent / "joinedup"


def _whole_process(args: list[str], repeats: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) time of a fresh `joinedup` process running the command.

    The CPU time is what the wall time would be on an idle machine, less any waiting on the disk."""
    walls, cpus = [], []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([str(BIN), *args], check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def _in_process(args: list[str], repeats: int) -> float:
    """Median wall time of the command in this process once its imports are warm."""
    from typer.testing import CliRunner

    from joinedup.cli import app

    runner = CliRunner()
    runner.invoke(app, args)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = runner.invoke(app, args)
        times.append(time.perf_counter() - start)
        if result.exit_code != 0:
            raise RuntimeError(f"joinedup {' '.join(args)} failed: {result.output}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", type=int, default=1_000_000, help="responses in the analyse file")
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        round_file = folder / "round.csv"
        big_file = folder / "big.parquet"
        subprocess.run(
            [
                str(BIN),
                "synth",
                "--out",
                str(round_file),
                "--responses",
                "1000",
                "--partnerships",
                "1",
                "--rounds",
                "2",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [
                str(BIN),
                "synth",
                "--out",
                str(big_file),
                "--responses",
                str(options.responses),
                "--partnerships",
                "32",
                "--rounds",
                "4",
            ],
            check=True,
            capture_output=True,
        )
        report = [
            str(round_file),
            "--partnership",
            "Partnership 01",
            "--round",
            "Round 2",
            "--today",
            "2026-03-31",
        ]
        cases = [
            ("joinedup --help", ["--help"], 0.3),
            (
                "report --format html (500 in the round)",
                ["report", *report, "--format", "html", "--out", str(folder / "r.html")],
                1.5,
            ),
            (
                "report --format pdf (500 in the round)",
                ["report", *report, "--format", "pdf", "--out", str(folder / "r.pdf")],
                4.0,
            ),
            (
                f"analyse ({options.responses:,} responses)",
                ["analyse", str(big_file), "--format", "json", "--out", str(folder / "a.json")],
                3.0,
            ),
        ]
        print(f"{'command':45} {'process wall':>13} {'process CPU':>12} {'in process':>11} {'target':>7}")
        for label, args, target in cases:
            whole, cpu = _whole_process(args, options.repeats)
            inside = _in_process(args, options.repeats)
            verdict = "ok" if whole < target else ("ok on CPU time" if cpu < target else "MISSED")
            print(f"{label:45} {whole:12.2f}s {cpu:11.2f}s {inside:10.2f}s {target:6.1f}s {verdict}")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
