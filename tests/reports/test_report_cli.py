"""`joinedup report` writes, from files, the very report the core gives for the same data."""

from __future__ import annotations

import pandas as pd
import pytest
from tests.reports.conftest import PARTNERSHIP, ROUND, STRUCTURE_DIR, TODAY, ReportInputs, make_report_data
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.reports import render_html, render_xlsx

runner = CliRunner()


@pytest.fixture(scope="module")
def files(report_inputs, tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-cli")
    opened = {"Round 1": "2024-01-10", "Round 2": "2024-07-10", "Round 3": "2025-01-10"}
    dated = report_inputs.responses.assign(round_opens=report_inputs.responses["round"].map(opened))
    assert dated["round_opens"].notna().all()
    dated.to_parquet(folder / "responses.parquet", index=False)
    report_inputs.invitations.to_csv(folder / "invitations.csv", index=False)
    return folder


def _run(files, output_format: str, out, *extra: str):
    return runner.invoke(
        app,
        [
            "report",
            str(files / "responses.parquet"),
            "--partnership",
            PARTNERSHIP,
            "--round",
            ROUND,
            "--format",
            output_format,
            "--out",
            str(out),
            "--structure",
            str(STRUCTURE_DIR),
            "--invitations",
            str(files / "invitations.csv"),
            "--today",
            TODAY.isoformat(),
            *extra,
        ],
    )


@pytest.fixture(scope="module")
def core_data(report_inputs, files):
    """What a web app holding the same responses, invitations and records would build."""
    invitations = pd.read_csv(files / "invitations.csv", dtype=str, keep_default_na=False)
    return make_report_data(
        ReportInputs(report_inputs.responses, invitations, report_inputs.structure, report_inputs.plan),
        invitations,
    )


def test_the_cli_html_is_byte_identical_to_the_core_report(files, core_data, tmp_path):
    result = _run(files, "html", tmp_path / "report.html")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == render_html(core_data)


def test_the_cli_workbook_is_byte_identical_to_the_core_report(files, core_data, tmp_path):
    result = _run(files, "xlsx", tmp_path / "report.xlsx")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.xlsx").read_bytes() == render_xlsx(core_data)


def test_an_unknown_round_is_refused_naming_the_rounds_there_are(files, tmp_path):
    result = runner.invoke(
        app,
        [
            "report",
            str(files / "responses.parquet"),
            "--partnership",
            PARTNERSHIP,
            "--round",
            "Round 9",
            "--out",
            str(tmp_path / "r.html"),
        ],
    )
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "no round 'Round 9'" in message and "Round 1, Round 2, Round 3" in message
    assert not (tmp_path / "r.html").exists()


def test_a_bad_structure_file_is_refused_with_its_row_and_column(files, tmp_path):
    bad = tmp_path / "structure"
    bad.mkdir()
    (bad / "roles.csv").write_text("task,Health\nTriage,X\n", encoding="utf-8")
    result = _run(files, "html", tmp_path / "r.html", "--structure", str(bad))
    assert result.exit_code == 2
    assert "roles.csv" in result.output and '"X"' in result.output
    assert not (tmp_path / "r.html").exists()


def test_rounds_without_dates_or_an_order_are_refused_not_guessed_from_names(report_inputs, tmp_path):
    undated = tmp_path / "undated.parquet"
    report_inputs.responses.to_parquet(undated, index=False)
    args = ["findings", str(undated), "--partnership", PARTNERSHIP, "--round", ROUND]
    refused = runner.invoke(app, args)
    assert refused.exit_code == 2
    message = " ".join(refused.output.split())
    assert "undated.parquet: no round_opens column" in message and "--round-order" in message
    ordered = runner.invoke(app, [*args, *(f"--round-order=Round {n}" for n in (1, 2, 3))])
    assert ordered.exit_code == 0, ordered.output


def test_a_missing_tagger_file_says_no_such_file(files, tmp_path):
    result = _run(files, "html", tmp_path / "r.html", "--tagger", str(tmp_path / "none.json"))
    assert result.exit_code == 2
    assert "none.json: no such file" in result.output and "UTF-8" not in result.output


def test_unknown_formats_and_small_groups_are_refused(files, tmp_path):
    assert _run(files, "docx", tmp_path / "r.docx").exit_code == 2
    assert _run(files, "html", tmp_path / "r.html", "--min-group", "3").exit_code == 2


def test_the_report_is_made_with_the_cycle_collector_paused_and_it_is_resumed_after(
    files, tmp_path, monkeypatch
):
    """A one-shot report skips the full collections that walk its whole heap (a fifth of a PDF's
    CPU time), and leaves the collector as it found it, error or not."""
    import gc

    import joinedup.reports

    seen: list[bool] = []

    def rendering(data, **options):
        seen.append(gc.isenabled())
        return render_html(data, **options)

    monkeypatch.setattr(joinedup.reports, "render_html", rendering)
    assert gc.isenabled()
    result = _run(files, "html", tmp_path / "report.html")
    assert result.exit_code == 0, result.output
    assert seen == [False]
    assert gc.isenabled()
    refused = _run(files, "html", tmp_path / "r.html", "--min-group", "3")
    assert refused.exit_code == 2 and gc.isenabled()


def test_a_report_process_leaves_its_heap_frozen_for_the_exit_instead_of_walking_it(files, tmp_path):
    """Python's last collection at exit would walk the whole heap once more; the report command
    freezes the heap at exit so that pass finds nothing to walk."""
    import subprocess
    import sys

    probe = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
        "from joinedup.cli import app\n"
        "sys.argv = ['joinedup', *sys.argv[1:]]\n"
        "app()\n"
    )
    out = tmp_path / "report.html"
    completed = subprocess.run(
        [
            sys.executable,
            "-c",
            probe,
            "report",
            str(files / "responses.parquet"),
            "--partnership",
            PARTNERSHIP,
            "--round",
            ROUND,
            "--out",
            str(out),
            "--today",
            TODAY.isoformat(),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "frozen at exit: True" in completed.stdout
    assert out.exists()
