"""The report as a workbook for the analyst: every table on its own sheet, hidden figures written
as the text "suppressed", and byte-identical output for the same data (the workbook's dates
and the zip entries' times are the report's date, not the clock)."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from joinedup.analysis.result import Suppressed
from joinedup.formatting import long_date
from joinedup.io.formulas import workbook_cell
from joinedup.reports.data import ReportData
from joinedup.reports.tables import Cell, ReportTable, all_tables

_MAX_WIDTH = 60


def _value(cell: Cell) -> str | int | float | None:
    """What goes in the sheet; text that a spreadsheet would run as a formula is quoted."""
    if isinstance(cell, Suppressed):
        return "suppressed"
    return workbook_cell(cell)


def _add_sheet(workbook: Workbook, table: ReportTable) -> None:
    sheet = workbook.create_sheet(table.sheet)
    sheet.append([workbook_cell(table.title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([workbook_cell(column) for column in table.columns])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_value(cell) for cell in row])
    sheet.freeze_panes = "B3"
    for index, column in enumerate(table.columns, start=1):
        longest = max([len(column), *(len(str(_value(row[index - 1]) or "")) for row in table.rows)])
        sheet.column_dimensions[get_column_letter(index)].width = min(_MAX_WIDTH, longest + 2)


def _fixed_times(raw: bytes, when: datetime) -> bytes:
    """The same archive with every entry dated `when`, so that equal content gives equal bytes."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = entry.external_attr
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()


def render_xlsx(data: ReportData) -> bytes:
    """The workbook's bytes; written through openpyxl's writer rather than `Workbook.save`, which
    would stamp the moment of saving into the workbook's properties."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    about = workbook.create_sheet("About")
    about.append([workbook_cell(f"{data.partnership}: partnership report, {data.round}")])
    about["A1"].font = Font(bold=True)
    about.append(["Produced", long_date(data.generated_on)])
    about.append(["Responses", data.analysis.n if data.analysis.n is not None else "suppressed"])
    about.append(["Minimum group size", data.min_group])
    about.append(
        ["Suppressed", "a figure for a group too small to show, or one that would reveal such a group"]
    )
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 80
    for table in all_tables(data):
        _add_sheet(workbook, table)
    when = datetime(data.generated_on.year, data.generated_on.month, data.generated_on.day)
    workbook.properties.created = when
    workbook.properties.modified = when
    workbook.properties.creator = "joinedup"
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return _fixed_times(buffer.getvalue(), when)
