"""A float answer column is coded by its int8 truncation exactly as the general reading codes it."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.analysis import ResponseDataError
from joinedup.analysis.encoding import _answer_codes

_AWKWARD = [
    np.nan,
    0.0,
    -0.0,
    1.0,
    5.0,
    6.0,
    -1.0,
    2.5,
    127.0,
    -128.0,
    255.0,
    256.0,
    260.0,
    1e10,
    np.inf,
    -np.inf,
]


def _outcome(column: pd.Series) -> object:
    try:
        return _answer_codes(pd.DataFrame({"item": column}), "item").tolist()
    except ResponseDataError as error:
        return str(error)


@settings(max_examples=300, deadline=None)
@given(
    values=st.lists(st.sampled_from(_AWKWARD) | st.floats(-300, 300), min_size=1, max_size=30),
    dtype=st.sampled_from([np.float32, np.float64]),
)
def test_float_columns_are_coded_and_refused_as_any_column_is(values: list[float], dtype: type) -> None:
    numbers: np.ndarray = np.array(values, dtype=dtype)
    as_objects = pd.Series(numbers.astype(object), dtype=object)
    assert _outcome(pd.Series(numbers)) == _outcome(as_objects)
