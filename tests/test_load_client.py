"""The load client's summary prints for every way the fault scripts run it.

`benchmarks/load/worker_fault.sh` runs the survey phase alone (`--trivial-seconds 0`) with the
server's CPU measured; the summary then had no trivial page to compare with, and printing it
failed with a KeyError after the whole run, losing the figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

CLIENT = Path(__file__).resolve().parents[1] / "benchmarks" / "load" / "survey_load.py"


def _client() -> ModuleType:
    spec = importlib.util.spec_from_file_location("survey_load", CLIENT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def _summary(**extra: object) -> dict[str, object]:
    return {
        "clients": 10,
        "servers": ["http://127.0.0.1:8301"],
        "completed": 12,
        "seconds": 60.0,
        "completed_per_s": 0.2,
        "survey_requests_per_s": 7.4,
        "latency": {"save": {"n": 200, "p50_ms": 40.0, "p95_ms": 90.0, "p99_ms": 150.0}},
        "server_cpu_ms_per_request": 21.5,
        "server_cpu_s_per_survey": 0.8,
        "errors": 0,
        "error_kinds": {},
        "load_before": 3.1,
        "load_after": 3.4,
        **extra,
    }


def test_the_summary_without_a_trivial_phase_shows_the_survey_cpu() -> None:
    table = _client()._table(_summary())
    assert "server CPU: 21.5 ms per survey request, 0.80 s per completed survey" in table
    assert "trivial" not in table


def test_the_summary_with_a_trivial_phase_compares_with_it() -> None:
    trivial = {"requests_per_s": 80.0, "errors": 0, "p50_ms": 9.0, "p95_ms": 20.0}
    trivial["server_cpu_ms_per_request"] = 4.2
    table = _client()._table(_summary(trivial=trivial, ratio_to_trivial=0.09))
    assert "trivial page 4.2 ms per request" in table and "ratio to trivial 0.09" in table
