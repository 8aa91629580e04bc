"""Writing structure records back to sheets, and blank templates, in the layouts the readers
read: whatever is exported can be edited in a spreadsheet and imported again unchanged.

As CSV, each sheet is its own UTF-8 file (with the byte-order mark Excel needs to show
accents); as XLSX, one workbook holds every sheet, with dates and numbers as real cells,
and a templates workbook adds a guide sheet describing each column. Text that a spreadsheet
would run as a formula ("=HYPERLINK(...)" as a task or agency name) is written with an
apostrophe in front, in CSV and XLSX, headers included, and read back without it.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from joinedup.checks.records import (
    ActionItem,
    FundingRecords,
    MeetingRecords,
    RaciMatrix,
    RaciRole,
    TargetRecords,
)
from joinedup.io.formulas import protect_row, workbook_cell
from joinedup.io.structure_cells import LIST_SEPARATOR
from joinedup.io.structure_layouts import SHEETS, Kind, SheetLayout

Cell = str | float | date | None
SheetFormat = Literal["csv", "xlsx"]
TEMPLATE_AGENCIES: tuple[str, ...] = ("Education", "Health", "Police", "Social care", "Voluntary sector")
"""The agency columns of a blank roles or meetings template, to be renamed to the partnership's own."""
GUIDE_SHEET = "guide"


@dataclass(frozen=True)
class SheetData:
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...] = ()


def _sheet(layout: SheetLayout, rows: Sequence[Sequence[Cell]], agencies: Sequence[str] = ()) -> SheetData:
    return SheetData(layout.name, (*layout.column_names, *agencies), tuple(tuple(row) for row in rows))


def _letters(roles: frozenset[RaciRole]) -> str:
    return "/".join(role.value for role in RaciRole if role in roles)


def roles_sheets(matrix: RaciMatrix) -> list[SheetData]:
    roles_layout, competences_layout = SHEETS["roles"]
    task_rows = []
    for task in matrix.tasks:
        cells = matrix.roles_of(task.name)
        task_rows.append(
            [task.name, task.competence, *(_letters(cells.get(a, frozenset())) for a in matrix.agencies)]
        )
    competence_rows = [[c.agency, c.competence] for c in matrix.competences]
    return [_sheet(roles_layout, task_rows, matrix.agencies), _sheet(competences_layout, competence_rows)]


def targets_sheets(records: TargetRecords) -> list[SheetData]:
    targets_layout, readings_layout = SHEETS["targets"]
    target_rows = [
        [
            t.reference,
            t.title,
            t.measure,
            t.unit,
            t.polarity.value if t.polarity else None,
            t.baseline,
            t.baseline_date,
            t.target_value,
            t.target_date,
            t.owner,
            t.responsible_party,
        ]
        for t in records.targets
    ]
    reading_rows = [[r.target, r.as_of, r.value, r.reported_by, r.note] for r in records.readings]
    return [_sheet(targets_layout, target_rows), _sheet(readings_layout, reading_rows)]


def meetings_sheets(records: MeetingRecords) -> list[SheetData]:
    meetings_layout, actions_layout = SHEETS["meetings"]
    meeting_rows = []
    action_rows = []
    for meeting in records.meetings:
        levels = [meeting.level_of(agency) for agency in records.agencies]
        meeting_rows.append(
            [
                meeting.reference,
                meeting.held_on,
                meeting.kind.value,
                "\n".join(meeting.decisions),
                *(level.value if level else None for level in levels),
            ]
        )
        action_rows += [
            [meeting.reference, a.reference, a.description, a.status.value, a.owner] for a in meeting.actions
        ]
    return [_sheet(meetings_layout, meeting_rows, records.agencies), _sheet(actions_layout, action_rows)]


def funding_sheets(records: FundingRecords) -> list[SheetData]:
    lines_layout, posts_layout, costs_layout = SHEETS["funding"]
    line_rows = [
        [
            f.reference,
            f.source,
            f.agency,
            f.amount_per_year,
            f.mechanism.value,
            f.certainty.value,
            f.legal_basis,
            f.start,
            f.end,
        ]
        for f in records.lines
    ]
    post_rows = [
        [p.reference, p.title, p.agency, f"{LIST_SEPARATOR} ".join(p.funded_by), p.contract.value, p.end]
        for p in records.posts
    ]
    cost_rows = [
        [c.reference, c.description, c.amount_per_year, f"{LIST_SEPARATOR} ".join(c.agencies), c.note]
        for c in records.unfunded_costs
    ]
    return [_sheet(lines_layout, line_rows), _sheet(posts_layout, post_rows), _sheet(costs_layout, cost_rows)]


def actions_sheets(actions: Sequence[ActionItem]) -> list[SheetData]:
    actions_layout, updates_layout = SHEETS["actions"]
    action_rows = [
        [
            a.reference,
            a.what,
            a.owner,
            a.status.value,
            a.due,
            a.factor,
            a.finding,
            a.success_measure,
            a.created_on,
            a.intervention,
        ]
        for a in actions
    ]
    update_rows = [[a.reference, u.on, u.status.value, u.note] for a in actions for u in a.updates]
    return [_sheet(actions_layout, action_rows), _sheet(updates_layout, update_rows)]


def template_sheets(kind: Kind, agencies: Sequence[str] = TEMPLATE_AGENCIES) -> list[SheetData]:
    """Blank sheets of a kind: headers only, with agency columns where the layout has them."""
    return [_sheet(layout, [], agencies if layout.agency_columns else ()) for layout in SHEETS[kind]]


def _guide(kind: Kind) -> SheetData:
    rows: list[tuple[Cell, ...]] = []
    for layout in SHEETS[kind]:
        rows.append((layout.name, None, None, layout.meaning))
        rows += [(layout.name, c.name, "yes" if c.required else "no", c.meaning) for c in layout.columns]
        if layout.agency_columns:
            rows.append((layout.name, "one column per member agency", "no", layout.agency_columns))
    return SheetData(GUIDE_SHEET, ("sheet", "column", "required", "what to write"), tuple(rows))


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def _append_as_values(worksheet: Worksheet, row: Sequence[Cell]) -> None:
    """Append a row with text protected from running as a formula (`joinedup.io.formulas`)."""
    worksheet.append([workbook_cell(value) for value in row])


def write_sheets(
    sheets: Sequence[SheetData], out: Path, fmt: SheetFormat, *, guide: Kind | None = None
) -> list[Path]:
    """Write the sheets and return the files written.

    CSV: `out` is a folder (created if needed) receiving `<sheet>.csv` per sheet. XLSX: `out`
    is the workbook. `guide` adds a guide sheet for that kind to a workbook.
    """
    if fmt == "csv":
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for sheet in sheets:
            path = out / f"{sheet.name}.csv"
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(protect_row(sheet.header))
                writer.writerows(protect_row(_text(cell) for cell in row) for row in sheet.rows)
            written.append(path)
        return written
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    for sheet in [*sheets, *([_guide(guide)] if guide else [])]:
        worksheet = workbook.create_sheet(sheet.name)
        _append_as_values(worksheet, sheet.header)
        for cell in worksheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            _append_as_values(worksheet, row)
        for column, name in zip(worksheet.iter_cols(min_row=1, max_row=1), sheet.header, strict=True):
            worksheet.column_dimensions[column[0].column_letter].width = max(12, min(len(name) + 4, 60))
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)
    return [out]
