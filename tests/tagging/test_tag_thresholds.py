from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from joinedup.tagging.thresholds import (
    CANDIDATES,
    best_threshold,
    calibrate_thresholds,
    precision_threshold,
    rescale,
)

probabilities = arrays(np.float64, st.integers(1, 40), elements=st.floats(0.0, 1.0))


@given(probabilities, st.data())
def test_the_best_threshold_is_a_candidate_and_no_candidate_beats_it(values, data):
    truth = np.array(data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values))))

    def f1(cut: float) -> float:
        predicted = values >= cut
        true_positive = (predicted & truth).sum()
        denominator = predicted.sum() + truth.sum()
        return 2 * true_positive / denominator if denominator else 0.0

    chosen = best_threshold(truth.astype(np.int8), values)
    assert chosen in CANDIDATES
    assert all(f1(chosen) >= f1(cut) - 1e-12 for cut in CANDIDATES)


def test_a_perfectly_separable_factor_gets_a_threshold_between_the_classes():
    truth = np.array([[0], [0], [1], [1]])
    scores = np.array([[0.1], [0.3], [0.7], [0.9]])
    [threshold] = calibrate_thresholds(truth, scores)
    assert 0.3 < threshold <= 0.7


@given(
    arrays(np.float64, 16, elements=st.floats(0.0, 1.0)),
    arrays(np.float64, 16, elements=st.floats(0.05, 0.95)),
)
def test_rescaled_scores_stay_in_unit_range_and_cross_half_at_the_threshold(values, thresholds):
    scaled = rescale(values, thresholds)
    assert np.all((scaled >= 0.0) & (scaled <= 1.0 + 1e-12))
    assert np.array_equal(scaled >= 0.5, values >= thresholds)
    assert np.allclose(rescale(thresholds, thresholds), 0.5)


def _precision_at(truth: np.ndarray, values: np.ndarray, cut: float) -> float:
    predicted = values >= cut
    return (predicted & truth).sum() / predicted.sum() if predicted.sum() else 0.0


@given(probabilities, st.data(), st.floats(0.5, 0.95))
def test_the_precision_threshold_is_never_below_the_best_f1_one_and_reaches_the_target_if_it_can(
    values, data, target
):
    truth = np.array(data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values))))
    chosen = precision_threshold(truth.astype(np.int8), values, target)
    start = best_threshold(truth.astype(np.int8), values)
    assert chosen in CANDIDATES
    assert chosen >= start
    reaching = [
        cut
        for cut in CANDIDATES
        if cut >= start and _precision_at(truth, values, cut) >= target and ((values >= cut) & truth).any()
    ]
    if reaching:
        assert chosen == min(reaching)
        assert _precision_at(truth, values, chosen) >= target


def test_a_noisy_factor_gets_a_higher_cut_off_for_precision_than_for_f1():
    truth = np.array([0, 1, 0, 1, 1, 1, 0, 1])
    scores = np.array([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.9])
    assert best_threshold(truth, scores) < 0.8
    assert precision_threshold(truth, scores, 0.85) == pytest.approx(0.76)
    chosen = calibrate_thresholds(truth[:, None], scores[:, None], 0.85)
    assert np.array_equal(chosen, [precision_threshold(truth, scores, 0.85)])
