"""`joinedup synth` and `joinedup analyse` on files."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from joinedup.cli import app

runner = CliRunner()


def test_synth_then_analyse_gives_the_documented_json(tmp_path) -> None:
    responses, invitations = tmp_path / "responses.csv", tmp_path / "invitations.csv"
    made = runner.invoke(
        app,
        [
            "synth",
            "--responses",
            "600",
            "--partnerships",
            "2",
            "--rounds",
            "2",
            "--seed",
            "3",
            "--out",
            str(responses),
            "--invitations-out",
            str(invitations),
        ],
    )
    assert made.exit_code == 0, made.output
    header = responses.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("partnership,round,round_opens,agency,role_group,")
    out = tmp_path / "analysis.json"
    result = runner.invoke(
        app,
        ["analyse", str(responses), "--invitations", str(invitations), "--format", "json", "--out", str(out)],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["schema_version"] == "1.1" and document["instrument_version"] == "1"
    assert len(document["rounds"]) == 4
    later = document["rounds"][1]
    assert later["previous_round"] == "Round 1"
    factor = later["factors"][0]
    assert {
        "id",
        "n",
        "mean",
        "ci",
        "band",
        "alpha",
        "dont_know_rate",
        "groups",
        "divergence",
        "trend",
    } <= set(factor)
    assert factor["trend"]["previous_round"] == "Round 1"


def test_parquet_files_and_tables(tmp_path) -> None:
    responses = tmp_path / "responses.parquet"
    assert (
        runner.invoke(
            app, ["synth", "--responses", "400", "--rounds", "1", "--out", str(responses)]
        ).exit_code
        == 0
    )
    result = runner.invoke(app, ["analyse", str(responses)])
    assert result.exit_code == 0, result.output
    assert "Partnership 01 · Round 1" in result.output and "shared-purpose" in result.output


def test_bad_values_name_the_file_row_and_column(tmp_path) -> None:
    import pandas as pd

    good, bad = tmp_path / "good.parquet", tmp_path / "bad.parquet"
    runner.invoke(
        app, ["synth", "--responses", "50", "--partnerships", "1", "--rounds", "1", "--out", str(good)]
    )
    frame = pd.read_parquet(good)
    frame.loc[6, "FU2"] = 9.0
    frame.to_parquet(bad)
    result = runner.invoke(app, ["analyse", str(good), str(bad)])
    assert result.exit_code == 2
    # Worded as the CSV reader words it, the column names counting as row 1 as a CSV header does.
    assert 'bad.parquet, row 8, column "FU2": "9" is not on the 1–5 scale' in result.output


def test_a_minimum_group_below_five_is_refused(tmp_path) -> None:
    result = runner.invoke(app, ["analyse", str(tmp_path / "x.parquet"), "--min-group", "4"])
    assert result.exit_code == 2
    assert "at least 5" in result.output
