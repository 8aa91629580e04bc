"""Fitting a tagger from labelled texts and a coordinator's corrections.

One logistic regression per factor, class-balanced because most texts are not about
any given factor, solved in the dual because there are far more features than texts.
Thresholds come from out-of-fold predictions on the training examples themselves (the
validation split), never from the test set.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.corrections import Correction, latest_corrections, normalise_text
from joinedup.tagging.examples import LabelledText
from joinedup.tagging.features import TextEncoder
from joinedup.tagging.tagger import Tagger
from joinedup.tagging.thresholds import calibrate_thresholds

CORRECTION_WEIGHT = 5.0
"""A coordinator's correction counts as much as this many shipped examples."""
VALIDATION_FOLDS = 5
SEED = 20240601


def fit_tagger(
    kind: str,
    encoder: TextEncoder,
    examples: Sequence[LabelledText],
    corrections: Sequence[Correction] = (),
    *,
    regularisation: float,
    thresholds: np.ndarray | None = None,
) -> Tagger:
    """Fit the encoder and one classifier per factor, then calibrate the thresholds.

    A corrected text replaces any shipped example with the same wording, so the
    coordinator's verdict is never outvoted by the example it contradicts. Given
    `thresholds` (the shipped model's) are kept instead of calibrated again: a
    partnership's handful of corrections is too few to re-estimate sixteen cut-offs.
    """
    kept_corrections = latest_corrections(corrections)
    corrected = {normalise_text(correction.text) for correction in kept_corrections}
    texts = [example.text for example in examples if normalise_text(example.text) not in corrected]
    labels = [example.factors for example in examples if normalise_text(example.text) not in corrected]
    weights = [1.0] * len(texts)
    for correction in kept_corrections:
        texts.append(correction.text)
        labels.append(tuple(correction.factors))
        weights.append(CORRECTION_WEIGHT)
    truth = np.array([[factor in row for factor in FACTOR_IDS] for row in labels], dtype=np.int8)
    sample_weight = np.array(weights)

    features = encoder.fit(texts).transform(texts)
    make_classifier = _classifier_factory(regularisation)
    if thresholds is None:
        probabilities = _out_of_fold_probabilities(features, truth, sample_weight, make_classifier)
        thresholds = calibrate_thresholds(truth, probabilities)

    coefficients = []
    intercepts = []
    for column in range(truth.shape[1]):
        classifier = make_classifier().fit(features, truth[:, column], sample_weight=sample_weight)
        coefficients.append(classifier.coef_[0])
        intercepts.append(classifier.intercept_[0])
    return Tagger(
        kind=kind,
        encoder=encoder,
        weights=np.column_stack(coefficients),
        intercepts=np.array(intercepts),
        thresholds=thresholds,
        corrections=tuple(kept_corrections),
    )


def _classifier_factory(regularisation: float) -> Callable[[], LogisticRegression]:
    def make() -> LogisticRegression:
        return LogisticRegression(
            C=regularisation, class_weight="balanced", solver="liblinear", dual=True, random_state=SEED
        )

    return make


def _out_of_fold_probabilities(
    features: object,
    truth: np.ndarray,
    sample_weight: np.ndarray,
    make_classifier: Callable[[], LogisticRegression],
) -> np.ndarray:
    """Each example's probabilities from models fitted without it: the validation predictions."""
    probabilities = np.zeros(truth.shape, dtype=np.float64)
    folds = KFold(n_splits=VALIDATION_FOLDS, shuffle=True, random_state=SEED)
    for fit_rows, held_out in folds.split(truth):
        for column in range(truth.shape[1]):
            target = truth[fit_rows, column]
            if target.min() == target.max():
                probabilities[held_out, column] = float(target[0])
                continue
            classifier = make_classifier().fit(
                features[fit_rows], target, sample_weight=sample_weight[fit_rows]  # type: ignore[index]
            )
            probabilities[held_out, column] = classifier.predict_proba(features[held_out])[:, 1]  # type: ignore[index]
    return probabilities
