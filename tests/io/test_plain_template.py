"""The column-by-column reading of a plain template CSV accepts and rejects exactly what the
cell-by-cell reader does, and when it accepts a file it gives the reader's frame.

`read_plain_template` either returns the frame `read_responses` would return or None, and the
caller then reads the file cell by cell, so an error is always the reader's own message. These
tests make up template files with the problems real ones have (bad answers, labels, blanks,
unanswered rows, role-group names, formula-protected text, stray spaces, quotes, bad dates) and
check both readers on each.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from joinedup.instrument import load_instrument
from joinedup.instrument.responses import DONT_KNOW_CODE
from joinedup.io.survey_export import template_header
from joinedup.io.survey_import import ImportFailed, read_plain_template, read_responses

INSTRUMENT = load_instrument()
HEADER = template_header(INSTRUMENT, round_opens=True)
ITEMS = INSTRUMENT.item_ids()
COMMENTS = INSTRUMENT.comment_columns()

_VALID = {
    "partnership": ["Partnership 01", "P2", " P3 ", "'=SUM(A1)"],
    "round": ["Round 1", "Round 2"],
    "round_opens": ["2025-01-01", "2025-06-01", "20250601"],
    "agency": ["Police", "Health & Care", "'+44 Agency", " Police "],
    "role_group": ["practitioner", "team-leader", "Team leader or first-line manager"],
    "item": ["1", "2", "3", "4", "5", "", DONT_KNOW_CODE, "Agree", "strongly agree", "2.0", " 4", "neutral"],
    "comment": ["", "", "Good mostly", "'-reads as a formula"],
}
_BAD = ["", "nobody", "Good, mostly", "0", "6", "x", "2.5", "x" * 2001, 'said "fine"', "1 March 2026", "=1+1"]


def _kind(column: str) -> str:
    return "item" if column in ITEMS else "comment" if column in COMMENTS else column


@st.composite
def _template_rows(draw: st.DrawFn) -> list[list[str]]:
    """Rows of valid cells, some rows with no answer at all, and perhaps one or two bad cells."""
    count = draw(st.integers(1, 8))
    rows = []
    for _ in range(count):
        unanswered = draw(st.integers(0, 5)) == 0
        rows.append(
            [
                ""
                if unanswered and _kind(name) in {"item", "comment"}
                else draw(st.sampled_from(_VALID[_kind(name)]))
                for name in HEADER
            ]
        )
    for _ in range(draw(st.integers(0, 2))):
        row, column = draw(st.integers(0, count - 1)), draw(st.integers(0, len(HEADER) - 1))
        rows[row][column] = draw(st.sampled_from(_BAD))
    return rows


def _write(path: Path, rows: list[list[str]], *, bom: bool) -> None:
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows([HEADER, *rows])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.getvalue().encode("utf-8"))


def _both(path: Path) -> tuple[pd.DataFrame | None, pd.DataFrame | ImportFailed]:
    plain = read_plain_template(path, INSTRUMENT)
    try:
        return plain, read_responses(path, INSTRUMENT).frame
    except ImportFailed as failure:
        return plain, failure


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_template_rows(), bom=st.booleans())
def test_the_column_reading_accepts_only_what_the_cell_reader_accepts_and_gives_its_frame(
    tmp_path: Path, rows: list[list[str]], bom: bool
) -> None:
    path = tmp_path / "responses.csv"
    _write(path, rows, bom=bom)
    plain, full = _both(path)
    if isinstance(full, ImportFailed):
        assert plain is None, f"accepted a file the reader refuses: {full.errors[0]}"
    elif plain is not None:
        pd.testing.assert_frame_equal(plain, full, check_exact=True)


def _clean_rows(count: int) -> list[list[str]]:
    rows = []
    for index in range(count):
        row = {
            "partnership": "P1",
            "round": f"Round {1 + index % 2}",
            "round_opens": f"2025-0{1 + index % 2}-01",
        }
        row |= {"agency": ["Police", "Health"][index % 2], "role_group": "practitioner"}
        row |= {item: str(1 + (index + position) % 5) for position, item in enumerate(ITEMS)}
        row |= dict.fromkeys(COMMENTS, "")
        rows.append([row[name] for name in HEADER])
    return rows


def test_a_plain_template_is_read_by_columns_into_the_readers_frame(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    rows = _clean_rows(40)
    rows[3][HEADER.index("role_group")] = "Team leader or first-line manager"
    rows[5][HEADER.index(ITEMS[0])] = "Strongly agree"
    rows[7] = [*rows[7][:5], *[""] * (len(HEADER) - 5)]  # no answer: left out, not refused
    _write(path, rows, bom=True)
    plain, full = _both(path)
    assert plain is not None and not isinstance(full, ImportFailed)
    pd.testing.assert_frame_equal(plain, full, check_exact=True)
    assert len(plain) == 39 and plain["role_group"].iloc[3] == "team-leader"


def _utf8(change: Callable[[str], str]) -> Callable[[str], bytes]:
    return lambda text: change(text).encode("utf-8")


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (_utf8(lambda text: text.replace("practitioner", '"practitioner"', 1)), "a quoted cell"),
        (_utf8(lambda text: text.replace(",", ";")), "another delimiter"),
        (_utf8(lambda text: "Title\n" + text), "a title above the header"),
        (_utf8(lambda text: text.replace("P1,", "P1,,", 1)), "a ragged row"),
        (lambda text: text.replace("P1", "P\u00e9", 1).encode("cp1252"), "Windows-1252"),
    ],
)
def test_anything_but_a_plain_template_is_left_to_the_cell_reader(
    tmp_path: Path, change: Callable[[str], bytes], why: str
) -> None:
    path = tmp_path / "responses.csv"
    _write(path, _clean_rows(6), bom=False)
    path.write_bytes(change(path.read_text(encoding="utf-8")))
    assert read_plain_template(path, INSTRUMENT) is None, why
    assert not isinstance(_both(path)[1], ImportFailed) or why in {"a title above the header", "a ragged row"}
