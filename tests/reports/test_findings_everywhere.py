"""One list of findings behind every output: `joinedup findings` prints what the report shows, every
recommendation carries its provenance and basis in HTML, XLSX and JSON, and the board summary says
only what the intervals support."""

from __future__ import annotations

import json
import re
from html import unescape

import numpy as np
import pandas as pd
from tests.reports.conftest import PARTNERSHIP, ROUND, SMALL_AGENCY, STRUCTURE_DIR, TODAY
from tests.reports.test_report_cli import core_data, files  # noqa: F401 - fixtures
from tests.reports.text import read_html, workbook_cells
from typer.testing import CliRunner

from joinedup.analysis import analyse
from joinedup.cli import app
from joinedup.evidence import PROVENANCE_LABELS, Provenance, load_evidence_base
from joinedup.findings.survey import MIN_DIVERGENCE_GROUP
from joinedup.instrument import load_instrument
from joinedup.reports import ReportData, build_report_data, render_html, render_xlsx
from joinedup.reports.data import finding_records

runner = CliRunner()
AGENCIES = ("Education", "Health", "Police")
CANNOT_TELL = "The data cannot yet tell the factors apart"


def _findings_cli(files, output_format: str):  # noqa: F811 - the imported fixture's name
    return runner.invoke(
        app,
        [
            "findings",
            str(files / "responses.parquet"),
            "--partnership",
            PARTNERSHIP,
            "--round",
            ROUND,
            "--format",
            output_format,
            "--structure",
            str(STRUCTURE_DIR),
            "--invitations",
            str(files / "invitations.csv"),
            "--today",
            TODAY.isoformat(),
        ],
    )


def _check_recommendation(item: dict) -> None:
    assert item["provenance"] in {p.value for p in Provenance}
    assert item["provenance_label"] == PROVENANCE_LABELS[Provenance(item["provenance"])]
    assert item["basis"].strip()
    assert isinstance(item["caveats"], list)
    assert isinstance(item["factor_works"], list) and isinstance(item["action_works"], list)
    assert item["answers"] and item["answers"][0] == item["finding"]


def test_the_cli_json_is_the_core_list_with_numbers_labels_and_provenance(files, core_data):  # noqa: F811
    result = _findings_cli(files, "json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["findings"] == json.loads(json.dumps(finding_records(core_data)))
    found = printed["findings"]
    assert [f["key"] for f in found] == [f.key for f in core_data.findings]
    recommendations = [item for f in found for item in f["recommendations"]]
    assert recommendations
    for item in recommendations:
        _check_recommendation(item)
    assert len({item["intervention"] for item in recommendations}) == len(recommendations)
    for finding in found:
        assert {
            "kind",
            "factor",
            "label",
            "severity",
            "mean",
            "ci_low",
            "ci_high",
            "n",
            "groups",
        } <= finding.keys()
        if finding["key"].startswith("band:"):
            assert finding["label"] in {"concern", "borderline", "strength", "unclear"}
            assert finding["ci_low"] <= finding["mean"] <= finding["ci_high"] and finding["n"] >= 5
        if finding["key"].startswith("divergence:"):
            assert len(finding["groups"]) == 2
            assert all(group["n"] >= MIN_DIVERGENCE_GROUP for group in finding["groups"])
    assert SMALL_AGENCY not in json.dumps([f["groups"] for f in found])


def test_the_cli_table_shows_each_label_and_each_kind_of_advice_with_its_basis(files, core_data):  # noqa: F811
    result = _findings_cli(files, "table")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    for rank, finding in enumerate(core_data.findings, start=1):
        assert f"{rank}. {finding.severity.value.upper()} {finding.kind}" in text
        assert f" · {finding.shown_label}" in text
        for item in core_data.recommendations.get(finding.key, ()):
            assert (
                f"{item.provenance_label} ({item.provenance.value}). Basis: {' '.join(item.basis.split())}"
                in text
            )


def test_an_unknown_format_is_refused(files):  # noqa: F811
    result = _findings_cli(files, "xml")
    assert result.exit_code != 0 and "--format" in result.output


def test_every_recommendation_in_the_html_and_workbook_carries_provenance_and_basis(
    report_data, report_html, report_xlsx
):
    items = [
        " ".join(unescape(item).split()) for item in re.findall(r"<li>(.*?)</li>", report_html, flags=re.S)
    ]
    for finding in report_data.findings:
        for item in report_data.recommendations.get(finding.key, ()):
            places = [
                text for text in items if text.startswith(f"<strong>{' '.join(item.title.split())}.</strong>")
            ]
            assert places, item.intervention
            for text in places:
                assert (
                    f"<strong>{item.provenance_label}.</strong> Basis: {' '.join(item.basis.split())}" in text
                )
    sheet = workbook_cells(report_xlsx)["Recommendations"]
    columns = sheet[1]
    rows = sheet[2:]
    shown = [item for items in report_data.recommendations.values() for item in items]
    assert len(rows) == len(shown)
    for row in rows:
        assert row[columns.index("Provenance")] in {p.value for p in Provenance}
        assert row[columns.index("Kind of advice")] in PROVENANCE_LABELS.values()
        assert row[columns.index("Basis")]
        assert row[columns.index("Works that support this action")]
        assert row[columns.index("Works that say this factor matters")]


def _round_data(answer) -> ReportData:
    instrument = load_instrument()
    rows = []
    for agency_index, agency in enumerate(AGENCIES):
        for person in range(answer.people):
            row: dict[str, object] = {
                "partnership": "P",
                "round": "Round 1",
                "agency": agency,
                "role_group": "practitioner",
            }
            for item in instrument.items:
                value = answer(item.factor, agency_index, person)
                row[item.id] = 6.0 - value if item.reverse else value
            rows.append(row)
    frame = pd.DataFrame(rows)
    for item in instrument.items:
        frame[item.id] = frame[item.id].astype(np.float64)
    result = analyse(frame, instrument.items, instrument_version=instrument.version)
    return build_report_data(
        result, "P", "Round 1", evidence=load_evidence_base(), instrument=instrument, today=TODAY
    )


def _spanning(factor: str, agency: int, person: int) -> float:
    """Fifteen people scoring 1 to 5 in turn on every factor: every interval spans 3."""
    return float(1 + (person + agency) % 5)


_spanning.people = 5  # type: ignore[attr-defined]


def _clear(factor: str, agency: int, person: int) -> float:
    if factor == "funding":
        return float(1 + person % 2)
    if factor == "leadership":
        return float(4 + person % 2)
    return float(3 + person % 2)


_clear.people = 20  # type: ignore[attr-defined]


def test_when_every_interval_spans_the_thresholds_no_output_calls_a_concern_or_strength():
    data = _round_data(_spanning)
    assert all(f.ci[0] < 3 <= f.ci[1] for f in data.analysis.factors)
    html = render_html(data)
    text = read_html(html)
    assert CANNOT_TELL in " ".join(text.parts)
    assert "Strongest:" not in html and "Weakest:" not in html
    findings = workbook_cells(render_xlsx(data))["Findings"]
    labels = {row[findings[1].index("Label")] for row in findings[2:]}
    assert not labels & {"concern", "strength"}
    factors = workbook_cells(render_xlsx(data))["Factors"]
    assert {row[factors[1].index("What the data support")] for row in factors[2:]} == {"unclear"}
    assert not [f for f in finding_records(data) if f["label"] in {"concern", "strength"}]


def test_a_round_with_clear_differences_names_its_concern_strength_and_extremes():
    data = _round_data(_clear)
    html = render_html(data)
    assert CANNOT_TELL not in html
    summary = html[html.index('id="summary"') : html.index('id="now"')]
    assert "Strongest:</strong> Leadership and strategic support" in summary
    assert "Weakest:</strong> Secure, agreed funding" in summary
    labels = {f["key"]: f["label"] for f in finding_records(data)}
    assert labels["band:funding"] == "concern" and labels["band:leadership"] == "strength"
