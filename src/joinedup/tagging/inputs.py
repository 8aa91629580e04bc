"""The texts to tag, from a plain text file (one per line) or one column of a CSV.

Output lines match input lines one for one, so a blank line is kept as a blank text
(tagged with no factor) rather than dropped, and a CSV keeps its row order.
"""

from __future__ import annotations

import csv
import io


class InputError(ValueError):
    """Input that cannot be tagged; the message names the source, row and column."""


def texts_from_lines(content: str) -> list[str]:
    """One text per line; a final newline does not add an empty text."""
    return content.splitlines()


def texts_from_csv(content: str, *, column: str, source: str) -> list[str]:
    """The cells of `column`, in row order; an empty cell is an empty text."""
    reader = csv.DictReader(io.StringIO(content))
    header = reader.fieldnames or []
    if column not in header:
        raise InputError(f"{source}: row 1 (header): column {column!r} not found; columns are {header}")
    texts = []
    for row_number, row in enumerate(reader, start=2):
        cell = row.get(column)
        if cell is None:
            raise InputError(f"{source}: row {row_number}, column {column!r}: the row is too short")
        texts.append(cell)
    return texts


def boxes_from_csv(content: str, *, column: str, source: str) -> list[str | None]:
    """The factor id of the comment box each row's text was typed in; an empty cell is unknown."""
    from joinedup.evidence.ids import FACTOR_IDS

    reader = csv.DictReader(io.StringIO(content))
    header = reader.fieldnames or []
    if column not in header:
        raise InputError(f"{source}: row 1 (header): column {column!r} not found; columns are {header}")
    boxes: list[str | None] = []
    for row_number, row in enumerate(reader, start=2):
        cell = (row.get(column) or "").strip()
        if cell and cell not in FACTOR_IDS:
            raise InputError(
                f"{source}: row {row_number}, column {column!r}: value {cell!r} is not a factor id"
            )
        boxes.append(cell or None)
    return boxes
