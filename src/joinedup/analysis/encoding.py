"""Check a responses frame and turn it into compact integer arrays.

Everything downstream works on integer codes so that one vectorised pass serves
every partnership and round at once: answers become an int8 matrix (0 unanswered,
1-5 the answer as given, 6 "don't know") and the identifier columns become codes.
Rows are sorted by (partnership, round) only logically, through the cell code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from joinedup.analysis.items import ItemSpec
from joinedup.analysis.rounds import natural_key, order_rounds, rounds_by_opening
from joinedup.instrument.responses import DONT_KNOW, ID_COLUMNS, ROUND_OPENS, SCALE_MAX, SCALE_MIN

UNANSWERED_CODE = 0
DONT_KNOW_CODE = 6
ANSWER_CODES = 7


class ResponseDataError(ValueError):
    """A value the analysis cannot use, located so that a person can fix the source.

    `source` says which input holds it ("responses" or "invitations"); `row` is the
    1-based position in that frame, which a shell turns into a file and line.
    """

    def __init__(
        self, row: int | None, column: str, value: object, reason: str, source: str = "responses"
    ) -> None:
        self.source = source
        self.row = row
        self.column = column
        self.value = value.item() if isinstance(value, np.generic) else value
        self.reason = reason
        where = f"row {row}, " if row is not None else ""
        super().__init__(f"{where}column {column!r}, value {self.value!r}: {reason}")


@dataclass(frozen=True)
class EncodedResponses:
    """The responses as codes; `cells` lists (partnership, round) in reporting order."""

    answers: np.ndarray
    cell: np.ndarray
    agency: np.ndarray
    role_group: np.ndarray
    cells: tuple[tuple[str, str], ...]
    cell_partnership: np.ndarray
    previous_cell: np.ndarray
    partnerships: tuple[str, ...]
    agencies: tuple[str, ...]
    role_groups: tuple[str, ...]

    @property
    def n_cells(self) -> int:
        return len(self.cells)


def _identifier_codes(frame: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    values = frame[column]
    codes, uniques = pd.factorize(values, sort=False)
    blank = codes < 0
    if not blank.any():
        text = pd.Index(uniques).astype(str)
        empty = np.flatnonzero(text.str.strip() == "")
        if empty.size:
            blank = codes == empty[0]
    if blank.any():
        row = int(np.flatnonzero(blank)[0])
        raise ResponseDataError(row + 1, column, values.iloc[row], "every response needs a value here")
    return codes.astype(np.int32), np.asarray(pd.Index(uniques).astype(str), dtype=object)


def _answer_codes(frame: pd.DataFrame, item_id: str) -> np.ndarray:
    raw = frame[item_id]
    if pd.api.types.is_float_dtype(raw.dtype) and isinstance(raw.dtype, np.dtype):
        numbers = raw.to_numpy()
        coded = _float_answer_codes(numbers)
        if coded is not None:
            return coded
        not_numeric = np.zeros(len(numbers), dtype=bool)
    else:
        numbers = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        not_numeric = np.isnan(numbers) & raw.notna().to_numpy()
    unanswered = np.isnan(numbers)
    on_scale = (numbers >= SCALE_MIN) & (numbers <= SCALE_MAX) & (numbers == np.round(numbers))
    invalid = not_numeric | ~(unanswered | on_scale | (numbers == DONT_KNOW))
    if invalid.any():
        row = int(np.flatnonzero(invalid)[0])
        raise ResponseDataError(
            row + 1,
            item_id,
            raw.iloc[row],
            f"an answer must be a whole number from {SCALE_MIN} to {SCALE_MAX}, "
            f"{DONT_KNOW:g} for don't know, or empty when not answered",
        )
    codes = np.where(unanswered, UNANSWERED_CODE, numbers)
    codes[numbers == DONT_KNOW] = DONT_KNOW_CODE
    return codes.astype(np.int8)


def _float_answer_codes(numbers: np.ndarray) -> np.ndarray | None:
    """The codes of a float column in a few passes over single bytes, or None if a value is not an answer.

    Don't know (0) and the scale (1 to 5) are the whole numbers 0 to `SCALE_MAX`, so a value is
    an answer exactly when its truncation to int8 equals it and lies in 0..`SCALE_MAX` (NaN, a
    fraction or a number out of int8's range never equals its truncation). A million-row column
    costs a third of the comparisons against each bound; the caller finds and names a bad value.
    """
    with np.errstate(invalid="ignore"):
        whole = numbers.astype(np.int8)
    answered = (whole == numbers) & (whole.view(np.uint8) <= SCALE_MAX)
    if not (answered | np.isnan(numbers)).all():
        return None
    as_given = np.where(whole == int(DONT_KNOW), np.int8(DONT_KNOW_CODE), whole)
    return np.where(answered, as_given, np.int8(UNANSWERED_CODE))


def _unique_codes(key: np.ndarray, span: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(key, return_inverse=True)` for keys in 0..span-1, by counting instead of sorting.

    Sorting a million keys that take a few hundred values costs ten times what counting them does.
    """
    present = np.bincount(key, minlength=span) > 0
    rank = np.cumsum(present) - 1
    return np.flatnonzero(present), rank[key]


def _natural_order(names: np.ndarray) -> np.ndarray:
    return np.array(sorted(range(len(names)), key=lambda i: natural_key(str(names[i]))), dtype=np.int64)


def encode_responses(
    frame: pd.DataFrame, specs: Sequence[ItemSpec], round_order: Sequence[str] | None = None
) -> EncodedResponses:
    """Validate the whole frame before any figure is computed, so an analysis is never partial."""
    missing = [
        column for column in (*ID_COLUMNS, *(spec.id for spec in specs)) if column not in frame.columns
    ]
    if missing:
        raise ResponseDataError(None, missing[0], None, "this column is missing from the responses")
    if len(frame) == 0:
        raise ResponseDataError(None, ID_COLUMNS[0], None, "there are no responses to analyse")

    partnership_code, partnership_names = _identifier_codes(frame, "partnership")
    round_code, round_names = _identifier_codes(frame, "round")
    agency_code, agency_names = _identifier_codes(frame, "agency")
    role_code, role_names = _identifier_codes(frame, "role_group")

    # Column-major: every later pass reads one item (or one factor's few items) for all respondents.
    answers = np.empty((len(frame), len(specs)), dtype=np.int8, order="F")
    for position, spec in enumerate(specs):
        answers[:, position] = _answer_codes(frame, spec.id)

    partnership_order = _natural_order(partnership_names)
    partnership_rank = np.argsort(partnership_order)
    if round_order is None and len(round_names) > 1 and ROUND_OPENS in frame.columns:
        openings = frame[["round", ROUND_OPENS]].drop_duplicates().astype(str)
        round_order = rounds_by_opening(zip(openings["round"], openings[ROUND_OPENS], strict=True))
    ordered_rounds = order_rounds(round_names.tolist(), round_order)
    round_rank = np.array([ordered_rounds.index(name) for name in round_names], dtype=np.int64)
    key = partnership_rank[partnership_code].astype(np.int64) * len(round_names) + round_rank[round_code]
    cell_keys, cell = _unique_codes(key, len(partnership_names) * len(round_names))

    ordered_partnerships = partnership_names[partnership_order].tolist()
    cell_partnership = (cell_keys // len(round_names)).astype(np.int32)
    cells = tuple(
        (ordered_partnerships[int(p)], ordered_rounds[int(r)])
        for p, r in zip(cell_partnership, cell_keys % len(round_names), strict=True)
    )
    same_partnership_before = np.r_[False, cell_partnership[1:] == cell_partnership[:-1]]
    previous_cell = np.where(same_partnership_before, np.arange(len(cells)) - 1, -1).astype(np.int32)

    agency_order = _natural_order(agency_names)
    role_order = _natural_order(role_names)
    return EncodedResponses(
        answers=answers,
        cell=cell.astype(np.int32),
        agency=np.argsort(agency_order).astype(np.int32)[agency_code],
        role_group=np.argsort(role_order).astype(np.int32)[role_code],
        cells=cells,
        cell_partnership=cell_partnership,
        previous_cell=previous_cell,
        partnerships=tuple(ordered_partnerships),
        agencies=tuple(agency_names[agency_order].tolist()),
        role_groups=tuple(role_names[role_order].tolist()),
    )
