"""`joinedup-manage import FILE --round ROUND --partnership SLUG`: the command-line way into the database.

The twin of the import page: the same files, the same errors, all or nothing, the same
one-source rule, and exit code 2 for every refusal.
"""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from joinedup.web.partnerships.models import Agency, ImportBatch, Response

from .builders import make_responses
from .conftest import SURVEY_EXPORTS

pytestmark = pytest.mark.django_db
SPRING = ("--round", "Spring", "--partnership", "fife")


def run(*args: object) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: object) -> tuple[CommandError, str, str]:
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import", *map(str, args), stdout=out, stderr=err)
    assert failure.value.returncode == 2
    return failure.value, out.getvalue(), err.getvalue()


def test_a_survey_tool_export_is_stored_with_a_summary(spring):
    out, _ = run(SURVEY_EXPORTS / "limesurvey_text.csv", "--round", "Spring", "--partnership", "fife")
    assert "responses stored: 7" in out
    assert spring.responses.count() == 7
    assert ImportBatch.objects.get().source_format == "limesurvey"


def test_json_output_for_machines(spring):
    args = ("--round", "Spring", "--partnership", "fife", "--format", "json")
    out, _ = run(SURVEY_EXPORTS / "msforms_export.xlsx", *args)
    summary = json.loads(out)
    assert (summary["ok"], summary["stored"], summary["source_format"]) == (True, 7, "msforms")


def test_a_bad_file_exits_2_lists_the_errors_and_stores_nothing(spring, tmp_path):
    make_responses(spring, Agency.objects.get(name="Education"), 2)
    bad = tmp_path / "qualtrics_bad.csv"
    text = (SURVEY_EXPORTS / "qualtrics_export.csv").read_text(encoding="utf-8-sig")
    bad.write_text(text.replace("Social Work", "Fire Service"), encoding="utf-8")
    error, _, err = refused(bad, "--round", "Spring", "--partnership", "fife")
    assert "Nothing was stored" in str(error)
    assert "qualtrics_bad.csv, row" in err and "Fire Service" in err
    assert Response.objects.count() == 2
    assert not ImportBatch.objects.exists()


def test_a_round_with_survey_answers_takes_no_import(spring):
    make_responses(spring, Agency.objects.get(name="Education"), 3)
    error, _, _ = refused(SURVEY_EXPORTS / "limesurvey_text.csv", *SPRING)
    assert "already has answers sent through its survey links" in str(error)
    assert spring.responses.count() == 3 and not ImportBatch.objects.exists()


def test_skipping_bad_rows_lists_them(spring, tmp_path):
    bad = tmp_path / "monkey.csv"
    text = (SURVEY_EXPORTS / "surveymonkey_export.csv").read_text(encoding="utf-8")
    bad.write_text(text.replace("Strongly agree", "Maybe", 1), encoding="utf-8")
    out, _ = run(bad, "--round", "Spring", "--partnership", "fife", "--skip-bad-rows")
    assert "skipped: monkey.csv, row" in out
    assert spring.responses.count() == 6


def test_an_unknown_round_or_a_missing_file_is_refused(spring, tmp_path):
    error, _, _ = refused(SURVEY_EXPORTS / "limesurvey_codes.csv", "--round", "Winter", "--partnership=fife")
    assert "no round 'Winter'" in str(error)
    error, _, _ = refused(tmp_path / "none.csv", "--round", "Spring", "--partnership", "fife")
    assert "none.csv: no such file" in str(error)
    assert not Response.objects.exists()


def test_a_default_agency_fills_a_file_without_one(spring, tmp_path):
    import pandas as pd

    frame = pd.read_csv(SURVEY_EXPORTS / "limesurvey_codes.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "codes.csv"
    frame.drop(columns=["agency"]).to_csv(path, index=False)
    run(path, "--round", "Spring", "--partnership", "fife", "--agency", "NHS Fife")
    assert set(spring.responses.values_list("agency__name", flat=True)) == {"NHS Fife"}


def test_incomplete_responses_are_left_out_unless_keep_partial_and_the_summary_says_so(spring):
    path = SURVEY_EXPORTS / "limesurvey_incomplete.csv"
    out, _ = run(path, "--round", "Spring", "--partnership", "fife", "--agency", "Education")
    output = " ".join(out.split())
    assert "1 incomplete response left out (row 3)." in output
    assert "pass --keep-partial to keep the ones that have answers" in output
    assert spring.responses.count() == 7
    kept, _ = run(path, "--round", "Spring", "--partnership", "fife", "--keep-partial", "--format", "json")
    summary = json.loads(kept)
    assert (summary["stored"], summary["left_out"]["partial_kept"]) == (8, [3])
    assert summary["left_out"]["unanswered"] == [6, 9]
    assert spring.responses.count() == 15
