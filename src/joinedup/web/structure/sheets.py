"""Importing and exporting a partnership's structure records through the core sheet readers and
writers, so a sheet made by the CLI imports here and a download here checks with the CLI.

An import is all or nothing: every problem in every sheet (unreadable cells, broken
references, agencies the partnership does not have) is collected and reported together,
each naming the file, row, column and value, and nothing is stored unless there is none.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from joinedup.io import structure_export, structure_sheets
from joinedup.io.agency_names import agency_key
from joinedup.io.safety import STRUCTURE_LIMITS
from joinedup.io.structure_cells import check_header, sheet_label, split_list
from joinedup.io.structure_layouts import Kind, SheetLayout
from joinedup.io.tables import RowError, Table
from joinedup.web.partnerships.models import Partnership
from joinedup.web.uploads import max_upload_bytes

from . import convert, store
from .kinds import WEB_KINDS


class ImportRefused(Exception):
    """Nothing was stored; `errors` lists every problem found."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(str(error) for error in errors))
        self.errors = errors


def _unknown_agencies(
    layout: SheetLayout, table: Table, known: set[str], partnership: Partnership
) -> list[RowError]:
    label = sheet_label(table)
    reason = f"is not a member agency of {partnership.name}; add the agency first or correct the name"
    mapping, extra = check_header(table, layout, [])
    errors = [
        RowError(label, table.header_row, header, header, reason)
        for header in extra
        if agency_key(header) not in known
    ]
    columns = {header: name for header, name in mapping.items() if name in layout.agency_name_columns}
    for number, cells in table.records():
        for header, name in columns.items():
            names = split_list(cells[header]) if name == "agencies" else (cells[header].strip(),)
            errors += [
                RowError(label, number, header, value, reason)
                for value in names
                if value and agency_key(value) not in known
            ]
    return errors


def import_sheets(
    partnership: Partnership, kind: Kind, main: Path, companions: Mapping[str, Path | None]
) -> Counter[str]:
    """Read, check and store one kind's sheets; returns how many rows were created, updated,
    unchanged and deleted. Raises ImportRefused, having stored nothing, on any problem."""
    try:
        main_table, companion_tables = structure_sheets.load_tables(
            kind, main, companions, limits=STRUCTURE_LIMITS.with_max_bytes(max_upload_bytes())
        )
    except structure_sheets.StructureImportFailed as failure:
        raise ImportRefused(failure.errors) from failure
    known = {agency_key(name) for name in convert.agency_names(partnership)}
    errors: list[RowError] = []
    chosen = WEB_KINDS[kind]
    for layout, table in zip(chosen.core.sheets, [main_table, *companion_tables], strict=True):
        if table is not None:
            errors += _unknown_agencies(layout, table, known, partnership)
    try:
        parsed = chosen.core.parse(main_table, companion_tables, timezone.localdate())
    except structure_sheets.StructureImportFailed as failure:
        raise ImportRefused(failure.errors + errors) from failure
    except ValueError as failure:
        raise ImportRefused([RowError(main.name, None, None, None, str(failure)), *errors]) from failure
    if errors:
        raise ImportRefused(errors)
    upserter = store.Upserter(partnership)
    with transaction.atomic():
        chosen.store(parsed, upserter)
    return upserter.counts


def _records(partnership: Partnership, kind: Kind) -> list[structure_export.SheetData]:
    chosen = WEB_KINDS[kind]
    return chosen.core.to_sheets(chosen.records_of(partnership))


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    content: bytes


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_workbook(partnership: Partnership, kind: Kind) -> Download:
    """All the kind's sheets in one workbook, with the guide sheet describing each column."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{partnership.slug}-{kind}.xlsx"
        structure_export.write_sheets(_records(partnership, kind), path, "xlsx", guide=kind)
        return Download(path.name, XLSX_TYPE, path.read_bytes())


def export_csv(partnership: Partnership, kind: Kind, sheet: str) -> Download:
    """One sheet of the kind as CSV; KeyError when the kind has no sheet of that name."""
    chosen = [data for data in _records(partnership, kind) if data.name == sheet]
    if not chosen:
        raise KeyError(f"{kind} has no sheet {sheet!r}")
    with tempfile.TemporaryDirectory() as folder:
        (path,) = structure_export.write_sheets(chosen, Path(folder), "csv")
        return Download(f"{partnership.slug}-{sheet}.csv", "text/csv; charset=utf-8", path.read_bytes())
