"""How many respondents gave each answer to each item, for diverging stacked bars.

Counts are of the answer as given (before reverse recoding), so a chart shows what
people said to the statement as worded.
"""

from __future__ import annotations

import numpy as np

from joinedup.analysis.encoding import ANSWER_CODES, DONT_KNOW_CODE, UNANSWERED_CODE

ANSWER_KEYS: tuple[str, ...] = tuple(
    "unanswered" if code == UNANSWERED_CODE else "dont_know" if code == DONT_KNOW_CODE else str(code)
    for code in range(ANSWER_CODES)
)


def answer_counts(answers: np.ndarray, cell: np.ndarray, cells: int) -> np.ndarray:
    """Counts shaped (cell, item, answer code)."""
    counts = np.empty((cells, answers.shape[1], ANSWER_CODES), dtype=np.int64)
    base = cell.astype(np.int64) * ANSWER_CODES
    for item in range(answers.shape[1]):
        counts[:, item, :] = np.bincount(base + answers[:, item], minlength=cells * ANSWER_CODES).reshape(
            cells, ANSWER_CODES
        )
    return counts


def as_distribution(counts: np.ndarray) -> dict[str, int]:
    """Scale answers first, in scale order, then don't know and unanswered."""
    order = [*range(1, DONT_KNOW_CODE), DONT_KNOW_CODE, UNANSWERED_CODE]
    return {ANSWER_KEYS[code]: int(counts[code]) for code in order}
