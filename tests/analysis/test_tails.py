"""The analysis's tail areas and quantiles from `scipy.special` equal `scipy.stats`'s.

The analysis stopped importing `scipy.stats` to save start-up time (issue 13); these tests hold
the replacement to the same numbers, including NaN for missing or non-positive degrees of
freedom, and check that importing the analysis no longer loads `scipy.stats`.
"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats

from joinedup.analysis.tails import chi2_sf, f_isf, normal_sf, t_ppf, t_sf

values = st.floats(min_value=-50, max_value=50, allow_nan=False)
degrees = st.one_of(
    st.floats(min_value=0.5, max_value=1e6, allow_nan=False),
    st.sampled_from([float("nan"), 0.0, -1.0, 1.0, 2.0]),
)
probabilities = st.floats(min_value=1e-6, max_value=1 - 1e-6)


def _same(ours: np.ndarray, theirs: np.ndarray) -> None:
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-300, equal_nan=True)


@given(values)
def test_normal_sf(x: float) -> None:
    _same(normal_sf(x), stats.norm.sf(x))


@given(st.floats(min_value=0, max_value=500, allow_nan=False), degrees)
def test_chi2_sf(x: float, df: float) -> None:
    _same(chi2_sf(x, df), stats.chi2.sf(x, df))


@given(values, degrees)
def test_t_sf(x: float, df: float) -> None:
    _same(t_sf(x, df), stats.t.sf(x, df))


@given(probabilities, degrees)
def test_t_ppf(q: float, df: float) -> None:
    _same(t_ppf(q, df), stats.t.ppf(q, df))


@given(probabilities, degrees, degrees)
def test_f_isf(q: float, dfn: float, dfd: float) -> None:
    _same(f_isf(q, dfn, dfd), stats.f.isf(q, dfn, dfd))


def test_arrays_elementwise() -> None:
    df = np.array([np.nan, 0.0, 3.0, 40.0])
    _same(t_ppf(0.975, df), stats.t.ppf(0.975, df))
    _same(chi2_sf(np.array([1.0, 2.0, 3.0, 4.0]), df), stats.chi2.sf([1.0, 2.0, 3.0, 4.0], df))


def test_analysis_does_not_import_scipy_stats() -> None:
    code = "import sys, joinedup.analysis; print('scipy.stats' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
