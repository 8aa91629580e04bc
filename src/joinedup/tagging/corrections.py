"""A coordinator's corrections to the tags of their partnership's comments.

Corrections are the only thing a partnership adds to its local model, so they are
kept as plain records that can be stored, exported and replayed: the partnership's
model is always the shipped examples plus its own corrections, never anyone else's.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from joinedup.evidence.ids import FACTOR_IDS

CORRECTION_COLUMNS: tuple[str, str] = ("text", "factors")
FACTOR_SEPARATORS = re.compile(r"[;|,]")


class CorrectionError(ValueError):
    """A correction that cannot be accepted; the message names where and why."""


@dataclass(frozen=True)
class Correction:
    """The factors a coordinator says a text is about; an empty list means "about none"."""

    text: str
    factors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise CorrectionError("a correction needs a non-empty text")
        unknown = [factor for factor in self.factors if factor not in FACTOR_IDS]
        if unknown:
            raise CorrectionError(f"correction of {self.text!r}: {unknown[0]!r} is not a factor id")


def normalise_text(text: str) -> str:
    """The form under which two texts count as the same comment for a correction."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def latest_corrections(corrections: Sequence[Correction]) -> list[Correction]:
    """Keep only the last correction of each text, so a coordinator can change their mind."""
    latest: dict[str, Correction] = {}
    for correction in corrections:
        key = normalise_text(correction.text)
        latest.pop(key, None)
        latest[key] = correction
    return list(latest.values())


def parse_corrections_csv(content: str, *, source: str) -> list[Correction]:
    """Read a CSV with columns `text` and `factors` (ids separated by `;`), all or nothing.

    A blank `factors` cell records that the text is about none of the factors.
    """
    reader = csv.DictReader(io.StringIO(content))
    header = reader.fieldnames or []
    missing = [column for column in CORRECTION_COLUMNS if column not in header]
    if missing:
        raise CorrectionError(f"{source}: row 1 (header): column {missing[0]!r} is missing; found {header}")
    corrections: list[Correction] = []
    for row_number, row in enumerate(reader, start=2):
        text = (row.get("text") or "").strip()
        if not text:
            raise CorrectionError(f"{source}: row {row_number}, column 'text': value {text!r} is empty")
        cell = row.get("factors") or ""
        factors = [part.strip() for part in FACTOR_SEPARATORS.split(cell) if part.strip()]
        for factor in factors:
            if factor not in FACTOR_IDS:
                raise CorrectionError(
                    f"{source}: row {row_number}, column 'factors': value {factor!r} is not a factor id"
                )
        corrections.append(Correction(text=text, factors=factors))
    if not corrections:
        raise CorrectionError(f"{source}: no corrections found below the header")
    return corrections
