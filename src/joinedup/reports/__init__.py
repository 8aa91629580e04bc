"""Charts and the partnership report in HTML, PDF and XLSX.

`build_report_data` gathers what a round's report shows; `render_html`, `render_pdf` and
`render_xlsx` turn it into a file's bytes or text. The web app and the CLI call the same
functions, so the same data gives the same report.
"""

from typing import TYPE_CHECKING

from joinedup.reports.data import CommentSummary, ReportData, StructureRecords, build_report_data, run_checks
from joinedup.reports.html import render_html, report_context
from joinedup.reports.tables import ReportTable, all_tables

if TYPE_CHECKING:
    from joinedup.reports.pdf import render_pdf
    from joinedup.reports.xlsx import render_xlsx

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
    """Import the PDF and workbook writers only when asked for: WeasyPrint and openpyxl take
    seconds to import, and an HTML report (or the web app's pages) needs neither."""
    if name == "render_pdf":
        from joinedup.reports.pdf import render_pdf

        return render_pdf
    if name == "render_xlsx":
        from joinedup.reports.xlsx import render_xlsx

        return render_xlsx
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
