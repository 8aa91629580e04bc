"""`read_responses` on a Parquet file: the CSV reader's checks and options, row numbers as in the CSV."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from joinedup.instrument import load_instrument
from joinedup.io.survey_import import ImportFailed, read_responses

INSTRUMENT = load_instrument("1")


def _frame(rows: int = 6) -> pd.DataFrame:
    """A template frame of `rows` responses with every statement answered 3 (text "3" in FU1)."""
    data: dict[str, object] = {
        "partnership": ["Fife"] * rows,
        "round": ["Spring"] * rows,
        "agency": ["Health"] * rows,
        "role_group": ["practitioner"] * rows,
    }
    data.update({item_id: np.full(rows, 3.0) for item_id in INSTRUMENT.item_ids()})
    data["FU1"] = ["3"] * rows
    return pd.DataFrame(data)


def test_agencies_outside_the_list_are_refused_and_skipped_rows_listed(tmp_path: Path) -> None:
    frame = _frame()
    frame.loc[2, "agency"] = "Fire"
    frame.loc[4, "FU1"] = "Agree"
    path = tmp_path / "r.parquet"
    frame.to_parquet(path)
    with pytest.raises(ImportFailed) as failure:
        read_responses(path, INSTRUMENT, known_agencies=["Health"])
    assert [str(error) for error in failure.value.errors] == [
        'r.parquet, row 4, column "agency": "Fire" is not one of the agencies in this partnership (Health)'
    ]
    result = read_responses(path, INSTRUMENT, known_agencies=["health"], skip_bad_rows=True)
    assert [error.row for error in result.skipped_rows] == [4]
    assert set(result.frame["agency"]) == {"health"}  # the partnership's spelling, as from a CSV
    assert result.frame["FU1"].tolist() == [3.0, 3.0, 3.0, 4.0, 3.0]


def test_a_missing_identifier_column_takes_the_default(tmp_path: Path) -> None:
    path = tmp_path / "r.parquet"
    _frame().drop(columns=["round"]).to_parquet(path)
    with pytest.raises(ImportFailed, match='has no "round" column'):
        read_responses(path, INSTRUMENT)
    assert set(read_responses(path, INSTRUMENT, defaults={"round": "Spring"}).frame["round"]) == {"Spring"}
