"""The demo's learning hub: records of synthetic partnerships from the core's generator, so `make
run` shows benchmarks and practice evidence. The hub page says they are synthetic (their source
is `RecordSource.DEMO`); nothing is added when they are already there."""

from __future__ import annotations

from joinedup.learning.synthetic import synthetic_records

from .models import LearningRecord, RecordSource
from .services import refresh_pooled, store_imported

DEMO_PRACTICE: tuple[tuple[str, str, int], ...] = (
    ("joint-training", "joint-training", 2026),
    ("set-roles-in-formal-policies", "roles-responsibilities", 2027),
    ("information-sharing-systems", "communication", 2028),
)
"""(intervention, factor, seed): each a group of 10 synthetic partnerships, 6 of which adopt the
intervention and see the factor rise; the others drift."""


def load_demo_learning() -> int:
    """Store the synthetic partnerships' records and pool them; returns how many were added."""
    if LearningRecord.objects.filter(source=RecordSource.DEMO).exists():
        return 0
    records = [
        record
        for intervention, factor, seed in DEMO_PRACTICE
        for record in synthetic_records(
            10, seed=seed, rounds=2, adopt_share=0.6, intervention=intervention, factor=factor, effect=0.4
        )
    ]
    added = store_imported([("demo", record) for record in records], source=RecordSource.DEMO)
    refresh_pooled()
    return added
