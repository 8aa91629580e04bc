"""The same partnership gives the same report from the web app and from `joinedup report`.

The demo partnership's latest closed round is reported by the web service; then everything the
report rests on is exported to files the way an analyst would have them (the responses of every
closed round up to it as a template CSV with each round's opening date, the invitations as CSV,
the structure records and the action plan as the web app's own sheet downloads, and the learning
hub's pooled results as its open-data `pooled.json`) and the CLI reports on those files. The
HTML and the workbook must be byte for byte the same.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.instrument import load_instrument
from joinedup.io.structure_layouts import KINDS, SHEETS
from joinedup.io.survey_export import write_template
from joinedup.reports import render_html, render_xlsx
from joinedup.web.learning.services import latest_pooled
from joinedup.web.partnerships.demo import DEMO_SLUG, load_demo
from joinedup.web.partnerships.models import Round
from joinedup.web.partnerships.responses import frame_for_rounds, invitations_frame
from joinedup.web.reporting.services import report_data, reportable_rounds
from joinedup.web.structure.sheets import export_csv

TODAY = date(2026, 11, 26)


def _rounds_up_to_the_latest_closed() -> list[Round]:
    rounds = reportable_rounds(
        list(Round.objects.filter(partnership__slug=DEMO_SLUG).order_by("opens_on", "pk"))
    )
    assert len(rounds) >= 2, "the demo has earlier rounds, so the report shows a trend"
    return rounds


def _export_as_an_analyst_would(rounds: list[Round], folder: Path) -> dict[str, Path]:
    partnership = rounds[-1].partnership
    responses = frame_for_rounds(rounds)
    responses["partnership"] = partnership.name
    responses["round_opens"] = responses["round"].map({r.name: r.opens_on.isoformat() for r in rounds})
    write_template(folder / "responses.csv", load_instrument(rounds[-1].instrument_version), responses)
    invitations = invitations_frame(rounds)
    invitations["partnership"] = partnership.name
    invitations.to_csv(folder / "invitations.csv", index=False)
    structure = folder / "structure"
    structure.mkdir()
    for kind in KINDS:
        for layout in SHEETS[kind]:
            sheet = export_csv(partnership, kind, layout.name)
            (structure / f"{layout.name}.csv").write_bytes(sheet.content)
    files = {
        "responses": folder / "responses.csv",
        "invitations": folder / "invitations.csv",
        "structure": structure,
    }
    published = latest_pooled()
    if published is not None:
        (folder / "pooled.json").write_text(published.open_data["pooled.json"], encoding="utf-8")
        files["practice"] = folder / "pooled.json"
    return files


def _cli_report(files: dict[str, Path], a_round: Round, output_format: str, out: Path) -> None:
    result = CliRunner().invoke(
        app,
        [
            "report",
            str(files["responses"]),
            "--partnership",
            a_round.partnership.name,
            "--round",
            a_round.name,
            "--format",
            output_format,
            "--out",
            str(out),
            "--structure",
            str(files["structure"]),
            "--invitations",
            str(files["invitations"]),
            "--min-group",
            str(a_round.min_group_size),
            "--today",
            TODAY.isoformat(),
            "--nation",
            a_round.partnership.nation,
            *(("--practice", str(files["practice"])) if "practice" in files else ()),
            *(
                option
                for name in a_round.partnership.agencies.values_list("name", flat=True)
                for option in ("--agency", name)
            ),
        ],
    )
    assert result.exit_code == 0, result.output


@pytest.fixture
def demo_round(db) -> tuple[list[Round], Round]:
    load_demo(today=TODAY)
    rounds = _rounds_up_to_the_latest_closed()
    return rounds, rounds[-1]


@pytest.mark.django_db
def test_the_cli_gives_the_web_apps_report_byte_for_byte(demo_round, tmp_path):
    rounds, latest = demo_round
    web = report_data(latest, today=TODAY)
    files = _export_as_an_analyst_would(rounds, tmp_path)
    _cli_report(files, latest, "html", tmp_path / "report.html")
    _cli_report(files, latest, "xlsx", tmp_path / "report.xlsx")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == render_html(web)
    assert (tmp_path / "report.xlsx").read_bytes() == render_xlsx(web)
