"""The few tail areas and quantiles the analysis needs, from `scipy.special`.

`scipy.stats` builds hundreds of distribution objects and parses their docstrings when it is
imported, which cost more than a second of every `joinedup` command's start-up (issue 13). The
analysis needs only five functions of four distributions, and `scipy.special` computes each of
them directly (the same routines `scipy.stats` calls underneath), so the results are identical
to `scipy.stats`'s (`tests/test_tails.py` holds them to it). All take and return arrays
elementwise and give NaN where a degree of freedom is missing or not positive, as
`scipy.stats` does.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy import special


def _positive(*degrees: ArrayLike) -> np.ndarray:
    """True where every degree of freedom is a positive number (NaN compares False)."""
    mask = np.asarray(True)
    for value in degrees:
        mask = mask & (np.asarray(value, dtype=float) > 0)
    return mask


def normal_sf(x: ArrayLike) -> np.ndarray:
    """Upper tail area of the standard normal beyond `x` (`scipy.stats.norm.sf`)."""
    return np.asarray(special.ndtr(-np.asarray(x, dtype=float)))


def chi2_sf(x: ArrayLike, df: ArrayLike) -> np.ndarray:
    """Upper tail area of chi-squared with `df` degrees of freedom beyond `x` (`chi2.sf`)."""
    with np.errstate(invalid="ignore"):
        return np.where(_positive(df), special.chdtrc(df, x), np.nan)


def t_sf(x: ArrayLike, df: ArrayLike) -> np.ndarray:
    """Upper tail area of Student's t with `df` degrees of freedom beyond `x` (`t.sf`)."""
    with np.errstate(invalid="ignore"):
        return np.where(_positive(df), special.stdtr(df, -np.asarray(x, dtype=float)), np.nan)


def t_ppf(q: ArrayLike, df: ArrayLike) -> np.ndarray:
    """The value of Student's t with `df` degrees of freedom below which `q` lies (`t.ppf`)."""
    with np.errstate(invalid="ignore"):
        return np.where(_positive(df), special.stdtrit(df, q), np.nan)


def f_isf(q: ArrayLike, dfn: ArrayLike, dfd: ArrayLike) -> np.ndarray:
    """The value of F(`dfn`, `dfd`) above which `q` lies (`scipy.stats.f.isf`)."""
    with np.errstate(invalid="ignore"):
        return np.where(_positive(dfn, dfd), special.fdtri(dfn, dfd, 1 - np.asarray(q, dtype=float)), np.nan)
