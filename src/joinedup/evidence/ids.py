"""The canonical factor ids: a contract shared by the evidence base, the item bank,
the tagger and every export. They mirror `spec/factors.yaml`; a test keeps them equal."""

from __future__ import annotations

from typing import Literal, get_args

FactorId = Literal[
    "funding",
    "professional-culture",
    "roles-responsibilities",
    "shared-purpose",
    "accountability",
    "commitment",
    "leadership",
    "communication",
    "joint-planning",
    "joint-training",
    "staff-support",
    "recruitment",
    "shared-resources",
    "monitoring-evaluation",
    "organisational-climate",
    "co-location",
]
"""A factor id as a type, for models that accept nothing else (the learning record)."""
FACTOR_IDS: tuple[str, ...] = get_args(FactorId)
