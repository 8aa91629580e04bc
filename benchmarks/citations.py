"""Accuracy and speed of the citation finder.

Prints precision and recall on the labelled review passages in tests/data/citations
(the dev files were used while writing the rules, the test files were not), checks the
seed review against the bundled works, and times the whole extraction on about 1 MB of
review text (median of 5 runs). A naive finder, the "name, up to 30 non-digits, year"
pattern that CERMINE falls back on, runs beside it so both the accuracy gain and the
speed ratio can be read in one run.

    .venv/bin/python benchmarks/citations.py
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from joinedup.evidence import load_evidence_base, work_key
from joinedup.evidence.extraction import extract_review, factor_texts, known_works

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "tests" / "data" / "citations"
SEED = REPO.parent / "shared" / "seeds" / "000_6b8fe8992de42024.txt"
TARGET_BYTES = 1_000_000
RUNS = 5


@dataclass(frozen=True)
class Found:
    key: str
    start: int
    end: int


_NAIVE = re.compile(r"\b([A-Z][A-Za-z'\-]+)\D{1,30}?\b((?:19|20)\d\d)([a-z]?)\b")


def naive_finder(text: str) -> list[Found]:
    """Every capitalised word followed within 30 non-digits by a year: the obvious first attempt."""
    return [
        Found(work_key(m.group(1), m.group(2), m.group(3)), m.start(), m.end()) for m in _NAIVE.finditer(text)
    ]


def joinedup_finder(text: str) -> list[Found]:
    extraction = extract_review(text)
    return [Found(c.key, c.start, c.end) for c in extraction.citations]


def score(found: list[Found], gold: list[dict[str, object]]) -> tuple[int, int, int]:
    """True positives, predictions, gold: a prediction counts when its key matches a gold
    citation whose span overlaps it, each gold citation matched once."""
    unmatched = list(gold)
    hits = 0
    for item in found:
        for label in unmatched:
            if label["key"] == item.key and item.start < int(label["end"]) and int(label["start"]) < item.end:
                unmatched.remove(label)
                hits += 1
                break
    return hits, len(found), len(gold)


def evaluate(split: str, finder: Callable[[str], list[Found]]) -> tuple[float, float, int]:
    hits = predicted = expected = 0
    for labels_file in sorted(LABELLED.glob(f"{split}_*.labels.json")):
        labels = json.loads(labels_file.read_text(encoding="utf-8"))
        text = (LABELLED / labels["text"]).read_text(encoding="utf-8")
        h, p, g = score(finder(text), labels["citations"])
        hits, predicted, expected = hits + h, predicted + p, expected + g
    return hits / max(predicted, 1), hits / max(expected, 1), expected


def one_megabyte() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(LABELLED.glob("*.txt"))]
    if SEED.exists():
        parts.append(SEED.read_text(encoding="utf-8"))
    block = "\n\n".join(parts)
    return (block + "\n\n") * (TARGET_BYTES // len(block.encode("utf-8")) + 1)


def median_seconds(run: Callable[[], object]) -> tuple[float, float]:
    """Median wall-clock and CPU seconds; CPU time is the fairer figure on a shared machine."""
    wall, cpu = [], []
    for _ in range(RUNS):
        started, started_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    print("Citation finding (key match on overlapping span)")
    print(f"{'split':6} {'finder':9} {'citations':>9} {'precision':>10} {'recall':>7}")
    for split in ("dev", "test"):
        for name, finder in (("joinedup", joinedup_finder), ("naive", naive_finder)):
            precision, recall, count = evaluate(split, finder)
            print(f"{split:6} {name:9} {count:>9} {precision:>10.3f} {recall:>7.3f}")
    if SEED.exists():
        base = load_evidence_base()
        seed_text = SEED.read_text(encoding="utf-8")
        seed = extract_review(seed_text, factors=factor_texts(base), known=known_works(base))
        found = {w.key for w in seed.works}
        bundled = {w.key for w in base.works}
        duplicates = ", ".join(f"{d.work.key} ~ {d.duplicate_of}" for d in seed.possible_duplicates)
        print(
            f"\nSeed review: {len(found)} distinct works, equal to the bundled works: {found == bundled}; "
            f"possible duplicates: {duplicates}"
        )
    text = one_megabyte()
    size = len(text.encode("utf-8"))
    real = median_seconds(lambda: extract_review(text))
    naive = median_seconds(lambda: naive_finder(text))
    load = os.getloadavg()[0]
    print(f"\nSpeed on {size / 1e6:.2f} MB, median of {RUNS} (load average {load:.1f}):")
    print(
        f"  joinedup extract_review (sections, citations, merging): {real[0]:.3f} s wall, {real[1]:.3f} s CPU"
    )
    print(f"  naive regex finder: {naive[0]:.3f} s wall, {naive[1]:.3f} s CPU")
    print(f"  ratio joinedup / naive (CPU): {real[1] / naive[1]:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
