"""Building a tagger from labelled texts, and refitting it with a coordinator's corrections.

One logistic regression per factor, class-balanced because most texts are not about any
given factor. Everything else is chosen by cross-validation on the training examples
alone, never on a test set: the regularisation (by mean average precision of the
out-of-fold predictions), the Platt scaling that turns each factor's logit into a
calibrated probability (fitted on those out-of-fold logits), each factor's threshold
(for precision, see `thresholds`), the cut-off at which the "about none" output overrules
the factors (by macro F1) and the log-odds boost for the comment box's factor (by micro
F1 on the out-of-fold predictions of the survey comments whose box is known).

The encoder's vocabulary is learnt from all training texts before the folds are cut:
it uses no labels, and refitting it per fold would cost more than the small optimism
it removes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TypeAlias

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score
from sklearn.model_selection import KFold

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.corrections import Correction, latest_corrections, normalise_text
from joinedup.tagging.examples import LabelledText
from joinedup.tagging.features import TextEncoder
from joinedup.tagging.tagger import Tagger, box_mask, calibrated, decide
from joinedup.tagging.thresholds import PRECISION_TARGET, calibrate_thresholds

CORRECTION_WEIGHT = 5.0
"""A coordinator's correction counts as much as this many shipped examples."""
VALIDATION_FOLDS = 5
SEED = 20240601
REGULARISATION_GRID = (1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)
"""Inverse regularisation strengths tried by cross-validation."""
REGULARISATION_TOLERANCE = 0.005
"""The strongest regularisation whose mean average precision is within this of the best is chosen:
past the point where scores stop improving, a simpler model is the safer bet on new text, and
a weaker one takes the solver much longer, which every partnership's retraining pays for."""
BOX_BOOSTS = tuple(float(boost) for boost in np.round(np.arange(0.0, 8.01, 0.5), 2))
"""Log-odds boosts for the comment box's factor tried by cross-validation."""
NONE_CUTS = (0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
"""Cut-offs tried for the "about none" output; 1.01 means it never overrules."""

Features: TypeAlias = "sparse.csr_matrix | np.ndarray"


@dataclass(frozen=True)
class Design:
    """The training matrix's rows: texts, their 0/1 labels per factor, weights and boxes."""

    texts: list[str]
    truth: np.ndarray
    sample_weight: np.ndarray
    boxes: list[str | None]
    registers: list[str]


@dataclass(frozen=True)
class Selection:
    """What cross-validation chose, and the out-of-fold predictions it chose it on."""

    regularisation: float
    mean_average_precision: dict[float, float]
    calibration: np.ndarray
    thresholds: np.ndarray
    none_threshold: float
    none_f1: dict[float, float]
    box_boost: float
    box_f1: dict[float, float]
    out_of_fold_logits: np.ndarray
    design: Design

    def out_of_fold_scores(self) -> np.ndarray:
        """Texts × factors out-of-fold scores (0.5 = tagged), each text knowing its box."""
        boost = box_mask(self.design.boxes, len(self.design.texts)) * self.box_boost
        probabilities = calibrated(self.out_of_fold_logits, self.calibration, np.pad(boost, ((0, 0), (0, 1))))
        return decide(probabilities, self.thresholds, self.none_threshold)


def fingerprint(kind: str, examples: Sequence[LabelledText]) -> str:
    """A digest of everything a shipped model is built from: kind, examples, lexicon, choices tried.

    A model file whose fingerprint differs from this was built from other data and must be rebuilt.
    """
    lexicon = resources.files("joinedup.tagging").joinpath("data", "lexicon.yaml").read_text(encoding="utf-8")
    document = {
        "kind": kind,
        "examples": [[e.register, e.box, list(e.factors), e.text] for e in examples],
        "lexicon": lexicon,
        "grid": [*REGULARISATION_GRID, REGULARISATION_TOLERANCE],
        "boosts": list(BOX_BOOSTS),
        "none_cuts": list(NONE_CUTS),
        "precision_target": PRECISION_TARGET,
        "folds": [VALIDATION_FOLDS, SEED],
    }
    return hashlib.sha256(json.dumps(document, ensure_ascii=False).encode("utf-8")).hexdigest()


def design(examples: Sequence[LabelledText], corrections: Sequence[Correction] = ()) -> Design:
    """The rows to fit on; a corrected text replaces any example with the same wording.

    So the coordinator's verdict is never outvoted by the example it contradicts.
    """
    kept = latest_corrections(corrections)
    corrected = {normalise_text(correction.text) for correction in kept}
    rows = [example for example in examples if normalise_text(example.text) not in corrected]
    texts = [example.text for example in rows] + [correction.text for correction in kept]
    labels = [example.factors for example in rows] + [tuple(correction.factors) for correction in kept]
    truth = np.array([[factor in row for factor in FACTOR_IDS] for row in labels], dtype=np.int8)
    weights = np.array([1.0] * len(rows) + [CORRECTION_WEIGHT] * len(kept))
    return Design(
        texts=texts,
        truth=truth,
        sample_weight=weights,
        boxes=[example.box for example in rows] + [None] * len(kept),
        registers=[example.register for example in rows] + ["correction"] * len(kept),
    )


def _classifier(regularisation: float, dual: bool) -> LogisticRegression:
    """Solved in the dual for sparse features (far more features than texts), in the primal for a
    dense embedding (far more texts than its 384 dimensions), where the dual converges slowly."""
    return LogisticRegression(
        C=regularisation, class_weight="balanced", solver="liblinear", dual=dual, random_state=SEED
    )


def with_none(truth: np.ndarray) -> np.ndarray:
    """The truth with one more column: 1 for a text about none of the factors."""
    return np.column_stack([truth, truth.sum(axis=1) == 0]).astype(np.int8)


def fit_linear(
    features: Features, truth: np.ndarray, sample_weight: np.ndarray, regularisation: float
) -> tuple[np.ndarray, np.ndarray]:
    """Features × columns weights and one intercept per column of `truth`."""
    coefficients, intercepts = [], []
    for column in range(truth.shape[1]):
        classifier = _classifier(regularisation, sparse.issparse(features)).fit(
            features, truth[:, column], sample_weight=sample_weight
        )
        coefficients.append(classifier.coef_[0])
        intercepts.append(classifier.intercept_[0])
    return np.column_stack(coefficients), np.array(intercepts)


def out_of_fold_logits(
    features: Features, truth: np.ndarray, sample_weight: np.ndarray, regularisation: float
) -> np.ndarray:
    """Each example's logits from models fitted without it: the validation predictions."""
    logits = np.zeros(truth.shape, dtype=np.float64)
    folds = KFold(n_splits=VALIDATION_FOLDS, shuffle=True, random_state=SEED)
    for fit_rows, held_out in folds.split(truth):
        weights, intercepts = fit_linear(
            features[fit_rows], truth[fit_rows], sample_weight[fit_rows], regularisation
        )
        logits[held_out] = np.asarray(features[held_out] @ weights) + intercepts
    return logits


def mean_average_precision(truth: np.ndarray, logits: np.ndarray) -> float:
    """Average precision per factor, averaged: how well the scores rank, whatever the cut-off."""
    return float(np.mean([average_precision_score(truth[:, j], logits[:, j]) for j in range(truth.shape[1])]))


def platt(truth: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """Per factor, the slope and offset that turn its out-of-fold logits into probabilities."""
    rows = []
    for column in range(truth.shape[1]):
        scaler = LogisticRegression(C=1e4).fit(logits[:, column : column + 1], truth[:, column])
        rows.append((float(scaler.coef_[0, 0]), float(scaler.intercept_[0])))
    return np.array(rows)


def choose_none_threshold(
    truth: np.ndarray, probabilities: np.ndarray, thresholds: np.ndarray
) -> tuple[float, dict[float, float]]:
    """The "about none" cut-off with the best macro F1; the highest (most cautious) among equals."""
    scores = {
        cut: float(
            f1_score(truth, decide(probabilities, thresholds, cut) >= 0.5, average="macro", zero_division=0.0)
        )
        for cut in NONE_CUTS
    }
    best = max(scores.values())
    return [cut for cut, score in scores.items() if np.isclose(score, best)][-1], scores


def choose_box_boost(
    truth: np.ndarray,
    logits: np.ndarray,
    boxes: Sequence[str | None],
    calibration: np.ndarray,
    thresholds: np.ndarray,
    none_threshold: float,
) -> tuple[float, dict[float, float]]:
    """The boost with the best micro F1 on the examples whose box is known; the smallest among equals."""
    rows = [row for row, box in enumerate(boxes) if box]
    if not rows:
        return 0.0, {}
    mask = np.pad(box_mask([boxes[row] for row in rows], len(rows)), ((0, 0), (0, 1)))
    scores = {}
    for boost in BOX_BOOSTS:
        probabilities = calibrated(logits[rows], calibration, mask * boost)
        predicted = decide(probabilities, thresholds, none_threshold) >= 0.5
        scores[boost] = float(f1_score(truth[rows], predicted, average="micro", zero_division=0.0))
    best = max(scores.values())
    return next(boost for boost, score in scores.items() if np.isclose(score, best)), scores


def select(
    features: Features,
    rows: Design,
    *,
    grid: Sequence[float] = REGULARISATION_GRID,
    target: float = PRECISION_TARGET,
    progress: Callable[[str], None] = lambda message: None,
) -> Selection:
    """Cross-validate the regularisation, then calibrate, threshold and weigh the box on its folds."""
    logits_by_strength = {}
    scores = {}
    truth = with_none(rows.truth)
    for strength in grid:
        logits_by_strength[strength] = out_of_fold_logits(features, truth, rows.sample_weight, strength)
        scores[strength] = mean_average_precision(rows.truth, logits_by_strength[strength][:, :-1])
        progress(f"C={strength:g}: mean average precision {scores[strength]:.4f}")
    best = max(scores.values())
    strength = min(value for value in grid if scores[value] >= best - REGULARISATION_TOLERANCE)
    logits = logits_by_strength[strength]
    calibration = platt(truth, logits)
    probabilities = calibrated(logits, calibration)
    thresholds = calibrate_thresholds(rows.truth, probabilities[:, :-1], target)
    none_threshold, none_f1 = choose_none_threshold(rows.truth, probabilities, thresholds)
    boost, box_f1 = choose_box_boost(rows.truth, logits, rows.boxes, calibration, thresholds, none_threshold)
    return Selection(
        regularisation=strength,
        mean_average_precision=scores,
        calibration=calibration,
        thresholds=thresholds,
        none_threshold=none_threshold,
        none_f1=none_f1,
        box_boost=boost,
        box_f1=box_f1,
        out_of_fold_logits=logits,
        design=rows,
    )


def build_tagger(
    kind: str,
    encoder: TextEncoder,
    examples: Sequence[LabelledText],
    *,
    grid: Sequence[float] = REGULARISATION_GRID,
    target: float = PRECISION_TARGET,
    progress: Callable[[str], None] = lambda message: None,
) -> tuple[Tagger, Selection]:
    """Choose everything by cross-validation on `examples`, then fit on all of them."""
    rows = design(examples)
    features = encoder.fit(rows.texts).transform(rows.texts)
    selection = select(features, rows, grid=grid, target=target, progress=progress)
    weights, intercepts = fit_linear(
        features, with_none(rows.truth), rows.sample_weight, selection.regularisation
    )
    tagger = Tagger(
        kind=kind,
        encoder=encoder,
        weights=weights,
        intercepts=intercepts,
        calibration=selection.calibration,
        thresholds=selection.thresholds,
        none_threshold=selection.none_threshold,
        box_boost=selection.box_boost,
        regularisation=selection.regularisation,
        fingerprint=fingerprint(kind, examples),
    )
    return tagger, selection


def refit(
    base: Tagger,
    encoder: TextEncoder,
    examples: Sequence[LabelledText],
    corrections: Sequence[Correction] = (),
) -> Tagger:
    """The base tagger's choices (regularisation, calibration, thresholds, box boost) fitted again
    on the examples plus these corrections.

    A partnership's handful of corrections is too few to re-estimate sixteen cut-offs, so
    only the weights and the vocabulary are learnt again.
    """
    rows = design(examples, corrections)
    features = encoder.fit(rows.texts).transform(rows.texts)
    weights, intercepts = fit_linear(features, with_none(rows.truth), rows.sample_weight, base.regularisation)
    return Tagger(
        kind=base.kind,
        encoder=encoder,
        weights=weights,
        intercepts=intercepts,
        calibration=base.calibration,
        thresholds=base.thresholds,
        none_threshold=base.none_threshold,
        box_boost=base.box_boost,
        regularisation=base.regularisation,
        fingerprint=base.fingerprint,
        corrections=tuple(latest_corrections(corrections)),
    )
