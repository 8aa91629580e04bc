from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.tagging.inputs import InputError, texts_from_csv, texts_from_lines

cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30)


def test_lines_become_texts_one_for_one_including_blank_ones():
    assert texts_from_lines("first\n\nthird\n") == ["first", "", "third"]


@given(st.lists(st.tuples(cells, cells), min_size=1, max_size=20))
def test_a_csv_column_is_read_back_exactly_in_row_order(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "comment"])
    writer.writerows(rows)
    texts = texts_from_csv(buffer.getvalue(), column="comment", source="s.csv")
    assert texts == [comment for _, comment in rows]


def test_a_missing_column_is_named_with_the_columns_found():
    with pytest.raises(InputError, match=r"row 1 \(header\): column 'text' not found; columns are \["):
        texts_from_csv("id,comment\n1,hello\n", column="text", source="s.csv")


def test_a_short_row_is_named():
    with pytest.raises(InputError, match=r"s\.csv: row 3, column 'comment': the row is too short"):
        texts_from_csv("id,comment\n1,hello\n2\n", column="comment", source="s.csv")
