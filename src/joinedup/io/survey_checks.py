"""The checks every responses reader makes of identifiers and comments, whatever the file format.

Kept apart from the spreadsheet reader (`survey_import`) so that reading a Parquet file, which
needs these checks but no spreadsheet library, does not pay to import one.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from joinedup.analysis.row_disclosure import OTHER
from joinedup.instrument.reference import load_role_groups
from joinedup.io.agency_names import agency_key
from joinedup.io.survey_columns import normalise_header
from joinedup.io.tables import RowError, TableError

_LISTED_CHOICES = 8
COMMENT_MAX_LENGTH = 2000
"""The longest comment stored, as on the web survey form; a longer one is a row error."""
NEEDS = {
    "partnership": "a partnership",
    "round": "a round",
    "agency": "an agency",
    "role_group": "a role group",
}


class ImportFailed(TableError):
    """Nothing was imported; `errors` says why, each naming file, row, column and value."""


def missing_item(file: str, header_row: int, item_id: str, version: str) -> RowError:
    """A template file without a statement's column: a header typed over or a column deleted,
    which analysing on would turn into a statement left out without a word."""
    return RowError(
        file,
        header_row,
        item_id,
        None,
        f"the file has no column for statement {item_id} of instrument version {version}; every "
        "statement of the template needs its column (leave the cells blank where it was not answered)",
    )


class IdentifierChecks:
    """Agency and role-group spellings accepted in this import, mapped to the stored spelling."""

    def __init__(self, file: str, known_agencies: Collection[str] | None) -> None:
        self.file = file
        self.known_agencies = sorted(known_agencies) if known_agencies is not None else None
        self.agencies = {agency_key(name): name for name in self.known_agencies or ()}
        self.role_groups: dict[str, str] = {}
        for group in load_role_groups():
            self.role_groups[normalise_header(group.id)] = group.id
            self.role_groups[normalise_header(group.name)] = group.id
        self.role_groups[normalise_header(OTHER)] = OTHER  # a released responses file reads back
        self.role_group_ids = [group.id for group in load_role_groups()]

    def canonical(self, column: str, value: str) -> str | None:
        if column == "agency" and self.known_agencies is not None:
            return self.agencies.get(agency_key(value))
        if column == "role_group":
            return self.role_groups.get(normalise_header(value))
        return value

    def refuse(self, column: str, value: str) -> str | None:
        if self.canonical(column, value) is not None:
            return None
        if column == "agency":
            return f"is not one of the agencies in this partnership ({_some(self.known_agencies or [])})"
        return (
            f"is not a role group; use an id or name from the role-group list ({_some(self.role_group_ids)})"
        )


def _some(choices: Sequence[str]) -> str:
    listed = ", ".join(choices[:_LISTED_CHOICES])
    return listed + (", …" if len(choices) > _LISTED_CHOICES else "")
