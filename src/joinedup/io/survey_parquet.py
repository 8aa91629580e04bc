"""Reading a Parquet responses file with the checks a CSV meets, without a spreadsheet library.

A Parquet file holds typed columns under the template's names, so nothing is guessed about its
layout; but its values are checked as the CSV reader checks cells (role groups, agencies when a
list is given, answers on the scale, comment length, opening dates), each column by its distinct
values so that a million responses cost a few vectorised passes, and every cell that fails is
named by row, column and value in the CSV reader's words.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from joinedup.instrument.model import Instrument
from joinedup.instrument.responses import ID_COLUMNS, ROUND_OPENS, SCALE_MAX
from joinedup.io.survey_answers import answer_lookup, code_answers, why_not_an_answer
from joinedup.io.survey_checks import COMMENT_MAX_LENGTH, NEEDS, IdentifierChecks, ImportFailed, missing_item
from joinedup.io.survey_columns import mistyped_item_columns, plan_columns
from joinedup.io.tables import RowError

PARQUET_FIRST_ROW = 2
"""The row number of a Parquet file's first response: its column names count as row 1, as a CSV
header does, so a row is named by the same number in the Parquet file and in the CSV written from it."""


def check_parquet_frame(
    frame: pd.DataFrame,
    instrument: Instrument,
    *,
    file: str,
    known_agencies: Collection[str] | None = None,
    defaults: Mapping[str, str] | None = None,
    row_numbers: np.ndarray | None = None,
) -> tuple[pd.DataFrame, dict[int, list[RowError]], np.ndarray]:
    """A Parquet file's frame checked as `read_responses` checks a CSV, the problems by frame row, and
    the positions of the rows with no answer and no comment, which (as the CSV reader leaves them out)
    are not responses, are never checked and must be dropped with the refused rows.

    The columns must carry the template's names. Each column is checked by its distinct values
    (numbers on the scale in one vectorised pass), so a million responses cost a few passes;
    only the cells that fail are visited one by one, to name each by row, column and value in
    the CSV reader's words. Answer columns of text ("1".."5", labels, the don't-know code, ""
    for unanswered) are coded as the CSV reader codes them and role groups (and agencies, when
    `known_agencies` is given) take their stored spelling, so the frame holds what the CSV would.
    Problems with the file as a whole raise `ImportFailed`. `row_numbers` gives each row's number in
    the file when rows were left out before the frame was made (by default the rows are all there).
    """
    defaults = dict(defaults or {})
    header = [str(name) for name in frame.columns]
    here = (file, PARQUET_FIRST_ROW - 1)
    plan = plan_columns(header, {}, instrument)
    checks = IdentifierChecks(file, known_agencies)
    errors = [
        RowError(*here, name, None, reason)
        for name, reason in mistyped_item_columns(
            plan.unmapped, instrument, [i for i in instrument.item_ids() if i not in header]
        ).items()
    ]
    for column in ID_COLUMNS:
        if column not in header and column not in defaults:
            errors.append(
                RowError(*here, None, None, f'has no "{column}" column; add one or give a default {column}')
            )
    errors.extend(
        missing_item(file, here[1], item_id, instrument.version)
        for item_id in instrument.item_ids()
        if item_id not in header
    )
    for column, value in defaults.items():
        reason = checks.refuse(column, value)
        if reason:
            errors.append(RowError(file, None, f"default {column}", value, reason))
    if errors:
        raise ImportFailed(errors)
    if len(frame) == 0:
        raise ImportFailed([RowError(*here, None, None, "has a header but no responses under it")])
    unanswered = _unanswered_rows(frame, [*instrument.item_ids(), *instrument.comment_columns()])
    if len(unanswered) == len(frame):
        rows = f"{len(frame):,} rows" if len(frame) > 1 else "1 row"
        raise ImportFailed(
            [
                RowError(
                    *here,
                    None,
                    None,
                    "has no responses to import: every row under the header was left out "
                    f"({rows} with no answers)",
                )
            ]
        )
    if row_numbers is None:
        row_numbers = np.arange(len(frame)) + PARQUET_FIRST_ROW
    checked = _ParquetChecks(frame, file, unanswered, row_numbers)
    for column in ID_COLUMNS:
        if column in header:
            checked.identifier(column, checks, defaults.get(column))
        else:
            canonical = checks.canonical(column, defaults[column]) or defaults[column]
            checked.columns[column] = pd.Series([canonical] * len(frame), index=frame.index, dtype=object)
    lookup = answer_lookup(instrument.scale)
    for item_id in instrument.item_ids():
        checked.answers(item_id, lookup)
    for comment_column in instrument.comment_columns():
        if comment_column in header:
            checked.comments(comment_column)
    if ROUND_OPENS in header:
        checked.opening_dates()
    if checked.columns:
        frame = frame.copy(deep=False)  # the columns not replaced are shared, not copied
        for column, values in checked.columns.items():
            frame[column] = values
    return frame, checked.row_errors, unanswered


def without_rows(frame: pd.DataFrame, positions: Collection[int]) -> pd.DataFrame:
    """`frame` without the rows at `positions`, renumbered from 0, taken column by column.

    Each column is taken out of `frame` as its copy is made, so a million-row frame never exists
    twice: dropping the rows at once would briefly hold 200 MB more. `frame` is emptied.
    """
    if not positions:
        return frame
    keep = np.ones(len(frame), dtype=bool)
    keep[np.fromiter(positions, dtype=np.int64)] = False
    kept = np.flatnonzero(keep)
    taken = pd.DataFrame(index=pd.RangeIndex(len(kept)))
    for column in list(frame.columns):
        # Column by column into a frame of one block per column, as the reader made it: building it
        # from a dict would gather the item columns into one block, a copy of them all at once.
        taken[column] = frame.pop(column).iloc[kept].reset_index(drop=True)
    return taken


def _unanswered_rows(frame: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """The positions of the rows in which none of `columns` (the answers and comments) holds anything.

    The candidates narrow column by column, so only the first column is read whole: after it, the
    rows still unanswered are usually few.
    """
    rows = np.arange(len(frame))
    for column in columns:
        if not rows.size:
            break
        if column in frame.columns:
            rows = rows[_blank(frame[column], rows)]
    return rows


def _blank(series: pd.Series, rows: np.ndarray | None = None) -> np.ndarray:
    """Whether each of `rows` (all rows when None) of `series` holds nothing: missing, NaN or blank text."""
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "fiu":
        values = series.to_numpy() if rows is None else series.to_numpy()[rows]
        return np.isnan(values) if values.dtype.kind == "f" else np.zeros(len(values), dtype=bool)
    taken = series if rows is None else series.iloc[rows]
    return np.asarray(taken.isna().to_numpy() | (taken.astype(str).str.strip() == "").to_numpy(), dtype=bool)


def _filtered(table: pa.Table, keep: pa.Array) -> pa.Table:
    """The rows of `table` that `keep` marks, one column at a time, each original column let go as soon
    as it is filtered: `Table.filter` would hold the whole table twice."""
    names = table.column_names
    columns = []
    while table.num_columns:
        columns.append(table.column(0).filter(keep))
        table = table.remove_column(0)
    return pa.table(columns, names=names)


def _unanswered_in_table(table: pa.Table, columns: Sequence[str]) -> np.ndarray:
    """`_unanswered_rows` of an Arrow table, before it becomes a frame: leaving the rows out there
    spares a large file a second copy of every column in pandas (and in Arrow's memory pool, which
    keeps what it frees). Only the rows still unanswered are converted after the first column."""
    rows = np.arange(table.num_rows)
    for column in columns:
        if not rows.size:
            break
        if column in table.column_names:
            values = table.column(column)
            if rows.size < table.num_rows:
                values = values.take(pa.array(rows))
            rows = rows[_blank(values.to_pandas())]
    return rows


class _ParquetChecks:
    """The checks of `check_parquet_frame`, collecting replaced columns and row errors as they go."""

    def __init__(
        self, frame: pd.DataFrame, file: str, unanswered: np.ndarray, row_numbers: np.ndarray
    ) -> None:
        self.frame, self.file, self.row_numbers = frame, file, row_numbers
        self.left_out = np.zeros(len(frame), dtype=bool)
        self.left_out[unanswered] = True
        self.columns: dict[str, pd.Series] = {}
        self.row_errors: dict[int, list[RowError]] = {}

    def refuse(
        self,
        rows: np.ndarray,
        column: str,
        shown: Sequence[str | None],
        reasons: Sequence[str],
        codes: np.ndarray,
    ) -> None:
        """A row error for each of `rows` but those left out, showing the text of its distinct value
        (`codes` indexes it)."""
        for position in rows[~self.left_out[rows]].tolist():
            code = int(codes[position])
            self.row_errors.setdefault(position, []).append(
                RowError(self.file, int(self.row_numbers[position]), column, shown[code], reasons[code])
            )

    def identifier(self, column: str, checks: IdentifierChecks, default: str | None) -> None:
        series = self.frame[column]
        codes, uniques = _factorised(series)
        texts = [text or default or "" for text in _unprotected([str(value).strip() for value in uniques])]
        canonical = [checks.canonical(column, text) if text else None for text in texts]
        reasons = [
            f"the cell is blank; every response needs {NEEDS[column]}"
            if not text
            else checks.refuse(column, text) or ""
            for text in texts
        ]
        bad = np.array([value is None for value in canonical], dtype=bool)
        if bad.any():
            shown = [text or None for text in texts]
            self.refuse(np.flatnonzero(bad[codes]), column, shown, reasons, codes)
        if canonical != [str(value) for value in uniques]:
            stored = np.array([value or "" for value in canonical], dtype=object)
            self.columns[column] = pd.Series(stored[codes], index=series.index, dtype=object)

    def answers(self, item_id: str, lookup: dict[str, float]) -> None:
        """Numbers are checked in place, in their own dtype (the analysis reads any real dtype);
        text and nullable columns are coded by their distinct values, as the CSV reader codes cells."""
        series = self.frame[item_id]
        if isinstance(series.dtype, np.dtype) and series.dtype.kind in "fiu":
            numbers = series.to_numpy()
            with np.errstate(invalid="ignore"):
                whole = numbers.astype(np.int8)
            valid = (whole == numbers) & (whole.view(np.uint8) <= SCALE_MAX)
            if series.dtype.kind == "f":
                valid |= np.isnan(numbers)
            if not valid.all():
                rows = np.flatnonzero(~valid)
                shown = [f"{float(numbers[row]):g}" for row in rows.tolist()]
                which = np.zeros(len(numbers), dtype=np.int64)
                which[rows] = np.arange(len(rows))
                self.refuse(rows, item_id, shown, [why_not_an_answer(text) for text in shown], which)
            return
        codes, uniques = _factorised(series)
        texts = [str(value).strip() for value in uniques]
        coded, bad = code_answers(texts, lookup)
        if bad:
            refused = np.zeros(len(texts), dtype=bool)
            refused[bad] = True
            self.refuse(
                np.flatnonzero(refused[codes]),
                item_id,
                texts,
                [why_not_an_answer(text) for text in texts],
                codes,
            )
        numbers = coded[codes]
        self.columns[item_id] = pd.Series(numbers, index=series.index)

    def comments(self, column: str) -> None:
        codes, uniques = _factorised(self.frame[column])
        texts = _unprotected([str(value) for value in uniques])
        reasons = [
            f"is {len(text):,} characters long; a comment may be at most {COMMENT_MAX_LENGTH:,}"
            for text in texts
        ]
        long = np.array([len(text) > COMMENT_MAX_LENGTH for text in texts], dtype=bool)
        if long.any():
            self.refuse(np.flatnonzero(long[codes]), column, texts, reasons, codes)

    def opening_dates(self) -> None:
        codes, uniques = _factorised(self.frame[ROUND_OPENS])
        texts = [str(value).strip() for value in uniques]
        reasons: list[str] = []
        for text in texts:
            try:
                date.fromisoformat(text)
                reasons.append("")
            except ValueError:
                reasons.append(
                    "is not a date written as YYYY-MM-DD (the day the round opened)"
                    if text
                    else "is blank; every response needs the date its round opened (YYYY-MM-DD)"
                )
        refused = np.array([bool(reason) for reason in reasons], dtype=bool)
        if refused[codes].any():
            self.refuse(np.flatnonzero(refused[codes]), ROUND_OPENS, texts, reasons, codes)


def _unprotected(texts: list[str]) -> list[str]:
    """The texts without the apostrophe a spreadsheet writer puts before a formula-like value, as
    the CSV reader takes it off; the guard (and its spreadsheet library) is loaded only when a
    text starts with an apostrophe, as no value of a file that never went through one does."""
    if not any(text.startswith("'") for text in texts):
        return texts
    from joinedup.io.formulas import unprotect_text

    return [unprotect_text(text) for text in texts]


def _factorised(series: pd.Series) -> tuple[np.ndarray, list[object]]:
    """Each row's code and the distinct values, a missing cell (None, NaN) coded as the value "".

    A categorical column (Parquet text read as dictionaries) is taken from its own codes, at no cost.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.int64)
        uniques: list[object] = list(series.cat.categories)
    else:
        found, distinct = pd.factorize(series)
        codes, uniques = found.astype(np.int64), list(distinct)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(uniques), codes)
        uniques.append("")
    return codes, uniques


def read_parquet_responses(
    path: Path, instrument: Instrument, *, text_as_categories: bool = False
) -> pd.DataFrame:
    """A Parquet responses file checked as a CSV is (`check_parquet_frame`); `ImportFailed` lists problems.

    `text_as_categories` reads the text columns (partnership, round, agency, ...) as categoricals,
    for a caller that only analyses the frame: a million labels then cost a code each instead of a
    string each. The frame is read one block per column, each Arrow buffer freed once converted,
    which spares a large file a copy of its 48 item columns gathered into one block.
    """
    import pyarrow.parquet as pq

    text = None
    if text_as_categories:
        text = [
            field.name
            for field in pq.read_schema(path)
            if pa.types.is_string(field.type) or pa.types.is_large_string(field.type)
        ]
    try:
        table = pq.read_table(path, read_dictionary=text)
    except (pa.ArrowException, OSError) as error:
        raise ImportFailed(
            [RowError(path.name, None, None, None, f"is not a readable Parquet file ({error})")]
        ) from error
    row_numbers = None
    unanswered = _unanswered_in_table(table, [*instrument.item_ids(), *instrument.comment_columns()])
    if 0 < unanswered.size < table.num_rows:
        keep = np.ones(table.num_rows, dtype=bool)
        keep[unanswered] = False
        row_numbers = np.flatnonzero(keep) + PARQUET_FIRST_ROW
        table = _filtered(table, pa.array(keep))
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    del table  # self_destruct has freed its buffers; the table must not be used again
    frame, row_errors, _ = check_parquet_frame(frame, instrument, file=path.name, row_numbers=row_numbers)
    if row_errors:
        raise ImportFailed([error for position in sorted(row_errors) for error in row_errors[position]])
    return frame
