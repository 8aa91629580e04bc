"""Per-factor decision thresholds, chosen on held-out folds of the training examples.

Factors differ in how many examples they have and how distinctive their words are, so
one cut-off for all would over-tag some and miss others. Each factor gets the cut-off
that maximises its F1 on predictions for examples the model did not see while fitting.
"""

from __future__ import annotations

import numpy as np

CANDIDATES = np.round(np.arange(0.05, 0.96, 0.01), 2)


def best_threshold(truth: np.ndarray, probabilities: np.ndarray) -> float:
    """The cut-off with the highest F1; among equals, the middle of the best run.

    Taking the middle of a plateau rather than its edge keeps the choice away from the
    point where one more validation example would flip it.
    """
    positives = truth.astype(bool)
    predicted = probabilities[None, :] >= CANDIDATES[:, None]
    true_positive = (predicted & positives[None, :]).sum(axis=1)
    denominator = predicted.sum(axis=1) + positives.sum()
    f1 = np.where(denominator > 0, 2 * true_positive / np.maximum(denominator, 1), 0.0)
    best = np.flatnonzero(np.isclose(f1, f1.max()))
    return float(CANDIDATES[best[len(best) // 2]])


def calibrate_thresholds(truth: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One threshold per column of a texts × factors truth and probability matrix."""
    if truth.shape != probabilities.shape:
        raise ValueError(f"truth {truth.shape} and probabilities {probabilities.shape} differ in shape")
    return np.array([best_threshold(truth[:, j], probabilities[:, j]) for j in range(truth.shape[1])])


def rescale(probabilities: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Map each factor's threshold to 0.5, so a score of 0.5 or more always means "tagged".

    Scores then compare across factors and across taggers, whatever their cut-offs.
    """
    below = 0.5 * probabilities / thresholds
    above = 0.5 + 0.5 * (probabilities - thresholds) / (1.0 - thresholds)
    return np.where(probabilities < thresholds, below, above)
