"""The anonymity promise across every core output, for rounds with groups of 0 to 12 people.

For each generated round: the analysis JSON, the findings, the report (HTML and XLSX), the
`joinedup analyse` output and the released rows never give a figure or row for an agency or role
group under the minimum, never label a figure with a hidden group, and never leave a single hidden
group (or a hidden remainder under the minimum) that could be worked out from a total.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from datetime import date

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from tests.reports.text import read_html, workbook_cells
from typer.testing import CliRunner

from joinedup.analysis import analyse
from joinedup.analysis.row_disclosure import OTHER
from joinedup.cli import app
from joinedup.evidence import load_evidence_base
from joinedup.instrument import load_instrument
from joinedup.io.survey_export import write_template
from joinedup.io.survey_release import release_responses
from joinedup.reports import build_report_data, render_html, render_xlsx

MIN = 5
AGENCIES = ("Agency Kestrel", "Agency Heron", "Agency Osprey", "Agency Merlin")
ROLES = ("practitioner", "team-leader", "chief-officer")
INSTRUMENT = load_instrument()
EVIDENCE = load_evidence_base()


@st.composite
def rounds(draw: st.DrawFn) -> pd.DataFrame:
    agencies = AGENCIES[: draw(st.integers(2, len(AGENCIES)))]
    roles = ROLES[: draw(st.integers(1, len(ROLES)))]
    sizes = {(a, r): draw(st.integers(0, 12)) for a in agencies for r in roles}
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    records = []
    for (agency, role), size in sizes.items():
        for _ in range(size):
            answers = rng.choice(
                [0.0, 1.0, 2.0, 3.0, 4.0, 5.0], size=len(INSTRUMENT.items), p=[0.1] + [0.18] * 5
            )
            records.append(
                {
                    "partnership": "P",
                    "round": "R1",
                    "agency": agency,
                    "role_group": role,
                    **dict(zip(INSTRUMENT.item_ids(), answers, strict=True)),
                }
            )
    frame = pd.DataFrame.from_records(
        records, columns=["partnership", "round", "agency", "role_group", *INSTRUMENT.item_ids()]
    )
    for column in INSTRUMENT.comment_columns():
        frame[column] = None
    return frame


def residual_ok(breakdown: dict, total: int | None) -> bool:
    """No hidden group, or hidden ones whose remainder (total minus the shown) is no single group
    and no fewer than the minimum; all hidden is the total itself."""
    hidden = [name for name, entry in breakdown.items() if entry.get("suppressed")]
    if not hidden or total is None:
        return True
    shown = [entry["n"] for entry in breakdown.values() if not entry.get("suppressed")]
    return total - sum(shown) >= MIN and (len(hidden) >= 2 or not shown)


def has_number(cell: object) -> bool:
    return cell is not None and any(ch.isdigit() for ch in str(cell))


def labelled_figures(rows: list[list], names: set[str]) -> list[object]:
    """Numbers in a row headed by a hidden group's name, or in a column headed by one."""
    bad: list[object] = []
    columns: set[int] = set()
    for row in rows:
        cells = ["" if cell is None else str(cell).strip() for cell in row]
        if cells and cells[0] in names and any(has_number(cell) for cell in cells[1:]):
            bad.append(row)
        headed = {index for index, cell in enumerate(cells) if cell in names and index > 0}
        if headed:
            columns = headed
            continue
        bad += [row for index in columns if index < len(cells) and has_number(cells[index])]
    return bad


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=rounds())
def test_no_output_shows_or_gives_away_a_group_under_the_minimum(
    frame: pd.DataFrame, tmp_path_factory
) -> None:
    assume(len(frame) > 0)
    counts = Counter(frame["agency"])
    role_counts = Counter(frame["role_group"])
    result = analyse(frame, INSTRUMENT.items, instrument_version=INSTRUMENT.version)
    document = json.loads(result.to_json())
    entry = document["rounds"][0] if document["rounds"] else None
    if entry is None or entry["suppressed"]:
        assert len(frame) < MIN
        return

    hidden_agencies = {n for n, e in entry["responses"]["by_agency"].items() if e["suppressed"]}
    hidden_roles = {n for n, e in entry["responses"]["by_role_group"].items() if e.get("suppressed")}
    assert {a for a, n in counts.items() if n < MIN} <= hidden_agencies
    assert {r for r, n in role_counts.items() if n < MIN} <= hidden_roles
    by_agency = {
        n: {"n": e["n"], "suppressed": e["suppressed"]} for n, e in entry["responses"]["by_agency"].items()
    }
    assert residual_ok(by_agency, entry["n"])
    assert residual_ok(entry["responses"]["by_role_group"], entry["n"])
    for factor in entry["factors"]:
        for kind, breakdown in factor["groups"].items():
            assert residual_ok(breakdown, factor["n"]), (factor["id"], kind)
            hidden_here = hidden_agencies if kind == "agency" else hidden_roles
            assert all(breakdown[name].get("suppressed") for name in hidden_here if name in breakdown)
        if factor["divergence"]:
            assert not set(factor["divergence"]["groups"]) & hidden_agencies

    data = build_report_data(
        result, "P", "R1", evidence=EVIDENCE, instrument=INSTRUMENT, today=date(2026, 6, 1)
    )
    for finding in data.findings:
        if finding.key != "voice:missing":
            text = " ".join((finding.statement, *finding.evidence_of))
            assert not [name for name in hidden_agencies | hidden_roles if name in text], finding

    hidden = hidden_agencies | hidden_roles
    html = render_html(data)
    for table in html.split("<table")[1:]:
        assert labelled_figures(read_html("<table" + table.split("</table>")[0]).rows, hidden) == []
    for sheet, rows in workbook_cells(render_xlsx(data)).items():
        assert labelled_figures(rows, hidden) == [], sheet

    folder = tmp_path_factory.mktemp("cli")
    write_template(folder / "responses.csv", INSTRUMENT, frame)
    output = CliRunner().invoke(app, ["analyse", str(folder / "responses.csv"), "--format", "json"])
    assert output.exit_code == 0, output.output
    assert json.loads(output.stdout) == document

    released = release_responses(
        frame, INSTRUMENT, min_group=MIN, agencies=list(AGENCIES), analysis=result.rounds[0]
    ).frame
    assert not set(released["agency"]) & hidden_agencies
    assert not set(released["role_group"]) & hidden_roles
    assert min(Counter(zip(released["agency"], released["role_group"], strict=True)).values()) >= MIN
    assert OTHER not in counts


def test_the_cli_report_in_every_format_names_hidden_agencies_without_a_figure(tmp_path) -> None:
    """One example for the PDF (too slow for the property): an agency of 3 and, by secondary
    suppression, one of 6 are hidden; no line of the PDF's text, no finding and no sheet row
    puts a number beside their names."""
    rng = np.random.default_rng(5)
    sizes = {"Agency Kestrel": 20, "Agency Heron": 20, "Agency Osprey": 6, "Agency Merlin": 3}
    records = [
        {
            "partnership": "P",
            "round": "R1",
            "agency": agency,
            "role_group": "practitioner",
            **dict(
                zip(
                    INSTRUMENT.item_ids(),
                    rng.integers(1, 6, len(INSTRUMENT.items)).astype(float),
                    strict=True,
                )
            ),
        }
        for agency, size in sizes.items()
        for _ in range(size)
    ]
    write_template(
        tmp_path / "responses.csv",
        INSTRUMENT,
        pd.DataFrame.from_records(records).assign(**dict.fromkeys(INSTRUMENT.comment_columns(), None)),
    )
    hidden = {"Agency Osprey", "Agency Merlin"}
    outputs = {}
    for fmt in ("pdf", "html", "xlsx"):
        out = tmp_path / f"report.{fmt}"
        ran = CliRunner().invoke(
            app,
            [
                "report",
                str(tmp_path / "responses.csv"),
                "--partnership",
                "P",
                "--round",
                "R1",
                "--format",
                fmt,
                "--out",
                str(out),
                "--today",
                "2026-06-01",
            ],
        )
        assert ran.exit_code == 0, ran.output
        outputs[fmt] = out.read_bytes()
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(outputs["pdf"])).pages)
    named = [line for line in text.splitlines() if any(name in line for name in hidden)]
    assert named, "hidden agencies are listed, as hidden"
    # The minimum group size is the one number such a line may carry: it is a rule, not a count.
    figures = [line.replace("Agency", "").replace("fewer than 5", "") for line in named]
    assert [line for line in figures if any(ch.isdigit() for ch in line)] == []
    for table in outputs["html"].decode().split("<table")[1:]:
        assert labelled_figures(read_html("<table" + table.split("</table>")[0]).rows, hidden) == []
    for sheet, rows in workbook_cells(outputs["xlsx"]).items():
        assert labelled_figures(rows, hidden) == [], sheet
