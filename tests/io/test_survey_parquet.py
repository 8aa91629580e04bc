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


def test_rows_with_no_answer_are_left_out_unchecked_as_in_a_csv(tmp_path: Path) -> None:
    frame = _frame()
    frame.loc[1, [*INSTRUMENT.item_ids()]] = np.nan
    frame.loc[1, "FU1"] = " "
    frame.loc[1, "role_group"] = "wizard"  # never checked: the row is not a response
    path = tmp_path / "r.parquet"
    frame.to_parquet(path)
    result = read_responses(path, INSTRUMENT)
    assert len(result.frame) == 5 and result.left_out.unanswered == [3]
    frame.loc[:, [*INSTRUMENT.item_ids()]] = np.nan
    frame.to_parquet(path)
    with pytest.raises(ImportFailed, match="every row under the header was left out"):
        read_responses(path, INSTRUMENT)


def test_a_bad_row_after_a_left_out_row_keeps_its_own_number(tmp_path: Path) -> None:
    from joinedup.io.survey_parquet import read_parquet_responses

    frame = _frame()
    frame.loc[1, [*INSTRUMENT.item_ids()]] = np.nan
    frame.loc[1, "FU1"] = None
    frame.loc[4, "PC1"] = 7.0
    path = tmp_path / "r.parquet"
    frame.to_parquet(path)
    with pytest.raises(ImportFailed) as failure:
        read_parquet_responses(path, INSTRUMENT, text_as_categories=True)
    assert [str(error) for error in failure.value.errors] == [
        'r.parquet, row 6, column "PC1": "7" is not on the 1–5 scale'
    ]
    frame.loc[4, "PC1"] = 2.0
    frame.to_parquet(path)
    read = read_parquet_responses(path, INSTRUMENT, text_as_categories=True)
    assert len(read) == 5 and read["PC1"].tolist() == [3.0, 3.0, 3.0, 2.0, 3.0]
