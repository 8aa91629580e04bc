"""The one RACI cell rule: blank, a single letter, or A and R together, however it is typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.checks.raci import VALID_CELLS, RaciCellError, cell_label, cell_letters, raci_cell
from joinedup.checks.records import RaciRole

SEPARATORS = st.sampled_from(["", " ", "/", ",", "+", "&", " / ", ", "])


@st.composite
def typed(draw: st.DrawFn, cell: frozenset[RaciRole]) -> str:
    """The cell as a person might type it: any order, either case, any separators."""
    letters = draw(st.permutations([role.value for role in cell]))
    cased = [letter.lower() if draw(st.booleans()) else letter for letter in letters]
    joined = "".join(letter + draw(SEPARATORS) for letter in cased)
    return draw(st.sampled_from(["", " "])) + joined + draw(st.sampled_from(["", "  "]))


@given(data=st.data(), cell=st.sampled_from(VALID_CELLS))
def test_every_valid_cell_is_read_back_however_it_is_typed(data, cell):
    assert raci_cell(data.draw(typed(cell))) == cell


@given(text=st.text(alphabet="RACIracixX /,+&-1", max_size=8))
def test_any_text_is_either_a_valid_cell_or_refused_with_a_reason(text):
    try:
        cell = raci_cell(text)
    except RaciCellError as refused:
        assert "A/R" in str(refused)
    else:
        assert cell in VALID_CELLS
        assert raci_cell(cell_letters(cell)) == cell


@given(cell=st.sets(st.sampled_from(list(RaciRole)), min_size=2))
def test_only_a_and_r_may_share_a_cell(cell):
    letters = "/".join(role.value for role in cell)
    if set(cell) == {RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE}:
        assert raci_cell(letters) == frozenset(cell)
    else:
        with pytest.raises(RaciCellError, match="only A and R may share a cell"):
            raci_cell(letters)


@pytest.mark.parametrize("text", ["RR", "A/A", "X", "R-A", "RACI"])
def test_repeats_unknown_letters_and_stray_marks_are_refused(text):
    with pytest.raises(RaciCellError):
        raci_cell(text)


def test_cells_are_stored_in_raci_order_and_labelled_for_the_form():
    assert [cell_letters(cell) for cell in VALID_CELLS] == ["", "R", "A", "RA", "C", "I"]
    assert [cell_label(cell) for cell in VALID_CELLS] == [
        "–",
        "R (responsible)",
        "A (accountable)",
        "A and R",
        "C (consulted)",
        "I (informed)",
    ]
