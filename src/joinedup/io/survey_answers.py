"""Turning the answers in a survey file into numbers on the agreement scale.

Survey tools export either the number of the choice or its label, and people type
labels with their own capitals, apostrophes and abbreviations. All of them mean the
same answer, so all of them must give the same number; anything else is reported,
never guessed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from joinedup.instrument.model import Scale
from joinedup.instrument.responses import DONT_KNOW, DONT_KNOW_CODE, SCALE_MAX, SCALE_MIN

_DONT_KNOW_SPELLINGS = (
    DONT_KNOW_CODE,
    "don't know",
    "do not know",
    "dont know",
    "not applicable",
    "n/a",
    "na",
    "dk/na",
    "don't know/not applicable",
    "don't know or not applicable",
)
_MIDPOINT_SPELLINGS = ("neither agree or disagree", "neutral")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
_AROUND_SLASH = re.compile(r"\s*/\s*")


def normalise_label(text: str) -> str:
    """Case, curly quotes, spacing around `/` and a trailing full stop do not change an answer."""
    text = _SPACES.sub(" ", text.translate(_QUOTES)).strip().rstrip(".").casefold()
    return _AROUND_SLASH.sub("/", text)


def answer_lookup(scale: Scale) -> dict[str, float]:
    """Every accepted spelling, normalised, to its value on the responses-frame scale."""
    lookup: dict[str, float] = {normalise_label(label): float(point) for point, label in scale.labels.items()}
    lookup.update({label: float(point) for point, label in scale.labels.items()})
    lookup.update({scale.dont_know: DONT_KNOW, DONT_KNOW_CODE: DONT_KNOW})
    midpoint = float((SCALE_MIN + SCALE_MAX) // 2)
    lookup.update({normalise_label(text): midpoint for text in _MIDPOINT_SPELLINGS})
    for text in (*_DONT_KNOW_SPELLINGS, scale.dont_know):
        lookup[normalise_label(text)] = DONT_KNOW
    for point in scale.labels:
        lookup[str(point)] = float(point)
        lookup[f"{point}.0"] = float(point)
    return lookup


def code_answers(
    values: Sequence[str], lookup: dict[str, float]
) -> tuple[npt.NDArray[np.float64], list[int]]:
    """Numbers for `values` (NaN for blanks) and the positions of the values that are not answers.

    The exact spellings a tool writes are looked up for the whole column at once; only
    the rest are normalised one by one.
    """
    cells = pd.Series(values, dtype=object)
    coded = np.array(cells.map(lookup).to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
    bad: list[int] = []
    for position in np.flatnonzero(np.isnan(coded) & (cells != "").to_numpy()).tolist():
        value = values[position]
        number = lookup.get(normalise_label(value), _scale_point(value))
        if number is None:
            bad.append(position)
        else:
            coded[position] = number
    return coded, bad


def _scale_point(value: str) -> float | None:
    """A number such as "4.00" that a spreadsheet wrote for a whole scale point."""
    try:
        number = float(value)
    except ValueError:
        return None
    if math.isfinite(number) and number.is_integer() and SCALE_MIN <= number <= SCALE_MAX:
        return number
    return None


def why_not_an_answer(value: str) -> str:
    """The reason a cell is refused, worded for the person who has to fix the file."""
    try:
        float(value)
    except ValueError:
        return (
            f'is not an answer on the scale: use {SCALE_MIN}–{SCALE_MAX}, a label such as "Agree", '
            f"or {DONT_KNOW_CODE} for don't know / not applicable"
        )
    return f"is not on the {SCALE_MIN}–{SCALE_MAX} scale"
