"""Deciding which column of a survey file holds which item, identifier or comment.

A column can name an item by its id (the template, or a LimeSurvey code such as
`G01Q01[FU1]`) or by its statement, which the tools wrap in their own text
("How far do you agree? - <statement>", "<question> [<statement>]"). A statement is
therefore found inside the header, after both are normalised, never by a fuzzy guess:
a column that does not match is reported as unmapped for a person to look at.
"""

from __future__ import annotations

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
