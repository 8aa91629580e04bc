"""Synthetic responses: reproducible, in the shared frame shape, with something for every analysis to find."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from joinedup.analysis import Suppressed, analyse, generate_responses, synthetic_item_bank
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.responses import ID_COLUMNS, INVITATION_COLUMNS

BANK = synthetic_item_bank()


@pytest.fixture(scope="module")
def data():
    return generate_responses(BANK, responses=6000, partnerships=4, rounds=3, seed=7)


def test_same_seed_same_data_other_seed_other_data() -> None:
    first = generate_responses(BANK, responses=300, partnerships=2, rounds=2, seed=1).responses
    again = generate_responses(BANK, responses=300, partnerships=2, rounds=2, seed=1).responses
    other = generate_responses(BANK, responses=300, partnerships=2, rounds=2, seed=2).responses
    pd.testing.assert_frame_equal(first, again)
    assert not first.equals(other)


def test_the_item_bank_covers_every_factor_with_some_reverse_items() -> None:
    assert {item.factor for item in BANK} == set(FACTOR_IDS)
    assert 0 < sum(item.reverse for item in BANK) < len(BANK) / 4


def test_frames_have_the_shared_shape(data) -> None:
    frame = data.responses
    assert len(frame) == 6000
    assert list(frame.columns[:4]) == list(ID_COLUMNS)
    answers = frame[[item.id for item in BANK]].to_numpy(dtype=float)
    assert set(np.unique(answers[~np.isnan(answers)])) <= {0.0, 1.0, 2.0, 3.0, 4.0, 5.0}
    assert (answers == 0).mean() > 0.01, "don't know answers"
    assert np.isnan(answers).mean() > 0.01, "unanswered items"
    assert list(data.invitations.columns) == list(INVITATION_COLUMNS)
    counts = frame.groupby(["partnership", "round", "agency"]).size()
    invited = data.invitations.set_index(["partnership", "round", "agency"])["invited"]
    assert (invited.reindex(counts.index) >= counts).all()


def test_there_is_something_to_find(data) -> None:
    result = analyse(data.responses, BANK, invitations=data.invitations)
    factors = [factor for entry in result.rounds for factor in entry.factors if not factor.suppressed]
    assert any(
        isinstance(entry, Suppressed) for factor in factors for entry in factor.groups["agency"].values()
    )
    assert any(factor.divergence and factor.divergence.pairs for factor in factors)
    assert any(factor.trend and factor.trend.direction != "no clear change" for factor in factors)
    assert len({factor.band for factor in factors}) >= 2
    assert all(factor.alpha is not None and factor.alpha > 0.3 for factor in factors)
