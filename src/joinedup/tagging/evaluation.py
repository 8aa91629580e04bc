"""How well a tagger agrees with people: micro, macro and per-factor figures on labelled texts.

Macro F1 weighs every factor equally, so a tagger cannot look good by getting the
common factors right and ignoring the rare ones; micro F1 says how often a single tag
is right overall. Figures per register (survey comments, minutes, inspection, research
prose) show whether the tagger holds in each way people write, and the confusion
between neighbouring factors shows which mix-ups remain.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.metrics import f1_score, precision_score, recall_score

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging.examples import LabelledText
from joinedup.tagging.tagger import TagResult

NEIGHBOURS: tuple[tuple[str, str], ...] = (
    ("shared-purpose", "commitment"),
    ("shared-purpose", "leadership"),
    ("commitment", "leadership"),
    ("professional-culture", "communication"),
    ("staff-support", "recruitment"),
)
"""Pairs of factors whose language overlaps most (issue 15), for the confusion table."""


@dataclass(frozen=True)
class Evaluation:
    micro_f1: float
    macro_f1: float
    per_factor_f1: dict[str, float]
    empty_accuracy: float
    """Of the texts about no factor, the share the tagger also left untagged."""
    per_factor_precision: dict[str, float]
    per_factor_recall: dict[str, float]
    support: dict[str, int]
    """Per factor, how many texts people labelled with it."""
    per_register_macro_f1: dict[str, float]
    per_register_micro_f1: dict[str, float]
    confusion: dict[tuple[str, str], tuple[int, int]]
    """Per neighbouring pair (a, b): texts about a but not b tagged b, and about b but not a tagged a."""

    def largest_factors(self, count: int = 6) -> list[str]:
        """The factors with the most labelled texts (ties in factor order)."""
        return sorted(FACTOR_IDS, key=lambda factor: -self.support[factor])[:count]


def evaluate(results: Sequence[TagResult], truth: Sequence[LabelledText]) -> Evaluation:
    """Compare tags with labels, text by text (both in the same order)."""
    if len(results) != len(truth):
        raise ValueError(f"{len(results)} results for {len(truth)} labelled texts")
    expected = indicator([example.factors for example in truth])
    predicted = indicator([result.factors for result in results])
    empty = [not example.factors for example in truth]
    untagged = [not result.factors for result, is_empty in zip(results, empty, strict=True) if is_empty]
    registers = np.array([example.register for example in truth])
    per_register = {str(register): registers == register for register in sorted(set(registers.tolist()))}
    return Evaluation(
        micro_f1=_f1(expected, predicted, "micro"),
        macro_f1=_f1(expected, predicted, "macro"),
        per_factor_f1=_per_factor(f1_score, expected, predicted),
        empty_accuracy=float(np.mean(untagged)) if untagged else 1.0,
        per_factor_precision=_per_factor(precision_score, expected, predicted),
        per_factor_recall=_per_factor(recall_score, expected, predicted),
        support={factor: int(count) for factor, count in zip(FACTOR_IDS, expected.sum(axis=0), strict=True)},
        per_register_macro_f1={
            r: _f1(expected[rows], predicted[rows], "macro") for r, rows in per_register.items()
        },
        per_register_micro_f1={
            r: _f1(expected[rows], predicted[rows], "micro") for r, rows in per_register.items()
        },
        confusion={pair: _confused(expected, predicted, *pair) for pair in NEIGHBOURS},
    )


def indicator(labels: Sequence[Sequence[str]]) -> np.ndarray:
    """Texts × factors 0/1 matrix of the factors each text carries."""
    return np.array([[factor in row for factor in FACTOR_IDS] for row in labels], dtype=np.int8).reshape(
        len(labels), len(FACTOR_IDS)
    )


def _f1(expected: np.ndarray, predicted: np.ndarray, average: str) -> float:
    return float(f1_score(expected, predicted, average=average, zero_division=0.0))


def _per_factor(
    metric: Callable[..., np.ndarray], expected: np.ndarray, predicted: np.ndarray
) -> dict[str, float]:
    values = metric(expected, predicted, average=None, zero_division=0.0)
    return {factor: float(value) for factor, value in zip(FACTOR_IDS, values, strict=True)}


def _confused(expected: np.ndarray, predicted: np.ndarray, first: str, second: str) -> tuple[int, int]:
    a, b = FACTOR_IDS.index(first), FACTOR_IDS.index(second)
    a_as_b = int(((expected[:, a] == 1) & (expected[:, b] == 0) & (predicted[:, b] == 1)).sum())
    b_as_a = int(((expected[:, b] == 1) & (expected[:, a] == 0) & (predicted[:, a] == 1)).sum())
    return a_as_b, b_as_a
