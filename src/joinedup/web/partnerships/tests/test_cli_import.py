"""`joinedup import FILE --round ROUND --partnership SLUG`: the command-line way into the database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.web.partnerships.models import Agency, ImportBatch, Response

from .builders import make_responses
from .conftest import SURVEY_EXPORTS

pytestmark = pytest.mark.django_db

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["import", *map(str, args)])


def test_a_survey_tool_export_is_stored_with_a_summary(spring):
    result = run(SURVEY_EXPORTS / "limesurvey_text.csv", "--round", "Spring", "--partnership", "fife")
    assert result.exit_code == 0, result.output
    assert "responses stored" in result.output
    assert spring.responses.count() == 7
    assert ImportBatch.objects.get().source_format == "limesurvey"


def test_json_output_for_machines(spring):
    result = run(
        SURVEY_EXPORTS / "msforms_export.xlsx",
        "--round",
        "Spring",
        "--partnership",
        "fife",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["ok"], summary["stored"], summary["source_format"]) == (True, 7, "msforms")


def test_a_bad_file_exits_1_lists_the_errors_and_stores_nothing(spring, tmp_path):
    make_responses(spring, Agency.objects.get(name="Education"), 2)
    bad = tmp_path / "qualtrics_bad.csv"
    text = (SURVEY_EXPORTS / "qualtrics_export.csv").read_text(encoding="utf-8-sig")
    bad.write_text(text.replace("Social Work", "Fire Service"), encoding="utf-8")
    result = run(bad, "--round", "Spring", "--partnership", "fife")
    assert result.exit_code == 1
    assert "Nothing was stored" in result.output
    assert "qualtrics_bad.csv, row" in result.output
    assert "Fire Service" in result.output
    assert Response.objects.count() == 2
    assert not ImportBatch.objects.exists()


def test_skipping_bad_rows_lists_them(spring, tmp_path):
    bad = tmp_path / "monkey.csv"
    text = (SURVEY_EXPORTS / "surveymonkey_export.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace("Strongly agree", "Maybe", 1), encoding="utf-8")
    result = run(bad, "--round", "Spring", "--partnership", "fife", "--skip-bad-rows")
    assert result.exit_code == 0, result.output
    assert "skipped: monkey.csv, row" in result.output
    assert spring.responses.count() == 6


def test_an_unknown_round_is_refused(spring):
    result = run(SURVEY_EXPORTS / "limesurvey_codes.csv", "--round", "Winter", "--partnership", "fife")
    assert result.exit_code == 1
    assert "no round 'Winter'" in result.output
    assert not Response.objects.exists()


def test_a_default_agency_fills_a_file_without_one(spring, tmp_path):
    import pandas as pd

    frame = pd.read_csv(SURVEY_EXPORTS / "limesurvey_codes.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "codes.csv"
    frame.drop(columns=["agency"]).to_csv(path, index=False)
    result = run(path, "--round", "Spring", "--partnership", "fife", "--agency", "NHS Fife")
    assert result.exit_code == 0, result.output
    assert set(spring.responses.values_list("agency__name", flat=True)) == {"NHS Fife"}


def test_incomplete_responses_are_left_out_unless_keep_partial_and_the_summary_says_so(spring):
    path = SURVEY_EXPORTS / "limesurvey_incomplete.csv"
    result = run(path, "--round", "Spring", "--partnership", "fife", "--agency", "Education")
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "1 incomplete response left out (row 3)." in output
    assert "pass --keep-partial to keep the ones that have answers" in output
    assert spring.responses.count() == 7
    kept = run(path, "--round", "Spring", "--partnership", "fife", "--keep-partial", "--format", "json")
    summary = json.loads(kept.stdout)
    assert (summary["stored"], summary["left_out"]["partial_kept"]) == (8, [3])
    assert summary["left_out"]["unanswered"] == [6, 9]
    assert spring.responses.count() == 15
