"""The one rule for what a cell of the responsibility (RACI) matrix may hold.

A cell is blank, one of R, A, C or I, or A and R together: the agency accountable for a task
may also do it, but being consulted or informed about a task one is responsible for, or two
of C and I, says nothing the single letter does not and muddles the check's counts. The sheet
reader, the web form's choices and the database model all ask this module, so a cell one of
them accepts the others accept too.
"""

from __future__ import annotations

import re

from joinedup.checks.records import RaciRole

RACI_ORDER = "RACI"
"""The order letters are written in: a cell holding A and R is stored as "RA"."""
_SEPARATORS = re.compile(r"[\s/,+&]+")

VALID_CELLS: tuple[frozenset[RaciRole], ...] = (
    frozenset(),
    frozenset({RaciRole.RESPONSIBLE}),
    frozenset({RaciRole.ACCOUNTABLE}),
    frozenset({RaciRole.RESPONSIBLE, RaciRole.ACCOUNTABLE}),
    frozenset({RaciRole.CONSULTED}),
    frozenset({RaciRole.INFORMED}),
)
"""Every cell the matrix may hold, blank first, in the order a form offers them."""


class RaciCellError(ValueError):
    """A cell that breaks the rule; the message says what to write instead."""


def raci_cell(text: str) -> frozenset[RaciRole]:
    """The roles a cell as people type it holds ("a/r", "R, A", " c "), or RaciCellError.

    Letters may be in either case and separated by spaces, slashes, commas, '+' or '&'.
    """
    letters = "".join(_SEPARATORS.split(text.strip().upper()))
    if any(letter not in RACI_ORDER for letter in letters) or len(set(letters)) != len(letters):
        raise RaciCellError("is not a RACI cell; use R, A, C, I, A/R or leave it blank")
    roles = frozenset(RaciRole(letter) for letter in letters)
    if roles not in VALID_CELLS:
        raise RaciCellError("combines letters; only A and R may share a cell (A/R)")
    return roles


def cell_letters(roles: frozenset[RaciRole]) -> str:
    """The cell written as stored: its letters in R, A, C, I order, "" when blank."""
    return "".join(letter for letter in RACI_ORDER if RaciRole(letter) in roles)


def cell_label(roles: frozenset[RaciRole]) -> str:
    """The cell as a form offers it."""
    if not roles:
        return "–"
    if len(roles) > 1:
        return "A and R"
    (role,) = roles
    return f"{role.value} ({role.name.lower()})"
