"""Factor means, their confidence intervals and the project's interpretation bands.

The bands are joinedup's own thresholds on the 1-5 agreement scale, chosen to
match how collaboration inventories are commonly read: 4.0 and above is a
strength, 3.0 to under 4.0 is borderline (worth discussing), under 3.0 is a
concern (worth acting on). They are conventions, not validated cut-offs.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from joinedup.analysis.tails import t_ppf

Band = Literal["strength", "borderline", "concern"]
STRENGTH_FROM = 4.0
BORDERLINE_FROM = 3.0
CONFIDENCE = 0.95


def band(mean: float) -> Band:
    """The band a factor mean falls in."""
    if mean >= STRENGTH_FROM:
        return "strength"
    if mean >= BORDERLINE_FROM:
        return "borderline"
    return "concern"


def mean_interval(mean: np.ndarray, variance: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Student-t 95% interval of a mean of respondent scores (NaN where n < 2)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        degrees = np.where(n > 1, n - 1, np.nan)
        half = t_ppf(0.5 + CONFIDENCE / 2, degrees) * np.sqrt(variance / n)
    return mean - half, mean + half
