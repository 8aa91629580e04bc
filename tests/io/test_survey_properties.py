"""Properties of the survey importer that must hold for any file, not just the fixtures."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.instrument import load_instrument
from joinedup.instrument.responses import DONT_KNOW, DONT_KNOW_LABEL, ID_COLUMNS, SCALE_LABELS
from joinedup.io.survey_export import template_header, write_template
from joinedup.io.survey_import import ImportFailed, read_responses

INSTRUMENT = load_instrument("1")
ITEMS = INSTRUMENT.item_ids()
COMMENTS = INSTRUMENT.comment_columns()
PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

_printable = st.characters(blacklist_categories=("Cs", "Cc"))
_text = st.text(_printable, min_size=1, max_size=15).map(str.strip).filter(bool)
_answer = st.sampled_from([1.0, 2.0, 3.0, 4.0, 5.0, DONT_KNOW, math.nan])
_role = st.sampled_from(["practitioner", "team-leader", "chief-officer", "named-person"])


def _every_row_answers(frame: pd.DataFrame) -> bool:
    """A row with no answer is not a response, so reading it back leaves it out."""
    return bool(frame[ITEMS].notna().any(axis=1).all())


@st.composite
def response_frames(draw: st.DrawFn) -> pd.DataFrame:
    rows = draw(st.integers(min_value=1, max_value=6))
    columns: dict[str, object] = {
        "partnership": draw(st.lists(_text, min_size=rows, max_size=rows)),
        "round": draw(st.lists(_text, min_size=rows, max_size=rows)),
        "agency": draw(st.lists(_text, min_size=rows, max_size=rows)),
        "role_group": draw(st.lists(_role, min_size=rows, max_size=rows)),
    }
    for item_id in ITEMS:
        columns[item_id] = np.array(draw(st.lists(_answer, min_size=rows, max_size=rows)))
    for column in COMMENTS:
        columns[column] = pd.Series(
            draw(st.lists(st.none() | _text, min_size=rows, max_size=rows)), dtype="str"
        )
    return pd.DataFrame(columns).astype({column: "str" for column in ID_COLUMNS})


@PROPERTY_SETTINGS
@given(frame=response_frames().filter(_every_row_answers), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_writing_a_frame_to_the_template_and_reading_it_back_changes_nothing(
    tmp_path: Path, frame: pd.DataFrame, suffix: str
) -> None:
    path = tmp_path / f"round{suffix}"
    write_template(path, INSTRUMENT, frame)
    pd.testing.assert_frame_equal(read_responses(path, INSTRUMENT).frame, frame)


@PROPERTY_SETTINGS
@given(answers=st.lists(st.sampled_from([1, 2, 3, 4, 5, 0]), min_size=1, max_size=8), data=st.data())
def test_answers_given_as_labels_or_numbers_map_identically(
    tmp_path: Path, answers: list[int], data: st.DataObject
) -> None:
    def write(name: str, cells: list[str]) -> Path:
        path = tmp_path / name
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["agency", "role_group", INSTRUMENT.items[0].text])
            writer.writerows(["Education", "practitioner", cell] for cell in cells)
        return path

    numbers = [str(answer) if answer else "DK" for answer in answers]
    labels = [SCALE_LABELS[answer] if answer else DONT_KNOW_LABEL for answer in answers]
    shouted = [data.draw(st.sampled_from([label.upper(), label.lower(), f" {label}. "])) for label in labels]
    frames = [
        read_responses(
            write(f"{name}.csv", cells), INSTRUMENT, defaults={"partnership": "P", "round": "R"}
        ).frame
        for name, cells in (("numbers", numbers), ("labels", labels), ("shouted", shouted))
    ]
    pd.testing.assert_frame_equal(frames[0], frames[1])
    pd.testing.assert_frame_equal(frames[0], frames[2])
    assert frames[0][ITEMS[0]].tolist() == [float(answer) for answer in answers]


_any_cell = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)


@PROPERTY_SETTINGS
@given(
    cells=st.lists(st.lists(_any_cell, min_size=0, max_size=8), min_size=0, max_size=5),
    header_width=st.integers(min_value=0, max_value=8),
    skip_bad_rows=st.booleans(),
)
def test_arbitrary_cells_in_a_template_either_import_or_fail_as_import_failed(
    tmp_path: Path, cells: list[list[str]], header_width: int, skip_bad_rows: bool
) -> None:
    header = template_header(INSTRUMENT)[:header_width]
    path = tmp_path / "any.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *cells])
    try:
        result = read_responses(path, INSTRUMENT, skip_bad_rows=skip_bad_rows, defaults={"partnership": "P"})
    except ImportFailed as failure:
        assert failure.errors and all(str(error).startswith("any.csv") for error in failure.errors)
    else:
        assert list(result.frame.columns) == template_header(INSTRUMENT)
        assert (
            result.frame[ITEMS]
            .isin([1.0, 2.0, 3.0, 4.0, 5.0, DONT_KNOW])
            .to_numpy()[result.frame[ITEMS].notna().to_numpy()]
            .all()
        )


@PROPERTY_SETTINGS
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".ods", ".tsv"]))
def test_arbitrary_bytes_fail_only_as_import_failed(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(content)
    with pytest.raises(ImportFailed):
        read_responses(path, INSTRUMENT)
