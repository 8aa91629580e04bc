"""Time and memory to refuse the hostile files of issue 11, each in a fresh interpreter.

Usage: .venv/bin/python benchmarks/hostile_inputs.py

For each file the child process imports the readers, notes its resident memory, then reads the
file and reports how long the refusal took and how far the process's peak resident memory rose
above the baseline (the whole process, Rust and C allocations included, not only Python's).
Before the guards these files took a worker to 512 GiB (abort), 7 GB, 7.7 GB and 9 minutes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.io import hostile_files as hostile  # noqa: E402

CASES = {
    "XLSX with a cell at XFD1048576": ("roles.xlsx", hostile.far_cell_xlsx, "roles"),
    "XLSX zip bomb (448 MB unpacked)": ("roles.xlsx", hostile.zip_bomb_xlsx, "roles"),
    "same bomb as a survey file": ("answers.xlsx", hostile.zip_bomb_xlsx, "responses"),
    "DOCX bomb (1 GB unpacked)": ("review.docx", hostile.docx_bomb, "review"),
    "billion-laughs DOCX": ("review.docx", hostile.billion_laughs_docx, "review"),
    "50 MB roles CSV": ("roles.csv", hostile.big_roles_csv, "roles"),
    "1 MB single-line CSV": ("answers.csv", hostile.one_line_text, "responses"),
    "ODS cell repeated over 17 billion cells": ("roles.ods", hostile.ods_repeated_content, "roles"),
}

CHILD = """
import json, resource, sys, time
from pathlib import Path
from joinedup.evidence.extraction import ReviewFileError, read_review
from joinedup.instrument import load_instrument
from joinedup.io.structure_sheets import StructureImportFailed, read_roles
from joinedup.io.survey_import import ImportFailed, read_responses

path, reader = Path(sys.argv[1]), sys.argv[2]
instrument = load_instrument()
baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    if reader == "roles":
        read_roles(path)
    elif reader == "responses":
        read_responses(path, instrument)
    else:
        read_review(path)
    outcome = "ACCEPTED"
except (StructureImportFailed, ImportFailed, ReviewFileError) as error:
    outcome = str(error).splitlines()[0]
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "rise_kb": peak - baseline, "outcome": outcome}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print(f"{'file':42} {'size':>10} {'refused in':>11} {'memory rise':>12}  reason")
        for label, (name, build, reader) in CASES.items():
            path = Path(folder) / name
            data = build()
            path.write_bytes(data)
            result = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), reader], capture_output=True, text=True, check=True
            )
            figures = json.loads(result.stdout)
            size = f"{len(data) / 1024:,.0f} KB"
            took = f"{figures['seconds'] * 1000:.1f} ms"
            rise = f"{figures['rise_kb'] / 1024:.1f} MB"
            print(f"{label:42} {size:>10} {took:>11} {rise:>12}  {figures['outcome'][:90]}")
            path.unlink()


if __name__ == "__main__":
    main()
