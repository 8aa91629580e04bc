"""Helpers shared by the learning tests: small records built by hand."""

from __future__ import annotations

from typing import Any

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.learning.record import RECORD_FORMAT


def key(number: int) -> str:
    """A contributor key that is obviously a test's."""
    return f"{number:032x}"


def hand_record(
    contributor: int,
    means: dict[str, float],
    *,
    month: str = "2025-03",
    changes: dict[str, tuple[float, float, float]] | None = None,
    adopted: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    """A valid record: `means` per factor (interval ±0.1), `changes` per factor (change, low, high),
    `adopted` as (intervention, factor, status)."""
    changes = changes or {}
    factors: dict[str, Any] = {}
    for factor_id, mean in means.items():
        assert factor_id in FACTOR_IDS
        change = changes.get(factor_id)
        band = "strength" if mean >= 4 else "borderline" if mean >= 3 else "concern"
        factors[factor_id] = {
            "mean": mean,
            "interval": [round(mean - 0.1, 2), round(mean + 0.1, 2)],
            "band": band,
            "change": None if change is None else change[0],
            "change_interval": None if change is None else [change[1], change[2]],
        }
    actions = [
        {
            "factor": factor_id,
            "intervention": intervention,
            "status": status,
            "change": factors[factor_id]["change"],
            "change_interval": factors[factor_id]["change_interval"],
            "lesson": None,
        }
        for intervention, factor_id, status in adopted
    ]
    return {
        "format": RECORD_FORMAT,
        "contributor": key(contributor),
        "instrument_version": "1",
        "nation": "england",
        "size_band": "25-99",
        "month": month,
        "factors": factors,
        "actions": actions,
    }
