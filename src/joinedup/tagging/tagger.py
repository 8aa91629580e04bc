"""A fitted tagger: features in, factor ids and comparable scores out.

Every tagger kind shares this one inference path (a linear layer per factor over the
encoder's features, a sigmoid, the calibrated thresholds), so scores mean the same
thing whichever encoder produced the features.
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


@dataclass(frozen=True)
class TagResult:
    """The factors a text is about, and a score in [0, 1] for every factor."""

    text: str
    factors: list[str]
    scores: dict[str, float]


@dataclass
class Tagger:
    """Tags texts in batches; built by `training.fit_tagger`, never by hand."""

    kind: str
    encoder: TextEncoder
    weights: np.ndarray
    intercepts: np.ndarray
    thresholds: np.ndarray
    corrections: tuple[Correction, ...] = ()
    _overrides: Mapping[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._overrides = {
            normalise_text(correction.text): tuple(correction.factors) for correction in self.corrections
        }

    def tag(self, texts: Sequence[str]) -> list[TagResult]:
        """Tag all texts in one pass; a blank text is about no factor."""
        if not texts:
            return []
        scores = self.score_matrix(texts)
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

    def score_matrix(self, texts: Sequence[str]) -> np.ndarray:
        """Texts × factors scores from the model alone (no corrections applied)."""
        features = self.encoder.transform(texts)
        logits = np.asarray(features @ self.weights) + self.intercepts
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return rescale(probabilities, self.thresholds)
