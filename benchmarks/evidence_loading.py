"""How much the line-tracking evidence loader costs against a naive yaml.safe_load + pydantic load.

The naive reference reads the same bundled files with yaml.safe_load and validates them with the
same models, but cannot say which line a bad field is on. Prints medians in milliseconds and the ratio.
Run: .venv/bin/python benchmarks/evidence_loading.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from joinedup.evidence import EvidenceBase, load_evidence_base
from joinedup.evidence.loading import BUNDLED_FILES, SECTIONS, bundled_data_dir

REPEATS = 30


def naive_load(folder: Path) -> EvidenceBase:
    """yaml.safe_load each bundled file and validate every entry; no lines, no merging, no cross-checks."""
    sections: dict[str, list] = {name: [] for name in SECTIONS}
    for name in BUNDLED_FILES:
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        for section, entries in data.items():
            sections[section] += [SECTIONS[section].model_validate(entry) for entry in entries]
    return EvidenceBase(**sections)


def median_ms(action: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main() -> None:
    folder = bundled_data_dir()
    empty_user_folder = Path(tempfile.mkdtemp())
    import joinedup.evidence.loading as loading

    def full_parse() -> EvidenceBase:
        loading._bundled_parsed.cache_clear()
        return load_evidence_base(empty_user_folder)

    naive = median_ms(lambda: naive_load(folder))
    located = median_ms(full_parse)
    with_user = median_ms(lambda: load_evidence_base(empty_user_folder))
    cached = median_ms(load_evidence_base)
    ratings = median_ms(lambda: naive_load(folder).ratings)
    print(f"naive safe_load + validate (reference): {naive:8.2f} ms")
    print(f"line-tracking load, parsed afresh:      {located:8.2f} ms  ratio {located / naive:.2f}x")
    print(f"user folder over cached bundled parse:  {with_user:8.3f} ms")
    print(f"bundled base, cached:                   {cached:8.4f} ms")
    print(f"naive load + computing all 16 ratings:  {ratings:8.2f} ms")


if __name__ == "__main__":
    main()
