"""Realistic synthetic responses for the demo, the tests and the benchmark.

The data follow a simple generative story so that every analysis has something
to find: each partnership has its own level on each factor; on a few factors its
agencies see things differently; partnerships drift between rounds; agencies
differ in size, one of them is often too small to report; some respondents lean
towards agreeing whatever the wording (which reverse-worded items expose); some
answer "don't know", skip items or stop part-way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from joinedup.analysis.items import ItemLike, ItemSpec, group_by_factor, item_specs
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.responses import DONT_KNOW, INVITATION_COLUMNS, SCALE_MAX, SCALE_MIN

DEFAULT_AGENCIES: tuple[str, ...] = (
    "Schools",
    "Children's social work",
    "Early help and family support",
    "Health visiting",
    "School nursing",
    "CAMHS",
    "Police",
    "Voluntary or community organisation",
)
DEFAULT_ROLE_GROUPS: tuple[str, ...] = ("partnership-lead", "service-manager", "practitioner")
_ROLE_SHARES = np.array([0.15, 0.3, 0.55])
_STRATEGIC_FACTORS = frozenset(
    {"funding", "accountability", "leadership", "joint-planning", "shared-resources", "monitoring-evaluation"}
)


@dataclass(frozen=True)
class SyntheticData:
    """Responses in the shared frame shape and, apart from them, invitations per agency."""

    responses: pd.DataFrame
    invitations: pd.DataFrame


def synthetic_item_bank(factor_ids: Sequence[str] = FACTOR_IDS, per_factor: int = 3) -> tuple[ItemSpec, ...]:
    """A stand-in item bank of the instrument's shape: `per_factor` items per factor,
    the last item of every third factor negatively worded."""
    return tuple(
        ItemSpec(
            id=f"{factor}-{number + 1}", factor=factor, reverse=index % 3 == 0 and number == per_factor - 1
        )
        for index, factor in enumerate(factor_ids)
        for number in range(per_factor)
    )


def _draw_by_weights(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One category per row from per-row probability rows (rows of `weights` sum to 1)."""
    cumulative = np.cumsum(weights, axis=1)
    cumulative[:, -1] = 1.0
    draws = rng.random(len(weights), dtype=np.float64)
    return (draws[:, None] > cumulative).sum(axis=1).astype(np.int32)


def _labels(names: Sequence[str], codes: np.ndarray) -> pd.Series:
    return pd.Series(pd.array(np.asarray(names, dtype=object)[codes], dtype="str"))


def generate_responses(
    items: Iterable[ItemLike],
    *,
    responses: int,
    partnerships: int,
    rounds: int,
    seed: int,
    agencies: Sequence[str] = DEFAULT_AGENCIES,
    role_groups: Sequence[str] = DEFAULT_ROLE_GROUPS,
) -> SyntheticData:
    """`responses` rows spread unevenly over partnerships and rounds; same seed, same data."""
    if responses < 1 or partnerships < 1 or rounds < 1:
        raise ValueError("responses, partnerships and rounds must each be at least 1")
    if len(agencies) < 2 or len(role_groups) < 1:
        raise ValueError("synthetic data needs at least two agencies and one role group")
    if len(role_groups) != len(_ROLE_SHARES):
        role_shares = np.full(len(role_groups), 1 / len(role_groups))
    else:
        role_shares = _ROLE_SHARES
    specs = item_specs(items)
    factors = group_by_factor(specs)
    rng = np.random.default_rng(seed)
    agency_count, factor_count = len(agencies), len(factors)

    cell_weights = rng.dirichlet(np.full(partnerships, 3.0))[:, None] * rng.dirichlet(
        np.full(rounds, 12.0), partnerships
    )
    cell = np.repeat(np.arange(partnerships * rounds), rng.multinomial(responses, cell_weights.ravel()))
    rng.shuffle(cell)
    partnership, round_index = cell // rounds, cell % rounds

    agency_weights = rng.dirichlet(np.full(agency_count, 1.5), partnerships)
    small = rng.random(partnerships) < 0.6
    agency_weights[small, rng.integers(0, agency_count, partnerships)[small]] = 0.004
    agency_weights /= agency_weights.sum(axis=1, keepdims=True)
    agency = _draw_by_weights(rng, agency_weights[partnership])
    role = _draw_by_weights(rng, np.broadcast_to(role_shares, (len(cell), len(role_shares))))

    baseline = np.clip(rng.normal(3.4, 0.45, (partnerships, factor_count)), 1.8, 4.6)
    drift = rng.normal(0.0, 0.08, (partnerships, factor_count)) + rng.choice(
        [-0.35, 0.0, 0.35], size=(partnerships, factor_count), p=[0.15, 0.7, 0.15]
    )
    disputed = rng.random((partnerships, factor_count)) < 3 / factor_count
    agency_offset = rng.normal(0.0, 0.08, (partnerships, agency_count, factor_count))
    agency_offset += disputed[:, None, :] * rng.normal(0.0, 0.7, (partnerships, agency_count, factor_count))
    halo = rng.normal(0.0, 0.35, len(cell)).astype(np.float32)
    acquiescence = np.where(rng.random(len(cell)) < 0.1, rng.uniform(0.5, 1.2, len(cell)), 0.0).astype(
        np.float32
    )
    stops_after = np.where(rng.random(len(cell)) < 0.03, rng.integers(1, len(specs), len(cell)), len(specs))

    columns: dict[str, pd.Series | np.ndarray] = {
        "partnership": _labels([f"Partnership {p + 1:02d}" for p in range(partnerships)], partnership),
        "round": _labels([f"Round {r + 1}" for r in range(rounds)], round_index),
        "agency": _labels(agencies, agency),
        "role_group": _labels(role_groups, role),
    }
    for factor_index, factor in enumerate(factors):
        level = (
            baseline[partnership, factor_index]
            + drift[partnership, factor_index] * round_index
            + agency_offset[partnership, agency, factor_index]
        ).astype(np.float32)
        level += halo + rng.normal(0.0, 0.5, len(cell)).astype(np.float32)
        dont_know_chance = rng.uniform(0.01, 0.06) * np.where(
            (role == len(role_shares) - 1) & (factor.factor in _STRATEGIC_FACTORS), 3.0, 1.0
        )
        for item_id, position, reverse in zip(factor.item_ids, factor.positions, factor.reverse, strict=True):
            statement = (6.0 - level) if reverse else level
            answer = statement + acquiescence + rng.normal(0.0, 0.6, len(cell)).astype(np.float32)
            answer = np.clip(np.rint(answer), SCALE_MIN, SCALE_MAX).astype(np.float32)
            answer[rng.random(len(cell)) < dont_know_chance] = DONT_KNOW
            answer[(rng.random(len(cell)) < 0.02) | (position >= stops_after)] = np.nan
            columns[item_id] = answer
    frame = pd.DataFrame(columns)

    invitation_cells = np.arange(partnerships * rounds)
    counts = np.zeros((partnerships * rounds, agency_count), dtype=np.int64)
    np.add.at(counts, (cell, agency), 1)
    rates = np.clip(rng.beta(6, 4, counts.shape), 0.05, 1.0)
    invited = np.ceil(counts / rates).astype(np.int64) + (counts == 0) * rng.integers(3, 15, counts.shape)
    invitations = pd.DataFrame(
        {
            "partnership": _labels(
                [f"Partnership {p + 1:02d}" for p in range(partnerships)],
                np.repeat(invitation_cells // rounds, agency_count),
            ),
            "round": _labels(
                [f"Round {r + 1}" for r in range(rounds)], np.repeat(invitation_cells % rounds, agency_count)
            ),
            "agency": _labels(agencies, np.tile(np.arange(agency_count), len(invitation_cells))),
            "invited": invited.ravel(),
        }
    )[list(INVITATION_COLUMNS)]
    return SyntheticData(responses=frame, invitations=invitations)


def break_structure(
    responses: pd.DataFrame,
    items: Iterable[ItemLike],
    *,
    noise_factor: str | None = None,
    swap: tuple[str, str] | None = None,
    seed: int = 0,
) -> pd.DataFrame:
    """Responses whose factor structure is known to be broken, to test that validation says so.

    `noise_factor`: each of that factor's columns is shuffled on its own, which keeps
    every statement's answers (and don't knows) but cuts its link with everything else.
    `swap`: two statements' columns change places, so each is answered as if it belonged
    to the other's factor while the item bank still places it in its own.
    """
    specs = item_specs(items)
    broken = responses.copy()
    rng = np.random.default_rng(seed)
    if noise_factor is not None:
        columns = [spec.id for spec in specs if spec.factor == noise_factor]
        if not columns:
            raise ValueError(f"no statements belong to factor {noise_factor!r}")
        for column in columns:
            broken[column] = rng.permutation(broken[column].to_numpy())
    if swap is not None:
        first, second = swap
        broken[[first, second]] = responses[[second, first]].to_numpy()
    return broken


def generate_factor_model_responses(
    items: Iterable[ItemLike],
    *,
    responses: int,
    seed: int,
    loading: float = 0.75,
    factor_correlation: float = 0.3,
    dont_know_rate: float = 0.02,
    partnership: str = "Partnership 01",
    round_label: str = "Round 1",
) -> pd.DataFrame:
    """Responses generated from exactly the model the item bank claims, for validation tests.

    Each factor is a standard normal variable, every pair correlating
    `factor_correlation`; each statement is `loading` times its factor plus unique
    noise, cut into the five answers at fixed thresholds and turned round when the
    statement is negatively worded. A few answers are "don't know" or left blank, as
    in real data. Unlike `generate_responses`, there is no halo or acquiescence: a
    confirmatory factor analysis of these data must find the structure.
    """
    if responses < 1:
        raise ValueError("responses must be at least 1")
    if not 0 < loading < 1 or not 0 <= factor_correlation < 1:
        raise ValueError("loading must lie in (0, 1) and factor_correlation in [0, 1)")
    specs = item_specs(items)
    factors = group_by_factor(specs)
    rng = np.random.default_rng(seed)
    correlation = np.full((len(factors), len(factors)), factor_correlation)
    np.fill_diagonal(correlation, 1.0)
    latent = rng.multivariate_normal(np.zeros(len(factors)), correlation, responses)
    thresholds = np.array([-1.5, -0.5, 0.4, 1.3])
    columns: dict[str, pd.Series | np.ndarray] = {
        "partnership": pd.Series([partnership] * responses, dtype="str"),
        "round": pd.Series([round_label] * responses, dtype="str"),
        "agency": _labels(DEFAULT_AGENCIES, rng.integers(0, len(DEFAULT_AGENCIES), responses)),
        "role_group": _labels(DEFAULT_ROLE_GROUPS, rng.integers(0, len(DEFAULT_ROLE_GROUPS), responses)),
    }
    for index, factor in enumerate(factors):
        for item_id, reverse in zip(factor.item_ids, factor.reverse, strict=True):
            signal = loading * latent[:, index] + np.sqrt(1 - loading**2) * rng.normal(size=responses)
            answer = (np.searchsorted(thresholds, signal) + SCALE_MIN).astype(np.float32)
            if reverse:
                answer = SCALE_MIN + SCALE_MAX - answer
            answer[rng.random(responses) < dont_know_rate] = DONT_KNOW
            answer[rng.random(responses) < dont_know_rate / 2] = np.nan
            columns[item_id] = answer
    return pd.DataFrame(columns)
