"""How well a tagger agrees with people: micro, macro and per-factor F1 on labelled texts.

Macro F1 weighs every factor equally, so a tagger cannot look good by getting the
common factors right and ignoring the rare ones; micro F1 says how often a single tag
is right overall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import f1_score

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.examples import LabelledText
from joinedup.tagging.tagger import TagResult


@dataclass(frozen=True)
class Evaluation:
    micro_f1: float
    macro_f1: float
    per_factor_f1: dict[str, float]
    empty_accuracy: float
    """Of the texts about no factor, the share the tagger also left untagged."""


def evaluate(results: Sequence[TagResult], truth: Sequence[LabelledText]) -> Evaluation:
    """Compare tags with labels, text by text (both in the same order)."""
    if len(results) != len(truth):
        raise ValueError(f"{len(results)} results for {len(truth)} labelled texts")
    expected = _indicator([example.factors for example in truth])
    predicted = _indicator([result.factors for result in results])
    per_factor = f1_score(expected, predicted, average=None, zero_division=0.0)
    empty = [not example.factors for example in truth]
    untagged = [not result.factors for result, is_empty in zip(results, empty, strict=True) if is_empty]
    return Evaluation(
        micro_f1=float(f1_score(expected, predicted, average="micro", zero_division=0.0)),
        macro_f1=float(f1_score(expected, predicted, average="macro", zero_division=0.0)),
        per_factor_f1={factor: float(score) for factor, score in zip(FACTOR_IDS, per_factor, strict=True)},
        empty_accuracy=float(np.mean(untagged)) if untagged else 1.0,
    )


def _indicator(labels: Sequence[Sequence[str]]) -> np.ndarray:
    return np.array([[factor in row for factor in FACTOR_IDS] for row in labels], dtype=np.int8)
