"""The fast paths `analyse` takes on a million responses give exactly what the plain ones gave.

Round ordering reads each distinct (round, opening date) once instead of every row, and the JSON
is written by orjson instead of the standard encoder; both are checked here against the plain
per-row and standard-library versions they replaced, on frames and documents Hypothesis makes up.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Callable
from contextlib import redirect_stderr
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st

from joinedup.analysis.rounds import rounds_by_opening
from joinedup.cli._common import fail
from joinedup.cli._pipeline import _check_given_covers, _check_given_order, _Located, round_order
from joinedup.cli.analysis import indented_json
from joinedup.instrument.responses import ROUND_OPENS


def _per_row_round_order(
    frames: list[pd.DataFrame], located: _Located, given: list[str] | None
) -> list[str] | None:
    """The order as it was worked out before, one row at a time: the reference for the fast one."""
    labels = sorted({str(label) for frame in frames for label in frame["round"]})
    if given:
        _check_given_covers(given, labels, located)
    dated = [ROUND_OPENS in frame.columns for frame in frames]
    if given and not all(dated):
        return given
    if len(labels) <= 1 and not any(dated):
        return None
    if not all(dated):
        undated = [file for file, has in zip(located.files, dated, strict=True) if not has]
        fail(
            f"{', '.join(undated)}: no {ROUND_OPENS} column, so the order of the rounds "
            f"({', '.join(labels)}) is not known; add the date each round opened (YYYY-MM-DD) in a "
            f"{ROUND_OPENS} column, or give --round-order once per round, first round first"
        )
    pairs: list[tuple[str, str]] = []
    for frame, start in zip(frames, located.starts, strict=True):
        for offset, (label, opened) in enumerate(zip(frame["round"], frame[ROUND_OPENS], strict=True)):
            try:
                pairs.append((str(label), date.fromisoformat(str(opened)).isoformat()))
            except ValueError:
                file, row = located.where(start + offset + 1)
                fail(f"{file}: row {row}, column {ROUND_OPENS!r}, value {opened!r}: not a date (YYYY-MM-DD)")
    try:
        by_date = rounds_by_opening(pairs)
    except ValueError as error:
        fail(f"{', '.join(located.files)}: {error}")
    if given:
        _check_given_order(given, dict(pairs), located)
        return given
    return by_date


_LABELS = st.sampled_from(["Round 1", "Round 2", "R10", "March 2026 review", None, math.nan, 3])
_DATES = st.sampled_from(
    [
        "2025-01-01",
        "2025-06-01",
        "20250601",
        "2025-13-01",
        "1 March 2026",
        "",
        None,
        math.nan,
        date(2025, 1, 1),
    ]
)


@st.composite
def _frames(draw: st.DrawFn) -> list[pd.DataFrame]:
    frames = []
    for _ in range(draw(st.integers(1, 3))):
        rows = draw(st.lists(st.tuples(_LABELS, _DATES), min_size=1, max_size=12))
        columns: dict[str, list[object]] = {"round": [label for label, _ in rows]}
        if draw(st.booleans()) or draw(st.booleans()):
            columns[ROUND_OPENS] = [day for _, day in rows]
        frame = pd.DataFrame(columns)
        if draw(st.booleans()):
            frame = frame.astype({name: "str" for name in columns})
        frames.append(frame)
    return frames


Order = Callable[[list[pd.DataFrame], _Located, list[str] | None], list[str] | None]


def _outcome(order: Order, frames: list[pd.DataFrame], given: list[str] | None) -> tuple[object, str]:
    """What `order` returns, or the exit code and the message it stops with."""
    starts = np.cumsum([0, *(len(frame) for frame in frames)])[:-1].tolist()
    located = _Located([f"f{index}.csv" for index in range(len(frames))], starts, None)
    printed = io.StringIO()
    try:
        with redirect_stderr(printed):
            result: object = order(frames, located, given)
    except typer.Exit as stop:
        result = stop.exit_code
    return result, printed.getvalue()


@settings(max_examples=300, deadline=None)
@given(
    frames=_frames(),
    given_order=st.none()
    | st.permutations(["Round 1", "Round 2", "R10", "March 2026 review", "3", "nan", "None"]),
)
def test_round_order_from_distinct_pairs_matches_the_per_row_reading(
    frames: list[pd.DataFrame], given_order: list[str] | None
) -> None:
    assert _outcome(round_order, frames, given_order) == _outcome(_per_row_round_order, frames, given_order)


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e-5, 2.5e-05, 1.5e-7, -3.9e-6, 1e-100, 9.99e-5, 1e-4, 1e16, 10.00001, 0.0, -0.0])
    | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(document=st.dictionaries(st.text(), _JSON, max_size=6))
def test_indented_json_is_byte_for_byte_the_standard_encoders(document: dict[str, object]) -> None:
    assert indented_json(document) == (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def test_strings_that_look_like_small_numbers_are_left_alone() -> None:
    document = {"1e-05": [" 0.00001", "x 1e-5,", 0.00001, -1.5e-7], "note": "p 1e-5\n0.00002"}
    assert indented_json(document) == (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def _defective(frame: pd.DataFrame, defect: str) -> pd.DataFrame:
    changed = frame.copy()
    if defect == "blank agency":
        changed.loc[7, "agency"] = None
    elif defect == "empty role group":
        changed.loc[9, "role_group"] = ""
    elif defect == "spaces for a partnership":
        changed.loc[3, "partnership"] = "  "
    elif defect == "answer off the scale":
        changed.loc[11, "FU2"] = 7.0
    elif defect == "bad opening date":
        changed.loc[12, ROUND_OPENS] = "1 March 2026"
    elif defect == "missing opening date":
        changed.loc[13, ROUND_OPENS] = None
    elif defect == "round with two dates":
        changed.loc[5, ROUND_OPENS] = "2023-02-02"
    return changed


@pytest.mark.parametrize(
    "defect",
    [
        "none",
        "blank agency",
        "empty role group",
        "spaces for a partnership",
        "answer off the scale",
        "bad opening date",
        "missing opening date",
        "round with two dates",
    ],
)
def test_parquet_text_read_as_categories_gives_the_same_analysis_and_messages(
    tmp_path: Path, defect: str
) -> None:
    from joinedup.analysis import generate_responses
    from joinedup.cli._pipeline import analyse_files
    from joinedup.instrument import load_instrument

    data = generate_responses(load_instrument().items, responses=300, partnerships=2, rounds=2, seed=2)
    frame = data.responses.assign(
        **{ROUND_OPENS: data.responses["round"].map({"Round 1": "2025-01-01", "Round 2": "2025-07-01"})}
    )
    path = tmp_path / "responses.parquet"
    _defective(frame, defect).to_parquet(path, index=False)

    def run(categories: bool) -> tuple[object, str]:
        printed = io.StringIO()
        try:
            with redirect_stderr(printed):
                analysed = analyse_files(
                    [str(path)],
                    version=None,
                    min_group=5,
                    invitations=None,
                    given_order=None,
                    text_as_categories=categories,
                )
        except typer.Exit as stop:
            return stop.exit_code, printed.getvalue()
        return analysed.result.to_dict(), ""

    as_text, as_categories = run(False), run(True)
    assert as_categories == as_text
    assert (defect == "none") == (as_text[1] == "")
