"""Synthetic learning records with a known answer, for tests, benchmarks and the demo hub.

Partnerships are drawn with random baselines for every factor; a share of them adopt one
intervention on one factor, and only their factor moves, by `effect`. Everyone else's factors
drift by a little noise. A pooled analysis of these records should find the intervention when
`effect` is clearly above the interval and find nothing when it is zero.
"""

from __future__ import annotations

import random
from typing import Any

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.learning.record import NATIONS, RECORD_FORMAT, SIZE_BANDS

OTHER_INTERVENTIONS = ("process-mapping", "give-meetings-a-purpose", "share-resources")
"""Interventions the synthetic partnerships adopt besides the one under study, to add noise."""


def _band(mean: float) -> str:
    if mean >= 4.0:
        return "strength"
    return "borderline" if mean >= 3.0 else "concern"


def _factor(mean: float, change: float, half: float) -> dict[str, Any]:
    mean = round(min(max(mean, 1.0), 5.0), 2)
    change = round(change, 2)
    change_half = round(half * 1.4, 2)
    return {
        "mean": mean,
        "interval": [round(mean - half, 2), round(mean + half, 2)],
        "band": _band(mean),
        "change": change,
        "change_interval": [round(change - change_half, 2), round(change + change_half, 2)],
    }


def synthetic_records(
    partnerships: int,
    *,
    seed: int = 0,
    rounds: int = 1,
    adopt_share: float = 0.5,
    intervention: str = "joint-training",
    factor: str = "joint-training",
    effect: float = 0.5,
    noise: float = 0.05,
    half_width: float = 0.15,
) -> list[dict[str, Any]]:
    """`partnerships` × `rounds` valid learning records (each partnership's rounds a month apart).

    The first `adopt_share` of partnerships adopt `intervention` on `factor` (status done) in
    every round and their `factor` changes by `effect` plus noise; every other change is noise
    of standard deviation `noise`. Means keep a 95% interval of ± `half_width`; a change's
    interval is ±1.4 × `half_width` (two independent rounds). Same seed, same records.
    """
    rng = random.Random(seed)
    adopters = round(partnerships * adopt_share)
    records: list[dict[str, Any]] = []
    for index in range(partnerships):
        contributor = f"{rng.getrandbits(128):032x}"
        nation, size = rng.choice(NATIONS), rng.choice(SIZE_BANDS)
        adopts = index < adopters
        means = {f: rng.uniform(2.2, 4.3) for f in FACTOR_IDS}
        for step in range(rounds):
            factors = {}
            for factor_id, mean in means.items():
                change = rng.gauss(effect if adopts and factor_id == factor else 0.0, noise)
                factors[factor_id] = _factor(mean, change, half_width)
                means[factor_id] = min(max(mean + change, 1.2), 4.8)
            actions: list[dict[str, Any]] = []
            chosen = [(intervention, factor)] if adopts else []
            if rng.random() < 0.5:
                chosen.append((rng.choice(OTHER_INTERVENTIONS), rng.choice(FACTOR_IDS)))
            for chosen_intervention, chosen_factor in chosen:
                figures = factors[chosen_factor]
                actions.append(
                    {
                        "factor": chosen_factor,
                        "intervention": chosen_intervention,
                        "status": "done",
                        "change": figures["change"],
                        "change_interval": figures["change_interval"],
                        "lesson": None,
                    }
                )
            month = 1 + step * 6
            records.append(
                {
                    "format": RECORD_FORMAT,
                    "contributor": contributor,
                    "instrument_version": "1.0",
                    "nation": nation,
                    "size_band": size,
                    "month": f"{2024 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}",
                    "factors": factors,
                    "actions": actions,
                }
            )
    return records

