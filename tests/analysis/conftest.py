"""Small item lists and frame builders for the analysis tests, independent of the bundled item bank."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pytest

from joinedup.analysis import ItemSpec

ITEMS = (
    ItemSpec("a1", "alpha-factor"),
    ItemSpec("a2", "alpha-factor"),
    ItemSpec("a3", "alpha-factor", reverse=True),
    ItemSpec("b1", "beta-factor"),
    ItemSpec("b2", "beta-factor"),
)

Row = tuple[str, str, str, str, Sequence[float]]


def build_frame(rows: Sequence[Row], items: Sequence[ItemSpec] = ITEMS) -> pd.DataFrame:
    """A responses frame from rows of (partnership, round, agency, role group, answers in item order)."""
    ids = [item.id for item in items]
    records = [
        {"partnership": p, "round": r, "agency": a, "role_group": g, **dict(zip(ids, answers, strict=True))}
        for p, r, a, g, answers in rows
    ]
    return pd.DataFrame.from_records(records, columns=["partnership", "round", "agency", "role_group", *ids])


@pytest.fixture
def items() -> tuple[ItemSpec, ...]:
    return ITEMS


@pytest.fixture
def make_frame() -> Callable[..., pd.DataFrame]:
    return build_frame


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(20240601)
