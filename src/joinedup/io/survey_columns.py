"""Deciding which column of a survey file holds which item, identifier or comment.

A column can name an item by its id (the template, or a LimeSurvey code such as
`G01Q01[FU1]`) or by its statement, which the tools wrap in their own text
("How far do you agree? - <statement>", "<question> [<statement>]"). A statement is
therefore found inside the header, after both are normalised, never by a fuzzy guess:
a column that does not match is reported as unmapped for a person to look at.

A column named like a statement id (two capitals and a number, as every version of the bank
names them) that is not one of the version's ids is a different matter: it is almost always a
typed id ("PC9" for "PC1") or a file of another version, and reading on without it would drop
that item's answers silently, so `mistyped_item_columns` says which such columns a file holds.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from joinedup.instrument.model import Instrument
from joinedup.instrument.responses import COMMENT_PREFIX, ID_COLUMNS, ROUND_OPENS

ID_COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "partnership": ("partnership", "partnership name"),
    "round": ("round", "assessment round"),
    "agency": (
        "agency",
        "your agency",
        "agency type",
        "organisation",
        "organization",
        "which agency do you work for",
    ),
    "role_group": (
        "role_group",
        "role group",
        "your role group",
        "role",
        "your role",
        "which role group are you in",
    ),
}
ROUND_OPENS_ALIASES: tuple[str, ...] = ("round_opens", "round opens", "round opening date", "round opened")
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2013": "-"}
)
_SPACES = re.compile(r"\s+")
_CODE_IN_BRACKETS = re.compile(r"\[([A-Za-z][A-Za-z0-9]*)\]\s*$")


_CLOSE_MATCHES = 3


def mistyped_item_columns(
    unmapped: Sequence[str], instrument: Instrument, missing: Sequence[str] = ()
) -> dict[str, str]:
    """Each unmapped column shaped like a statement id of the bank, with why it cannot be read.

    The shape is taken from the ids of every version, so a column of another version is told
    apart (and the version named) from a typing slip, which gets the closest ids as a hint:
    the closest of the `missing` ones (no column holds them) when any is close, as a renamed
    column leaves its own id missing.
    """
    if not unmapped:
        return {}
    from joinedup.instrument.bank import list_versions, load_instrument

    by_version = {version: set(load_instrument(version).item_ids()) for version in list_versions()}
    prefixes = sorted({re.sub(r"\d+$", "", item_id) for ids in by_version.values() for item_id in ids})
    shape = re.compile(rf"(?:{'|'.join(map(re.escape, prefixes))})\d+", re.IGNORECASE)
    ids = instrument.item_ids()
    found: dict[str, str] = {}
    for name in unmapped:
        folded = name.strip().upper()
        if not shape.fullmatch(folded):
            continue
        versions = [version for version, held in by_version.items() if folded in held]
        if versions:
            found[name] = (
                f"is statement {folded} of instrument version {', '.join(versions)}, not of version "
                f"{instrument.version} the file is read with; read it with version {versions[0]}"
            )
            continue
        close = difflib.get_close_matches(folded, missing, n=1, cutoff=0.6) or difflib.get_close_matches(
            folded, ids, n=_CLOSE_MATCHES, cutoff=0.6
        )
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        found[name] = (
            f"is named like a statement id but instrument version {instrument.version} has no "
            f"statement {folded}{hint}"
        )
    return found


@dataclass(frozen=True)
class ColumnPlan:
    """`mapping` goes from a file header to a responses-frame column."""

    mapping: dict[str, str]
    unmapped: list[str]
    conflicts: dict[str, list[str]]


def normalise_header(text: str) -> str:
    """Case, curly quotes, spacing, a required-answer star and closing punctuation do not matter."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().rstrip(" .?:*").casefold()


def plan_columns(
    header: Sequence[str], alternatives: Mapping[str, str], instrument: Instrument
) -> ColumnPlan:
    """Map every header it can; two columns claiming one target are conflicts, not silently merged."""
    targets = _Targets(instrument)
    mapping: dict[str, str] = {}
    unmapped: list[str] = []
    claimed: dict[str, list[str]] = defaultdict(list)
    for name in header:
        target = targets.match(name)
        if target is None and name in alternatives:
            target = targets.match(alternatives[name])
        if target is None:
            unmapped.append(name)
        else:
            mapping[name] = target
            claimed[target].append(name)
    conflicts = {target: names for target, names in claimed.items() if len(names) > 1}
    return ColumnPlan(mapping, unmapped, conflicts)


class _Targets:
    """The names each frame column answers to, normalised once per import."""

    def __init__(self, instrument: Instrument) -> None:
        self.item_ids = {item.id.casefold(): item.id for item in instrument.items}
        self.id_aliases = {alias: column for column in ID_COLUMNS for alias in ID_COLUMN_ALIASES[column]}
        self.id_aliases.update({alias: ROUND_OPENS for alias in ROUND_OPENS_ALIASES})
        self.comment_columns = {column.casefold(): column for column in instrument.comment_columns()}
        self.prompts = {
            normalise_header(prompt): f"{COMMENT_PREFIX}{factor}"
            for factor, prompt in instrument.comment_prompts.items()
        }
        self.statements = sorted(
            ((normalise_header(item.text), item.id) for item in instrument.items),
            key=lambda pair: -len(pair[0]),
        )

    def match(self, name: str) -> str | None:
        folded = name.strip().casefold()
        if folded in self.item_ids:
            return self.item_ids[folded]
        code = _CODE_IN_BRACKETS.search(name)
        if code and code[1].casefold() in self.item_ids:
            return self.item_ids[code[1].casefold()]
        if folded in self.comment_columns:
            return self.comment_columns[folded]
        normalised = normalise_header(name)
        if normalised in self.id_aliases:
            return self.id_aliases[normalised]
        for prompt, column in self.prompts.items():
            if prompt in normalised:
                return column
        for statement, item_id in self.statements:
            if statement in normalised:
                return item_id
        return None
