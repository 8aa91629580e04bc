"""Responses files in, one analysis out: the sequence `analyse`, `report` and `findings` share.

Each step refuses bad input with exit code 2 and a message naming the file, row, column
and value, and the steps follow the web app's rules: one instrument version for every
file, rounds ordered by the date they opened (or an explicit order, never by name) and
one minimum-group rule (`joinedup.analysis.min_group_for`).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from joinedup.cli._common import fail

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from joinedup.analysis import AnalysisResult
    from joinedup.instrument.model import Instrument

_TABLE_SUFFIXES = (".csv", ".xlsx", ".ods")

ROUND_ORDER_HELP = (
    "The rounds from first to last (repeat the option for each round), when the files have no "
    "round_opens column with the date each round opened."
)
MIN_GROUP_HELP = "Smallest group a figure may describe (5 or more)."
INVITATIONS_HELP = "Invitations per agency: partnership, round, agency, invited."
VERSION_HELP = "Instrument version; version 1 (the default for new rounds) when omitted."
FILES_VERSION_HELP = (
    "Instrument version every file is read with, as each round records it in the web app; "
    "version 1 when omitted."
)


@dataclass(frozen=True)
class Analysed:
    """The combined responses, the invitations, the instrument they were read with and the analysis."""

    responses: pd.DataFrame
    invitations: pd.DataFrame | None
    instrument: Instrument
    result: AnalysisResult


def check_version(version: str | None) -> None:
    """Refuse (exit 2) an instrument version that does not exist, listing those that do."""
    from joinedup.instrument import list_versions

    if version is not None and version not in list_versions():
        fail(f"--version: no instrument version {version!r}; versions: {list_versions()}")


def read_responses_file(
    file: str, instrument: Instrument, *, text_as_categories: bool = False
) -> pd.DataFrame:
    """A responses frame from the template (CSV/XLSX/ODS), a survey-tool export, or Parquet.

    `text_as_categories` reads a Parquet file's text columns (partnership, round, agency, ...) as
    categoricals, for a caller that only analyses the frame: a million labels then cost a code
    each instead of a string each, and decoding them a fifth as much. Callers that show or
    export the responses keep text.
    """

    path = Path(file)
    if not path.is_file():
        fail(f"{file}: no such file")
    if path.suffix.lower() == ".parquet":
        from joinedup.io.survey_checks import ImportFailed
        from joinedup.io.survey_parquet import read_parquet_responses

        try:
            return read_parquet_responses(path, instrument, text_as_categories=text_as_categories)
        except ImportFailed as failure:
            fail("\n".join(str(error) for error in failure.errors))
    if path.suffix.lower() not in _TABLE_SUFFIXES:
        fail(f"{file}: responses are read from .csv, .xlsx, .ods or .parquet files")
    # Here, not above: the importer brings openpyxl, 0.3 s of start-up that a Parquet file never needs.
    from joinedup.io.survey_checks import missing_item
    from joinedup.io.survey_import import ImportFailed, read_plain_template, read_responses

    plain = read_plain_template(path, instrument) if path.suffix.lower() == ".csv" else None
    if plain is not None:
        return plain
    try:
        result = read_responses(path, instrument)
    except ImportFailed as failure:
        fail("\n".join(str(error) for error in failure.errors))
    if result.source_format == "template" and result.missing_items:
        fail(
            "\n".join(
                str(missing_item(result.file, result.header_row, item_id, instrument.version))
                for item_id in result.missing_items
            )
        )
    return result.frame


def _file_columns(file: str) -> list[str]:
    """The header row of a responses file as written, before any mapping to an instrument.

    Read before the file itself, so that a file of another instrument version is named as such
    ("add --version 2") rather than refused for the other version's statement columns. A Parquet
    file's header is its schema, read without any data.
    """
    import pandas as pd

    suffix = file.lower().rsplit(".", 1)[-1]
    try:
        if suffix == "parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(file).names)
        if suffix == "csv":
            return list(pd.read_csv(file, nrows=0, encoding="utf-8-sig").columns)
        return [str(column) for column in pd.read_excel(file, nrows=0, engine="openpyxl").columns]
    except (ValueError, OSError, UnicodeDecodeError, ImportError):
        return []  # the reader refuses or reads the file; a header that cannot be read alone proves nothing


def read_invitations(file: str) -> pd.DataFrame:
    import pandas as pd

    if not Path(file).is_file():
        fail(f"{file}: no such file")
    if file.lower().endswith(".parquet"):
        return pd.read_parquet(file)
    return pd.read_csv(file, dtype=str, keep_default_na=False, encoding="utf-8-sig")


class _Located:
    """Where each file's rows start in the combined frame, to name the file and row of a bad value."""

    def __init__(self, files: list[str], starts: list[int], invitations: str | None) -> None:
        self.files, self.starts, self.invitations = files, starts, invitations

    def where(self, row: int) -> tuple[str, int]:
        """The file and its own 1-based row for 1-based `row` of the combined frame."""
        index = bisect.bisect_right(self.starts, row - 1) - 1
        return self.files[index], row - self.starts[index]

    def message(self, error: ValueError) -> str:
        from joinedup.analysis import ResponseDataError

        if not isinstance(error, ResponseDataError):
            return str(error)
        if error.source == "invitations":
            return f"{self.invitations}: {error}"
        if error.row is None:
            return f"{', '.join(self.files)}: {error}"
        file, row = self.where(error.row)
        return f"{file}: {ResponseDataError(row, error.column, error.value, error.reason)}"


def round_order(frames: list[pd.DataFrame], located: _Located, given: list[str] | None) -> list[str] | None:
    """The rounds from first to last: `--round-order` when given, else by each round's opening date.

    With more than one round and neither, the order is refused (exit 2) rather than guessed from
    the names, which would put "March 2026 review" before "November 2025 review".
    """
    from joinedup.analysis.rounds import rounds_by_opening
    from joinedup.instrument.responses import ROUND_OPENS

    rounds = [_distinct_texts(frame["round"]) for frame in frames]
    labels = sorted({label for _, texts in rounds for label in texts})
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
    distinct: dict[tuple[str, str], None] = {}
    for frame, start, (codes, texts) in zip(frames, located.starts, rounds, strict=True):
        distinct.update(dict.fromkeys(_opening_pairs(frame, start, located, codes, texts)))
    pairs = list(distinct)
    try:
        by_date = rounds_by_opening(pairs)
    except ValueError as error:
        fail(f"{', '.join(located.files)}: {error}")
    if given:
        _check_given_order(given, dict(pairs), located)
        return given
    return by_date


def _distinct_texts(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Each row's code and the text (`str`) of each code's value, without a `str` call per row.

    A column of a million cells costs one factorisation and one `str` per distinct value. Missing
    cells (None, NaN) are written out one by one, since each is spelt as the frame holds it.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(column)
    texts = [str(value) for value in uniques]
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        missing_codes, missing_texts = pd.factorize(np.array([str(value) for value in column.iloc[missing]]))
        codes[missing] = len(texts) + missing_codes
        texts.extend(str(text) for text in missing_texts)
    return codes, texts


def _opening_pairs(
    frame: pd.DataFrame, start: int, located: _Located, round_codes: np.ndarray, rounds: list[str]
) -> list[tuple[str, str]]:
    """The distinct (round, opening date) pairs of one frame, in the order they first appear.

    Each distinct date is read once; the first row whose date is not YYYY-MM-DD is refused
    (exit 2), naming its file, its row and the value as the frame holds it.
    """
    from datetime import date

    import numpy as np
    import pandas as pd

    from joinedup.instrument.responses import ROUND_OPENS

    column = frame[ROUND_OPENS]
    date_codes, texts = _distinct_texts(column)
    days: list[str | None] = []
    for text in texts:
        try:
            days.append(date.fromisoformat(text).isoformat())
        except ValueError:
            days.append(None)
    if None in days:
        refused = np.array([day is None for day in days])
        offset = int(np.flatnonzero(refused[date_codes])[0])
        opened = next(iter(column.iloc[offset : offset + 1]))
        file, row = located.where(start + offset + 1)
        fail(f"{file}: row {row}, column {ROUND_OPENS!r}, value {opened!r}: not a date (YYYY-MM-DD)")
    width = len(texts)
    pair_codes = pd.unique(round_codes.astype(np.int64) * width + date_codes)
    return [(rounds[int(code) // width], str(days[int(code) % width])) for code in pair_codes]


def _check_given_covers(given: list[str], labels: list[str], located: _Located) -> None:
    """Refuse (exit 2) a `--round-order` that repeats a round or leaves out one the files hold."""
    repeated = sorted({label for label in given if given.count(label) > 1})
    if repeated:
        fail(f"--round-order: {', '.join(repr(label) for label in repeated)} given more than once")
    missing = [label for label in labels if label not in given]
    if missing:
        fail(
            f"{', '.join(located.files)}: round {missing[0]!r} is in the responses but not in "
            f"--round-order ({', '.join(given)}); give every round, first round first"
        )


def _check_given_order(given: list[str], opened: dict[str, str], located: _Located) -> None:
    """Refuse (exit 2) a `--round-order` that puts a round before one that opened earlier.

    The files' own dates are the record of when each round ran, so an order that contradicts
    them would silently reverse every trend; rounds the files do not hold are left to the analysis.
    """
    from joinedup.instrument.responses import ROUND_OPENS

    listed = [label for label in given if label in opened]
    for position, later in enumerate(listed[1:], start=1):
        for earlier in listed[:position]:
            if opened[earlier] > opened[later]:
                fail(
                    f"{', '.join(located.files)}: --round-order puts {earlier!r} (opened {opened[earlier]}) "
                    f"before {later!r} (opened {opened[later]}), but the {ROUND_OPENS} column says "
                    f"{later!r} opened first; give the rounds first to last, or correct the dates"
                )


def analyse_files(
    files: list[str],
    *,
    version: str | None,
    min_group: int,
    invitations: str | None,
    given_order: list[str] | None,
    text_as_categories: bool = False,
) -> Analysed:
    """Read every file with one instrument version, order the rounds and analyse them all.

    `text_as_categories` is for a caller that uses only the analysis (`read_responses_file`).
    """
    import pandas as pd
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from joinedup.analysis import analyse, min_group_for
    from joinedup.instrument import load_instrument
    from joinedup.instrument.bank import best_matching_version

    try:
        threshold = min_group_for([min_group])
    except ValueError as error:
        fail(f"--min-group: {error}")
    check_version(version)
    instrument = load_instrument(version)
    frames: list[pd.DataFrame] = []
    starts: list[int] = []
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    # The bar is for a person watching: on a log or a pipe it would leave only a blank line.
    screen = Console(stderr=True)
    with Progress(*columns, console=screen, transient=True, disable=not screen.is_terminal) as bar:
        headers = [_file_columns(file) for file in files]
        matching = best_matching_version({column for header in headers for column in header})
        if matching is not None and matching != instrument.version:
            fail(
                f"the files hold the statements of instrument version {matching}, not {instrument.version}: "
                f"add --version {matching}"
            )
        for file in files:
            bar.add_task(f"Reading {file}", total=None)
            starts.append(sum(len(frame) for frame in frames))
            frames.append(read_responses_file(file, instrument, text_as_categories=text_as_categories))
        located = _Located(files, starts, invitations)
        order = round_order(frames, located, given_order)
        invited = read_invitations(invitations) if invitations is not None else None
        bar.add_task("Analysing", total=None)
        responses = pd.concat(frames, ignore_index=True)
        try:
            result = analyse(
                responses,
                instrument.items,
                min_group=threshold,
                invitations=invited,
                round_order=order,
                instrument_version=instrument.version,
            )
        except ValueError as error:
            fail(located.message(error))
    return Analysed(responses, invited, instrument, result)
