"""Every kind of structure record, declared once: the registry the CLI, the web app, the sheet
readers and writers and the checks all take their list of kinds from.

A sheet kind (roles, targets, meetings, funding, actions) is what a person imports or
downloads as one workbook: its sheets (layouts in `structure_layouts`), how the sheets are
parsed into the core records and written back, and the check run on those records. Each of
its sheets holds one record kind (a task, a reading, a post...), named here as the web app
names it in its URLs, so the web registry (`joinedup.web.structure.kinds`) can add a model
and a form per record kind and a test can hold it to exactly these kinds. Adding a kind
means adding it here; everything else derives its list from this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from joinedup.checks.finding import CheckFinding
from joinedup.checks.funding import check_funding
from joinedup.checks.meetings import check_meetings
from joinedup.checks.roles import check_roles
from joinedup.checks.targets import check_targets
from joinedup.io import structure_export, structure_sheets
from joinedup.io.structure_export import SheetData
from joinedup.io.structure_layouts import KINDS, SHEETS, Kind, SheetLayout
from joinedup.io.tables import Table

Parser = Callable[[Table, Sequence[Table | None], date], Any]
"""(main sheet, companion sheets in layout order, the day readings may not be after) → records."""


@dataclass(frozen=True)
class RecordKind:
    """The record one sheet holds a row of: `name` as URLs and the web registry key it."""

    name: str
    noun: str
    sheet: SheetLayout


@dataclass(frozen=True)
class StructureKind:
    """One sheet kind: `label` as pages say it ("Import funding and posts"); `check_title` heads
    its findings, and `check` runs the core check with its default thresholds (the action plan
    has none: its progress is read in the findings, not checked here)."""

    name: Kind
    label: str
    record_nouns: tuple[tuple[str, str], ...]
    """(record kind name, noun) for each sheet, in the order of `sheets`."""
    parse: Parser
    to_sheets: Callable[[Any], list[SheetData]]
    check_title: str | None = None
    check: Callable[[Any, date], list[CheckFinding]] | None = None

    @property
    def sheets(self) -> tuple[SheetLayout, ...]:
        """Main sheet first, then the companions, in the order `parse` takes them."""
        return SHEETS[self.name]

    @property
    def records(self) -> tuple[RecordKind, ...]:
        return tuple(
            RecordKind(name, noun, sheet)
            for (name, noun), sheet in zip(self.record_nouns, self.sheets, strict=True)
        )

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(layout.name for layout in self.sheets)

    @property
    def companion_names(self) -> tuple[str, ...]:
        return self.sheet_names[1:]

    def read(self, path: Path, companions: Mapping[str, Path | None], *, today: date) -> Any:
        """The records from a file (a workbook holding the sheets, or the main sheet's CSV) and
        any companion files named by sheet; raises StructureImportFailed naming every problem."""
        main, others = structure_sheets.load_tables(self.name, path, companions)
        return self.parse(main, others, today)


STRUCTURE_KINDS: dict[Kind, StructureKind] = {
    kind.name: kind
    for kind in (
        StructureKind(
            "roles",
            "roles",
            (("task", "task"), ("competence", "competence")),
            parse=lambda main, others, today: structure_sheets.parse_roles(main, *others),
            to_sheets=structure_export.roles_sheets,
            check_title="Roles",
            check=lambda records, today: check_roles(records, today=today),
        ),
        StructureKind(
            "targets",
            "targets",
            (("target", "target"), ("reading", "reading")),
            parse=lambda main, others, today: structure_sheets.parse_targets(main, *others, today=today),
            to_sheets=structure_export.targets_sheets,
            check_title="Targets",
            check=lambda records, today: check_targets(records, today=today),
        ),
        StructureKind(
            "meetings",
            "meetings",
            (("meeting", "meeting"), ("meeting-action", "meeting action")),
            parse=lambda main, others, today: structure_sheets.parse_meetings(main, *others),
            to_sheets=structure_export.meetings_sheets,
            check_title="Meetings",
            check=lambda records, today: check_meetings(records, today=today),
        ),
        StructureKind(
            "funding",
            "funding and posts",
            (("funding-line", "funding line"), ("post", "post"), ("unfunded-cost", "cost")),
            parse=lambda main, others, today: structure_sheets.parse_funding(main, *others),
            to_sheets=structure_export.funding_sheets,
            check_title="Funding and posts",
            check=lambda records, today: check_funding(records, today=today),
        ),
        StructureKind(
            "actions",
            "action plan",
            (("action", "action"), ("update", "update")),
            parse=lambda main, others, today: structure_sheets.parse_actions(main, *others),
            to_sheets=structure_export.actions_sheets,
        ),
    )
}
"""Every sheet kind, in the order of `structure_layouts.KINDS`."""

RECORD_KINDS: dict[str, RecordKind] = {
    record.name: record for kind in STRUCTURE_KINDS.values() for record in kind.records
}
"""Every record kind of every sheet kind, by name."""

CHECKED_KINDS: tuple[StructureKind, ...] = tuple(kind for kind in STRUCTURE_KINDS.values() if kind.check)
"""The kinds a structural check runs on, in registry order."""

if tuple(STRUCTURE_KINDS) != KINDS:
    raise RuntimeError("the registry must declare exactly the kinds of structure_layouts.SHEETS, in order")


def structure_kind(name: str) -> StructureKind:
    """The kind of that name; KeyError naming the kinds there are otherwise."""
    for kind in STRUCTURE_KINDS.values():
        if kind.name == name:
            return kind
    raise KeyError(f"{name!r} is not a kind of structure record; use one of {', '.join(KINDS)}")
