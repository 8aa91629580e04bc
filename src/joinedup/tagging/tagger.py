"""A fitted tagger: features in, factor ids and comparable scores out.

Every tagger kind shares this one inference path: a linear layer per factor over the
encoder's features, Platt scaling of each factor's logit into a calibrated probability
(fitted on out-of-fold predictions of the training examples), an optional log-odds
boost for the factor whose comment box the text was typed in, and per-factor
thresholds chosen for precision. Scores are those probabilities rescaled so that each
factor's threshold sits at 0.5, so they mean the same thing whichever encoder produced
the features.

"None of these" is a real outcome twice over: a text with no factor at or above 0.5 is
about none of them, and one more linear output, trained on the examples about no factor,
overrules the factors when it is confident enough (its cut-off chosen by cross-validation):
then every score is capped just below 0.5, so an overruled factor shows as unsure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.corrections import Correction, normalise_text
from joinedup.tagging.features import TextEncoder
from joinedup.tagging.thresholds import rescale

TAGGED = 0.5
"""A factor is tagged when its score reaches this value (see `thresholds.rescale`)."""
NONE_CAP = 0.49
"""The highest score any factor keeps when the "about none" output overrules the factors."""
UNSURE_BAND = (0.35, 0.65)
"""A text whose top score falls in this band is one the tagger is unsure about: its best
factor is only just tagged, or only just missed. Such texts are shown for checking."""


def is_unsure(scores: Mapping[str, float]) -> bool:
    """Whether the highest of these scores lies in `UNSURE_BAND` (a corrected text never does)."""
    top = max(scores.values(), default=0.0)
    return UNSURE_BAND[0] <= top < UNSURE_BAND[1]


@dataclass(frozen=True)
class TagResult:
    """The factors a text is about, and a score in [0, 1] for every factor."""

    text: str
    factors: list[str]
    scores: dict[str, float]

    @property
    def unsure(self) -> bool:
        return is_unsure(self.scores)


@dataclass
class Tagger:
    """Tags texts in batches; built by `training.build_tagger` or read from a model file, never by hand."""

    kind: str
    encoder: TextEncoder
    weights: np.ndarray
    """Features × (factors + 1); the last column is the "about none of them" output."""
    intercepts: np.ndarray
    calibration: np.ndarray
    """(Factors + 1) × 2: Platt slope and offset turning a logit into a calibrated probability."""
    thresholds: np.ndarray
    """Per factor, the calibrated probability at which it is tagged."""
    none_threshold: float
    """The calibrated "about none" probability at which it overrules the factors (above 1: never)."""
    box_boost: float
    """Log-odds added to the factor whose comment box a text was typed in."""
    regularisation: float
    fingerprint: str
    """What the shipped model was trained on (see `training.fingerprint`)."""
    corrections: tuple[Correction, ...] = ()
    _overrides: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._overrides = {
            normalise_text(correction.text): tuple(correction.factors) for correction in self.corrections
        }

    def tag(self, texts: Sequence[str], boxes: Sequence[str | None] | None = None) -> list[TagResult]:
        """Tag all texts in one pass; a blank text is about no factor.

        `boxes`, when given, holds for each text the factor id of the comment box it was
        typed in, or None where that is not known.
        """
        if not texts:
            return []
        scores = self.score_matrix(texts, boxes)
        results = []
        for text, row in zip(texts, scores, strict=True):
            override = self._overrides.get(normalise_text(text))
            if override is not None:
                row = np.array([1.0 if factor in override else 0.0 for factor in FACTOR_IDS])
            elif not text.strip():
                row = np.zeros(len(FACTOR_IDS))
            factors = [factor for factor, score in zip(FACTOR_IDS, row, strict=True) if score >= TAGGED]
            scores_by_factor = {
                factor: round(float(score), 4) for factor, score in zip(FACTOR_IDS, row, strict=True)
            }
            results.append(TagResult(text=text, factors=factors, scores=scores_by_factor))
        return results

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        """Texts × (factors + 1) raw linear scores, before calibration."""
        features = self.encoder.transform(texts)
        return np.asarray(features @ self.weights) + self.intercepts

    def probability_matrix(
        self, texts: Sequence[str], boxes: Sequence[str | None] | None = None
    ) -> np.ndarray:
        """Texts × (factors + 1) calibrated probabilities from the model alone (no corrections applied);
        the last column is the probability that the text is about none of the factors."""
        boost = box_mask(boxes, len(texts)) * self.box_boost
        return calibrated(self.logits(texts), self.calibration, np.pad(boost, ((0, 0), (0, 1))))

    def score_matrix(self, texts: Sequence[str], boxes: Sequence[str | None] | None = None) -> np.ndarray:
        """Texts × factors scores (0.5 = tagged) from the model alone (no corrections applied)."""
        return decide(self.probability_matrix(texts, boxes), self.thresholds, self.none_threshold)


def decide(probabilities: np.ndarray, thresholds: np.ndarray, none_threshold: float) -> np.ndarray:
    """Scores from texts × (factors + 1) probabilities: rescaled to the thresholds, capped below
    0.5 wherever the "about none" probability reaches its cut-off."""
    scores = rescale(probabilities[:, :-1], thresholds)
    overruled = probabilities[:, -1] >= none_threshold
    scores[overruled] = np.minimum(scores[overruled], NONE_CAP)
    return scores


def box_mask(boxes: Sequence[str | None] | None, count: int) -> np.ndarray:
    """Texts × factors: 1 where a text was typed in that factor's box; a box must be a factor id."""
    mask = np.zeros((count, len(FACTOR_IDS)))
    if boxes is None:
        return mask
    if len(boxes) != count:
        raise ValueError(f"{len(boxes)} boxes for {count} texts")
    for row, box in enumerate(boxes):
        if box is None or box == "":
            continue
        if box not in FACTOR_IDS:
            raise ValueError(f"text {row + 1}: box {box!r} is not a factor id")
        mask[row, FACTOR_IDS.index(box)] = 1.0
    return mask


def calibrated(logits: np.ndarray, calibration: np.ndarray, boost: np.ndarray | float = 0.0) -> np.ndarray:
    """Platt-scaled probabilities, with `boost` added in log-odds (the comment box's prior)."""
    log_odds = logits * calibration[:, 0] + calibration[:, 1] + boost
    return 1.0 / (1.0 + np.exp(-log_odds))
