"""Reading a file of survey responses into a responses frame, all or nothing.

Accepts the joinedup template (CSV or XLSX; Parquet through `survey_parquet`) and the
exports of Microsoft Forms, SurveyMonkey, Qualtrics and LimeSurvey. Every problem in the file is collected
before anything is returned, so the person fixing it sees the whole list at once;
one bad row fails the whole import unless the caller asks to skip bad rows, and then
each skipped row is reported. Columns the tools add about the respondent (names,
e-mails, IP addresses) are never read into the frame: responses stay anonymous.

Rows the survey tool itself marks as not real responses are left out before any check
and counted, so they can neither fail an import nor swell a count that suppression
relies on: Qualtrics preview and test runs always, responses never finished (Qualtrics)
or never submitted (LimeSurvey) unless the caller keeps the partial ones that hold
answers, and a row with no answer at all in any format. A header under a title or
banner row is looked for in the first rows and its row reported.
"""

from __future__ import annotations

import codecs
import tempfile
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from joinedup.instrument.model import Instrument
from joinedup.instrument.responses import ID_COLUMNS, ROUND_OPENS
from joinedup.io.formulas import unprotect_text
from joinedup.io.safety import RESPONSE_LIMITS, FileRefused, Limits, check_lines, check_rows, read_limited
from joinedup.io.survey_answers import answer_lookup, code_answers, why_not_an_answer
from joinedup.io.survey_checks import (
    COMMENT_MAX_LENGTH,
    NEEDS,
    IdentifierChecks,
    ImportFailed,
)
from joinedup.io.survey_columns import ColumnPlan, mistyped_item_columns, plan_columns
from joinedup.io.survey_export import template_header, write_template
from joinedup.io.survey_formats import (
    HeaderGuess,
    SourceFormat,
    SurveyLayout,
    guess_header,
    layout_from_guess,
)
from joinedup.io.survey_parquet import PARQUET_FIRST_ROW, check_parquet_frame, without_rows
from joinedup.io.tables import Grid, RowError, Table, TableError, read_grid, sniff_delimiter

HEADER_SEARCH_ROWS = 10
"""How many rows from the top may hold titles or banners above the header."""
_LISTED_ROWS = 10
_TITLE_CELLS = 2
"""A title or banner row holds a title and perhaps a date; a row with more is taken as a header."""


@dataclass(frozen=True)
class RowsLeftOut:
    """Spreadsheet row numbers of the rows that are not in the frame although nothing was wrong with them.

    `preview` and `test` are Qualtrics preview and test runs; `incomplete` are responses
    the tool marks as never finished or submitted that hold answers (left out unless partial
    responses are kept, then listed in `partial_kept`); `unanswered` are rows with no
    answer and no comment, which are never responses whatever their status.
    """

    preview: list[int] = field(default_factory=list)
    test: list[int] = field(default_factory=list)
    incomplete: list[int] = field(default_factory=list)
    partial_kept: list[int] = field(default_factory=list)
    unanswered: list[int] = field(default_factory=list)

    def count(self) -> int:
        """Rows left out (kept partial responses are in the frame, so they do not count)."""
        return len(self.preview) + len(self.test) + len(self.incomplete) + len(self.unanswered)


@dataclass(frozen=True)
class ImportResult:
    """What a shell needs to store the responses and tell the user what happened.

    `column_mapping` goes from the file's header to the frame column it filled;
    `missing_items` lists items of the instrument that no column held.
    """

    frame: pd.DataFrame
    source_format: SourceFormat
    column_mapping: dict[str, str]
    unmapped_columns: list[str]
    missing_items: list[str]
    skipped_rows: list[RowError]
    file: str
    encoding: str | None
    sheet: str | None
    left_out: RowsLeftOut = field(default_factory=RowsLeftOut)
    header_row: int = 1
    rows_above_header: int = 0

    def notes(self, how_to_keep: str = "keep the partial ones that have answers") -> list[str]:
        """What the reader did besides reading every row, in sentences for the person importing.

        `how_to_keep` says how, in the caller's shell, incomplete responses are kept (a CLI flag,
        a checkbox), as advice to the person whose incomplete responses were left out.
        """
        notes: list[str] = []
        if self.rows_above_header:
            above = (
                "the row above it (a title or banner) was"
                if self.rows_above_header == 1
                else f"the {self.rows_above_header} rows above it (titles or banners) were"
            )
            notes.append(f"The header was found on row {self.header_row}; {above} not read.")
        left = self.left_out
        notes.extend(f"{words} left out ({_rows(rows)})." for rows, words in _reasons(left))
        if left.incomplete:
            notes.append(
                "Incomplete responses were never finished or submitted in the survey tool; "
                f"{how_to_keep} if their answers should count."
            )
        if left.partial_kept:
            notes.append(
                f"{_plural(len(left.partial_kept), 'incomplete response')} with answers kept, as asked "
                f"({_rows(left.partial_kept)})."
            )
        return notes


def read_responses(
    path: Path,
    instrument: Instrument,
    *,
    known_agencies: Collection[str] | None = None,
    defaults: Mapping[str, str] | None = None,
    skip_bad_rows: bool = False,
    keep_partial: bool = False,
    sheet: str | None = None,
    limits: Limits = RESPONSE_LIMITS,
) -> ImportResult:
    """Read one survey file against one instrument version.

    `defaults` fills identifier columns (`partnership`, `round`, `agency`,
    `role_group`) that the file lacks or leaves blank, as survey-tool exports
    usually do. `known_agencies`, when given, is the closed list of agencies a
    response may name; names match by `agency_names.agency_key` (case, spacing, punctuation and
    '&' for 'and' do not matter) and the canonical spelling is kept.
    Role groups must be ids or names from the bundled role-group list. The file is checked
    against `limits` before it is parsed (by default up to 1,000,000 responses in 256 MB).
    Rows the tool marks as previews, tests or never finished, and rows with no answer, are
    left out and listed in `ImportResult.left_out`; `keep_partial` keeps the unfinished
    ones that hold answers.
    """
    defaults = dict(defaults or {})
    stray = sorted(set(defaults) - set(ID_COLUMNS))
    if stray:
        raise ValueError(f"defaults may only set {list(ID_COLUMNS)}, not {stray}")
    if path.suffix.lower() == ".parquet":
        return _read_parquet(path, instrument, known_agencies, defaults, skip_bad_rows=skip_bad_rows)
    try:
        grid = read_grid(path, sheet=sheet, limits=limits)
        if not grid.rows:
            raise TableError([RowError(path.name, None, None, None, "is empty")])
        layout, plan, start = _find_layout(grid, instrument)
    except TableError as error:
        raise ImportFailed(error.errors) from error
    table, left_out = _leave_out(layout, plan, instrument, keep_partial=keep_partial)
    checks = IdentifierChecks(table.file, known_agencies)
    _check_file_shape(table, plan, instrument, defaults, checks, left_out)

    row_errors: dict[int, list[RowError]] = {}
    columns: dict[str, object] = {}
    cells_by_name = table.columns()
    for column in ID_COLUMNS:
        columns[column] = _identifier_column(
            table, cells_by_name, plan, column, defaults.get(column), checks, row_errors
        )
    lookup = answer_lookup(instrument.scale)
    for item_id in instrument.item_ids():
        columns[item_id] = _item_column(table, cells_by_name, plan, item_id, lookup, row_errors)
    for comment_column in instrument.comment_columns():
        columns[comment_column] = _comment_column(table, cells_by_name, plan, comment_column, row_errors)
    opening = _source_column(cells_by_name, plan, ROUND_OPENS)
    if opening is not None:
        columns[ROUND_OPENS] = _opening_dates(table, *opening, row_errors)

    frame = pd.DataFrame(columns)
    frame = frame.astype({column: "str" for column in (*ID_COLUMNS, *instrument.comment_columns())})
    skipped: list[RowError] = []
    if row_errors:
        ordered = [error for position in sorted(row_errors) for error in row_errors[position]]
        if not skip_bad_rows:
            raise ImportFailed(ordered)
        skipped = ordered
        frame = frame.drop(index=list(row_errors)).reset_index(drop=True)
    mapped = set(plan.mapping.values())
    return ImportResult(
        frame=frame,
        source_format=layout.source_format,
        column_mapping=dict(plan.mapping),
        unmapped_columns=list(plan.unmapped),
        missing_items=[item_id for item_id in instrument.item_ids() if item_id not in mapped],
        skipped_rows=skipped,
        file=table.file,
        encoding=table.encoding,
        sheet=table.sheet,
        left_out=left_out,
        header_row=table.header_row,
        rows_above_header=start,
    )


def _read_parquet(
    path: Path,
    instrument: Instrument,
    known_agencies: Collection[str] | None,
    defaults: Mapping[str, str],
    *,
    skip_bad_rows: bool,
) -> ImportResult:
    """`read_responses` for a Parquet file, whose columns carry the template's names."""
    import pyarrow as pa

    try:
        frame = pd.read_parquet(path, engine="pyarrow")
    except (pa.ArrowException, OSError) as error:
        raise ImportFailed(
            [RowError(path.name, None, None, None, f"is not a readable Parquet file ({error})")]
        ) from error
    frame, row_errors, unanswered = check_parquet_frame(
        frame, instrument, file=path.name, known_agencies=known_agencies, defaults=defaults
    )
    skipped: list[RowError] = []
    if row_errors:
        ordered = [error for position in sorted(row_errors) for error in row_errors[position]]
        if not skip_bad_rows:
            raise ImportFailed(ordered)
        skipped = ordered
    frame = without_rows(frame, {*row_errors, *unanswered.tolist()})
    header = [str(name) for name in frame.columns]
    plan = plan_columns(header, {}, instrument)
    return ImportResult(
        frame=frame,
        source_format="template",
        column_mapping=dict(plan.mapping),
        unmapped_columns=list(plan.unmapped),
        missing_items=[],
        skipped_rows=skipped,
        file=path.name,
        encoding=None,
        sheet=None,
        left_out=RowsLeftOut(unanswered=[position + PARQUET_FIRST_ROW for position in unanswered.tolist()]),
        header_row=PARQUET_FIRST_ROW - 1,
    )


def read_frame(
    frame: pd.DataFrame, instrument: Instrument, *, name: str, known_agencies: Collection[str] | None = None
) -> ImportResult:
    """A responses frame made in code (the demo's synthetic rounds) read as if it were a file.

    The frame is written as the template and read back by `read_responses`, so it meets the
    one set of checks every imported file meets, with the same messages; a shell then stores
    any `ImportResult` the same way whatever it came from. `name` ends in .csv or .xlsx and
    names the file in errors and in the stored import's record.
    """
    with tempfile.TemporaryDirectory(prefix="joinedup-frame-") as folder:
        path = Path(folder) / name
        write_template(path, instrument, frame)
        return read_responses(path, instrument, known_agencies=known_agencies)


def _find_layout(grid: Grid, instrument: Instrument) -> tuple[SurveyLayout, ColumnPlan, int]:
    """The layout whose header names an item, trying each of the first rows in turn.

    The first row is the header in almost every file, so it is kept whenever it names
    an item. Otherwise the rows below are tried, since a title or merged banner row often
    sits above the header of a sheet someone has tidied. When no row names an item, the
    first row is taken, and the file-shape check says it is not a survey export (pointing
    at the row the header looks to be on when the first row looks like a banner).
    """
    first = guess_header(grid, 0)
    first_plan = plan_columns(first.header, first.alternative_names, instrument)
    if not _names_an_item(first_plan, instrument):
        for start in range(1, min(HEADER_SEARCH_ROWS, len(grid.rows))):
            guess = guess_header(grid, start)
            plan = plan_columns(guess.header, guess.alternative_names, instrument)
            if _names_an_item(plan, instrument):
                return layout_from_guess(grid, guess), plan, start
        _refuse_banner(grid, first, instrument)
    return layout_from_guess(grid, first), first_plan, 0


def _names_an_item(plan: ColumnPlan, instrument: Instrument) -> bool:
    items = set(instrument.item_ids())
    return any(target in items for target in plan.mapping.values())


def _refuse_banner(grid: Grid, first: HeaderGuess, instrument: Instrument) -> None:
    """A first row much narrower than the rows under it is a title, not a header: say where the header is."""
    if len(grid.rows) < 2 or first.source_format != "template":
        return
    below = grid.rows[1 : HEADER_SEARCH_ROWS + 1]
    widest = max(range(len(below)), key=lambda index: len(below[index]))
    filled = sum(1 for cell in grid.rows[0] if cell)
    if filled > _TITLE_CELLS or filled * 2 > len(below[widest]):
        return
    expected = grid.row_numbers[1 + widest]
    title = next(cell for cell in grid.rows[0] if cell)
    shown = ", ".join(f'"{name}"' for name in below[widest][:6] if name) + (
        ", …" if len(below[widest]) > 6 else ""
    )
    if _names_an_item(plan_columns(below[widest], {}, instrument), instrument):
        advice = (
            f"delete the rows above it, since the header is looked for in the first {HEADER_SEARCH_ROWS} "
            "rows only"
        )
    else:
        advice = (
            "but none of those columns is an item id or a statement of instrument version "
            f"{instrument.version}"
        )
    raise TableError(
        [
            RowError(
                grid.file,
                grid.row_numbers[0],
                None,
                title,
                f"is a title, not a header. The header looks like it is on row {expected}: {shown}; {advice}",
            )
        ]
    )


def _leave_out(
    layout: SurveyLayout, plan: ColumnPlan, instrument: Instrument, *, keep_partial: bool
) -> tuple[Table, RowsLeftOut]:
    """The table without the rows that are not responses, and those rows' numbers by reason."""
    table = layout.table
    answer_targets = {*instrument.item_ids(), *instrument.comment_columns()}
    answer_columns = [
        table.header.index(name) for name, target in plan.mapping.items() if target in answer_targets
    ]
    left_out = RowsLeftOut()
    kept: list[int] = []
    for position, kind in enumerate(layout.row_kinds()):
        row = table.row_numbers[position]
        cells = table.rows[position]
        if kind == "preview":
            left_out.preview.append(row)
        elif kind == "test":
            left_out.test.append(row)
        elif not any(cells[index] for index in answer_columns):
            left_out.unanswered.append(row)
        elif kind == "incomplete" and not keep_partial:
            left_out.incomplete.append(row)
        else:
            if kind == "incomplete":
                left_out.partial_kept.append(row)
            kept.append(position)
    if len(kept) == len(table.rows):
        return table, left_out
    return (
        replace(
            table,
            rows=[table.rows[position] for position in kept],
            row_numbers=[table.row_numbers[position] for position in kept],
        ),
        left_out,
    )


def _check_file_shape(
    table: Table,
    plan: ColumnPlan,
    instrument: Instrument,
    defaults: Mapping[str, str],
    checks: IdentifierChecks,
    left_out: RowsLeftOut,
) -> None:
    """Problems with the file as a whole; no row can be imported while any of them stands."""
    errors: list[RowError] = []
    here = (table.file, table.header_row)
    if not any(target in instrument.item_ids() for target in plan.mapping.values()):
        shown = ", ".join(f'"{name}"' for name in table.header[:6]) + (", …" if len(table.header) > 6 else "")
        raise ImportFailed(
            [
                RowError(
                    *here,
                    None,
                    None,
                    f"does not look like a survey export: none of its columns ({shown}) is an item id or a "
                    f"statement of instrument version {instrument.version}",
                )
            ]
        )
    for target, names in plan.conflicts.items():
        for name in names[1:]:
            errors.append(
                RowError(
                    *here, name, None, f'holds {target}, which column "{names[0]}" holds already; keep one'
                )
            )
    mapped = set(plan.mapping.values())
    missing = [item_id for item_id in instrument.item_ids() if item_id not in mapped]
    for name, why in mistyped_item_columns(plan.unmapped, instrument, missing).items():
        errors.append(RowError(*here, name, None, why))
    for column in ID_COLUMNS:
        if column not in mapped and column not in defaults:
            errors.append(
                RowError(*here, None, None, f'has no "{column}" column; add one or give a default {column}')
            )
    for column, value in defaults.items():
        reason = checks.refuse(column, value)
        if reason:
            errors.append(RowError(table.file, None, f"default {column}", value, reason))
    if not errors and not table.rows:
        if left_out.count():
            errors.append(
                RowError(
                    *here,
                    None,
                    None,
                    "has no responses to import: every row under the header was left out ("
                    + _left_out_in_words(left_out)
                    + ")",
                )
            )
        else:
            errors.append(RowError(*here, None, None, "has a header but no responses under it"))
    if errors:
        raise ImportFailed(errors)


_REASONS = (
    ("preview", "preview response", "preview responses"),
    ("test", "test response", "test responses"),
    ("incomplete", "incomplete response", "incomplete responses"),
    ("unanswered", "row with no answers", "rows with no answers"),
)


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"1 {singular}" if count == 1 else f"{count:,} {plural or singular + 's'}"


def _reasons(left_out: RowsLeftOut) -> list[tuple[list[int], str]]:
    """Each non-empty reason with its rows, counted in words ("2 test responses")."""
    found: list[tuple[list[int], str]] = []
    for name, singular, plural in _REASONS:
        rows: list[int] = getattr(left_out, name)
        if rows:
            found.append((rows, _plural(len(rows), singular, plural)))
    return found


def _rows(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(number) for number in numbers[:_LISTED_ROWS])
    more = f" and {len(numbers) - _LISTED_ROWS:,} more" if len(numbers) > _LISTED_ROWS else ""
    return ("row " if len(numbers) == 1 else "rows ") + shown + more


def _left_out_in_words(left_out: RowsLeftOut) -> str:
    return ", ".join(words for _, words in _reasons(left_out))


def _source_column(
    cells_by_name: Mapping[str, list[str]], plan: ColumnPlan, target: str
) -> tuple[str, list[str]] | None:
    for name, mapped in plan.mapping.items():
        if mapped == target:
            return name, cells_by_name[name]
    return None


def _opening_dates(
    table: Table, name: str, cells: list[str], row_errors: dict[int, list[RowError]]
) -> list[str | None]:
    """The `round_opens` cells as YYYY-MM-DD: a date written any other way, or none, is a row error,
    since a guessed date would silently reorder the rounds a trend compares."""
    dates: list[str | None] = []
    for position, text in enumerate(cells):
        value = text.strip()
        try:
            dates.append(date.fromisoformat(value).isoformat())
        except ValueError:
            reason = "is not a date written as YYYY-MM-DD (the day the round opened)"
            if not value:
                reason = "is blank; every response needs the date its round opened (YYYY-MM-DD)"
            row_errors.setdefault(position, []).append(
                RowError(table.file, table.row_numbers[position], name, text, reason)
            )
            dates.append(None)
    return dates


def _identifier_column(
    table: Table,
    cells_by_name: Mapping[str, list[str]],
    plan: ColumnPlan,
    column: str,
    default: str | None,
    checks: IdentifierChecks,
    row_errors: dict[int, list[RowError]],
) -> list[str]:
    source = _source_column(cells_by_name, plan, column)
    if source is None:
        assert default is not None
        return [checks.canonical(column, default) or default] * len(table.rows)
    name, cells = source
    values: list[str] = []
    known: dict[str, str | None] = {}
    for position, raw in enumerate(cells):
        text = unprotect_text(raw) or default
        row = table.row_numbers[position]
        if not text:
            row_errors.setdefault(position, []).append(
                RowError(
                    table.file, row, name, None, f"the cell is blank; every response needs {NEEDS[column]}"
                )
            )
            values.append("")
            continue
        if text not in known:
            known[text] = checks.canonical(column, text)
        canonical = known[text]
        if canonical is None:
            reason = checks.refuse(column, text)
            assert reason is not None
            row_errors.setdefault(position, []).append(RowError(table.file, row, name, text, reason))
            values.append("")
        else:
            values.append(canonical)
    return values


def _item_column(
    table: Table,
    cells_by_name: Mapping[str, list[str]],
    plan: ColumnPlan,
    item_id: str,
    lookup: dict[str, float],
    row_errors: dict[int, list[RowError]],
) -> np.ndarray:
    source = _source_column(cells_by_name, plan, item_id)
    if source is None:
        return np.full(len(table.rows), np.nan)
    name, cells = source
    coded, bad = code_answers(cells, lookup)
    for position in bad:
        row_errors.setdefault(position, []).append(
            RowError(
                table.file,
                table.row_numbers[position],
                name,
                cells[position],
                why_not_an_answer(cells[position]),
            )
        )
    return coded


def _comment_column(
    table: Table,
    cells_by_name: Mapping[str, list[str]],
    plan: ColumnPlan,
    comment_column: str,
    row_errors: dict[int, list[RowError]],
) -> list[str | None]:
    source = _source_column(cells_by_name, plan, comment_column)
    if source is None:
        return [None] * len(table.rows)
    name, cells = source
    comments = [unprotect_text(text) or None for text in cells]
    for position, comment in enumerate(comments):
        if comment is not None and len(comment) > COMMENT_MAX_LENGTH:
            row_errors.setdefault(position, []).append(
                RowError(
                    table.file,
                    table.row_numbers[position],
                    name,
                    comment,
                    f"is {len(comment):,} characters long; a comment may be at most {COMMENT_MAX_LENGTH:,}",
                )
            )
    return comments


def read_plain_template(
    path: Path, instrument: Instrument, *, limits: Limits = RESPONSE_LIMITS
) -> pd.DataFrame | None:
    """`read_responses(path, instrument).frame` for a plain template CSV, read column by column; else None.

    The cell-by-cell reader spends about 50 µs on each response (a minute on a million). A file
    written as the template is written (UTF-8, commas, no quotes, exactly the template's header,
    one cell per column on every row) is parsed by Arrow instead, and each column's distinct
    values are checked and converted once, by the same functions the reader applies to every
    cell, so the frame is the one the reader returns (rows with no answer left out, as it leaves
    them out). Whenever anything differs (another layout or encoding, a quote, a ragged row, any
    value the reader would refuse) this returns None, and the caller reads the file with
    `read_responses`, which names every problem by file, row, column and value.
    """
    import pyarrow as pa
    import pyarrow.csv as arrow_csv

    try:
        data = read_limited(path, limits)
        check_lines(data, limits, path.name)
    except FileRefused:
        return None
    body = data.removeprefix(codecs.BOM_UTF8)
    if not body or b'"' in body or b"\x00" in body or body.startswith(_NOT_CSV):
        return None
    header = _plain_header(body, instrument)
    if header is None or len(header) > limits.max_columns:
        return None
    try:
        table = arrow_csv.read_csv(
            pa.py_buffer(body),
            read_options=arrow_csv.ReadOptions(skip_rows=1, column_names=header),
            parse_options=arrow_csv.ParseOptions(quote_char=False, newlines_in_values=False),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=False, null_values=[]
            ),
        )
        check_rows(table.num_rows, limits, path.name)
    except (pa.ArrowInvalid, FileRefused):
        return None
    if table.num_rows == 0:
        return None
    distinct = {name: _distinct_cells(table.column(name)) for name in header}
    answer_columns = [*instrument.item_ids(), *instrument.comment_columns()]
    answered = np.zeros(table.num_rows, dtype=bool)
    for name in answer_columns:
        codes, values = distinct[name]
        answered |= np.array([value != "" for value in values], dtype=bool)[codes]
    if not answered.any():
        return None
    if not answered.all():  # rows with no answer are not responses: left out, as the reader leaves them
        # A left-out row's answer cells are all blank, which is always valid, so only the identifier
        # and date columns can hold a value that only left-out rows have and must then go unchecked.
        distinct = {
            name: (codes[answered], values) if name in answer_columns else _kept(codes, values, answered)
            for name, (codes, values) in distinct.items()
        }
    return _plain_frame(distinct, instrument, path.name)


_NOT_CSV = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF-", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _plain_header(body: bytes, instrument: Instrument) -> list[str] | None:
    """The first line when it is exactly the template's header and the reader would take it as such."""
    end = body.find(b"\n")
    line = body[: end if end >= 0 else len(body)].removesuffix(b"\r")
    if b"\r" in line or len(line) >= _SNIFF_LINE_LIMIT:
        return None
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return None
    header = text.split(",")
    allowed = (template_header(instrument), template_header(instrument, round_opens=True))
    if header not in allowed or sniff_delimiter(text) != ",":
        return None
    guess = guess_header(Grid("", [header], [1]), 0)
    plan = plan_columns(guess.header, guess.alternative_names, instrument)
    if guess.source_format != "template" or plan.unmapped or plan.conflicts:
        return None
    if any(plan.mapping.get(name) != name for name in header):
        return None
    return header


_SNIFF_LINE_LIMIT = 60_000
"""A header longer than this might not fit the reader's delimiter sample; such a file takes the long way."""


def _distinct_cells(column: object) -> tuple[np.ndarray, list[str]]:
    """Each row's code and the distinct cell texts, stripped as the reader strips every cell."""
    import pyarrow as pa

    assert isinstance(column, pa.ChunkedArray)
    encoded = column.combine_chunks().dictionary_encode()
    return encoded.indices.to_numpy(zero_copy_only=False), [
        text.strip() for text in encoded.dictionary.to_pylist()
    ]


def _kept(codes: np.ndarray, values: list[str], kept: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """The codes of the kept rows, and the values only they hold (renumbered), so that a value only
    a left-out row holds is never checked, as the reader never checks it."""
    codes = codes[kept]
    used = np.flatnonzero(np.bincount(codes, minlength=len(values)))
    renumber = np.zeros(len(values), dtype=np.int64)
    renumber[used] = np.arange(len(used))
    return renumber[codes], [values[position] for position in used.tolist()]


def _text_column(values: Sequence[str | None], codes: np.ndarray) -> pd.Series:
    """A text column ("str", blanks missing) from the distinct values and each row's code.

    Taken in Arrow: building it from a million Python strings costs five times as much.
    """
    import pyarrow as pa

    taken = pa.array(values, type=pa.large_string()).take(pa.array(codes))
    return pd.Series(pd.array(taken, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))


def _plain_frame(
    distinct: Mapping[str, tuple[np.ndarray, list[str]]], instrument: Instrument, file: str
) -> pd.DataFrame | None:
    """The responses frame from the distinct values of each column, or None if the reader would refuse one."""
    checks = IdentifierChecks(file, None)
    columns: dict[str, object] = {}
    for column in ID_COLUMNS:
        codes, values = distinct[column]
        canonical = [checks.canonical(column, text) if text else None for text in map(unprotect_text, values)]
        if None in canonical:
            return None
        columns[column] = _text_column(canonical, codes)
    lookup = answer_lookup(instrument.scale)
    for item_id in instrument.item_ids():
        codes, values = distinct[item_id]
        coded, bad = code_answers(values, lookup)
        if bad:
            return None
        columns[item_id] = coded[codes]
    for comment_column in instrument.comment_columns():
        codes, values = distinct[comment_column]
        comments = [unprotect_text(text) or None for text in values]
        if any(comment is not None and len(comment) > COMMENT_MAX_LENGTH for comment in comments):
            return None
        columns[comment_column] = _text_column(comments, codes)
    if ROUND_OPENS in distinct:
        codes, values = distinct[ROUND_OPENS]
        try:
            dates = [date.fromisoformat(text).isoformat() for text in values]
        except ValueError:
            return None
        columns[ROUND_OPENS] = _text_column(dates, codes)
    frame = pd.DataFrame(columns)
    return frame.astype({column: "str" for column in (*ID_COLUMNS, *instrument.comment_columns())})
