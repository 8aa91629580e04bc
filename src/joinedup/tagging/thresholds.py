"""Per-factor decision thresholds, chosen on held-out folds of the training examples.

Factors differ in how many examples they have and how distinctive their words are, so
one cut-off for all would over-tag some and miss others. A wrongly read comment puts a
quote under the wrong factor in a board report, so each factor's cut-off is chosen for
precision: start from the cut-off with the best F1 on predictions for examples the model
did not see while fitting, and raise it, if need be, until precision reaches
`PRECISION_TARGET`, keeping as much recall as that allows.
"""

from __future__ import annotations

import numpy as np

CANDIDATES = np.round(np.arange(0.05, 0.96, 0.01), 2)
PRECISION_TARGET = 0.85
"""Out-of-fold precision each factor's threshold must reach where any threshold reaches it."""


def _counts(truth: np.ndarray, probabilities: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    positives = truth.astype(bool)
    predicted = probabilities[None, :] >= CANDIDATES[:, None]
    true_positive = (predicted & positives[None, :]).sum(axis=1)
    return true_positive, predicted.sum(axis=1), int(positives.sum())


def _f_beta(truth: np.ndarray, probabilities: np.ndarray, beta: float) -> np.ndarray:
    true_positive, predicted, positives = _counts(truth, probabilities)
    weight = beta * beta
    denominator = weight * positives + predicted
    return np.where(denominator > 0, (1 + weight) * true_positive / np.maximum(denominator, 1), 0.0)


def _middle_of_best(values: np.ndarray) -> int:
    """Among equal best values, the middle of the run, away from the point one example would flip."""
    best = np.flatnonzero(np.isclose(values, values.max()))
    return int(best[len(best) // 2])


def best_threshold(truth: np.ndarray, probabilities: np.ndarray) -> float:
    """The cut-off with the highest F1; among equals, the middle of the best run."""
    return float(CANDIDATES[_middle_of_best(_f_beta(truth, probabilities, 1.0))])


def precision_threshold(
    truth: np.ndarray, probabilities: np.ndarray, target: float = PRECISION_TARGET
) -> float:
    """The best-F1 cut-off, raised to the lowest one whose precision reaches `target`.

    If no cut-off at or above the best-F1 one reaches the target, the one with the best F0.5
    (precision weighed twice as much as recall) among them is taken instead.
    """
    start = np.searchsorted(CANDIDATES, best_threshold(truth, probabilities))
    true_positive, predicted, _ = _counts(truth, probabilities)
    precision = np.where(predicted > 0, true_positive / np.maximum(predicted, 1), 0.0)
    reaching = np.flatnonzero((precision[start:] >= target) & (true_positive[start:] > 0))
    if len(reaching):
        return float(CANDIDATES[start + reaching[0]])
    return float(CANDIDATES[start + _middle_of_best(_f_beta(truth, probabilities, 0.5)[start:])])


def calibrate_thresholds(
    truth: np.ndarray, probabilities: np.ndarray, target: float | None = None
) -> np.ndarray:
    """One threshold per column of a texts × factors truth and probability matrix.

    Without a `target` each is the best-F1 cut-off; with one, `precision_threshold`.
    """
    if truth.shape != probabilities.shape:
        raise ValueError(f"truth {truth.shape} and probabilities {probabilities.shape} differ in shape")
    if target is None:
        return np.array([best_threshold(truth[:, j], probabilities[:, j]) for j in range(truth.shape[1])])
    return np.array(
        [precision_threshold(truth[:, j], probabilities[:, j], target) for j in range(truth.shape[1])]
    )


def rescale(probabilities: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """Map each factor's threshold to 0.5, so a score of 0.5 or more always means "tagged".

    Scores then compare across factors and across taggers, whatever their cut-offs.
    """
    below = 0.5 * probabilities / thresholds
    above = 0.5 + 0.5 * (probabilities - thresholds) / (1.0 - thresholds)
    return np.where(probabilities < thresholds, below, above)
