"""Charts and the partnership report in HTML, PDF and XLSX.

`build_report_data` gathers what a round's report shows; `render_html`, `render_pdf` and
`render_xlsx` turn it into a file's bytes or text. The web app and the CLI call the same
functions, so the same data gives the same report.

Every name is imported when first asked for, so that importing one module of the package costs
no more than that module: the process that makes a command line's PDF imports
`joinedup.reports.pdf` without the analysis behind the report data (half a second), and an HTML
report or the web app's pages never import WeasyPrint or openpyxl (seconds).
"""

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from joinedup.reports.data import (
        CommentSummary,
        ReportData,
        StructureRecords,
        build_report_data,
        run_checks,
    )
    from joinedup.reports.html import render_html, report_context
    from joinedup.reports.pdf import render_pdf
    from joinedup.reports.tables import ReportTable, all_tables
    from joinedup.reports.xlsx import render_xlsx

_MODULES = {
    "CommentSummary": "data",
    "ReportData": "data",
    "StructureRecords": "data",
    "build_report_data": "data",
    "run_checks": "data",
    "render_html": "html",
    "report_context": "html",
    "render_pdf": "pdf",
    "ReportTable": "tables",
    "all_tables": "tables",
    "render_xlsx": "xlsx",
}

__all__ = [
    "CommentSummary",
    "ReportData",
    "ReportTable",
    "StructureRecords",
    "all_tables",
    "build_report_data",
    "render_html",
    "render_pdf",
    "render_xlsx",
    "report_context",
    "run_checks",
]


def __getattr__(name: str) -> object:
    """Import the module that defines `name` and keep what it gives for the next time."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
