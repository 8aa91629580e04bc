"""The evidence commands as an analyst runs them: tables for people, JSON and files for programs."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.evidence.ids import FACTOR_IDS


@pytest.fixture
def run(monkeypatch):
    monkeypatch.delenv("JOINEDUP_EVIDENCE_DIR", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["evidence", *args])

    return invoke


COMPONENT_KEYS = ["methodological-limitations", "coherence", "adequacy", "relevance"]
JUDGEMENTS = {"no-or-very-minor-concerns", "minor-concerns", "moderate-concerns", "serious-concerns"}


def test_factors_json_gives_confidence_components_and_times_reported(run):
    result = run("factors", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == list(FACTOR_IDS)
    for row in rows:
        assert row["confidence"] in {"high", "moderate", "low", "very-low"}
        assert list(row["components"]) == COMPONENT_KEYS
        for component in row["components"].values():
            assert component["judgement"] in JUDGEMENTS and component["reason"].strip()
        assert row["reason"].strip() and row["interventions"] >= 1 and row["name"]
        assert isinstance(row["times_reported"], int) and row["times_reported"] >= 1
        assert not {"rating", "rating_label", "sources", "consistency"} & row.keys()
    by_id = {row["id"]: row for row in rows}
    assert by_id["co-location"]["confidence"] == "very-low"
    assert by_id["accountability"]["guidance"] == ["national-audit-office-2001"]
    # One list of eleven works cited for six factors is one report, not eleven.
    assert by_id["communication"]["times_reported"] == 1


def test_factors_table_is_for_people(run):
    result = run("factors")
    assert result.exit_code == 0
    assert "co-location" in result.stdout and "Very low" in result.stdout
    assert "Strong" not in result.stdout and "Limited" not in result.stdout


def test_sources_json_lists_each_distinct_work_with_its_factors(run):
    rows = json.loads(run("sources", "--format", "json").stdout)
    assert 28 <= len(rows) <= 30
    assert all({"key", "authors", "year", "factors"} <= row.keys() and row["factors"] for row in rows)
    wilkin = next(row for row in rows if row["key"] == "wilkin-2003")
    assert wilkin["authors"] == ["Wilkin", "White", "Kinder"]
    rushmer = next(row for row in rows if row["key"] == "rushmer-2002")
    assert rushmer["kind_inferred"] is True and rushmer["kind_reason"]
    assert "spelling" in {flag["field"] for flag in rushmer["flags"]}
    atkinson = next(row for row in rows if row["key"] == "atkinson-2001")
    assert atkinson["related_works"] == ["atkinson-2002"]


def test_show_gives_the_factor_its_claims_and_interventions(run):
    result = run("show", "accountability", "--format", "json")
    document = json.loads(result.stdout)
    assert document["confidence"] == "very-low"
    assert document["components"]["methodological-limitations"]["judgement"] == "serious-concerns"
    assert [c["work"] for c in document["claims"]] == ["national-audit-office-2001"]
    intervention = document["interventions"][0]
    assert intervention["id"] == "accountability-minimums"
    assert intervention["provenance"] == "reported-remedy" and intervention["basis"]
    assert intervention["caveats"] and intervention["action_works"] == ["national-audit-office-2001"]
    table = run("show", "accountability").stdout
    assert "National Audit Office" in table
    assert "Reported" in table and "Normative" in table  # the kind of advice and its caveat, word-wrapped


def test_show_refuses_an_unknown_factor_and_lists_the_real_ones(run):
    result = run("show", "co-locaton")
    assert result.exit_code == 2
    assert "co-location" in result.output


def test_map_csv_is_a_factor_by_work_matrix(run):
    rows = list(csv.reader(io.StringIO(run("map", "--format", "csv").stdout)))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["factor", "name", "confidence", "times_reported"]
    assert len(header) == 4 + 29
    assert [row[0] for row in body] == list(FACTOR_IDS)
    co_location = dict(zip(header, body[-1], strict=True))
    assert co_location["cameron-2003"] == "inconclusive"
    assert co_location["park-2003"] == "facilitator"


def test_map_eppi_json_codes_every_reference_with_known_attributes(run):
    document = json.loads(run("map", "--format", "eppi-json").stdout)
    code_sets = document["CodeSets"]
    attribute_ids = {a["AttributeId"] for s in code_sets for a in s["Attributes"]["AttributesList"]}
    assert [s["SetName"] for s in code_sets] == [
        "Factors",
        "Kind of work",
        "Confidence in the factor",
        "Direction",
    ]
    assert len(document["References"]) == 29
    assert len({r["ItemId"] for r in document["References"]}) == 29
    for reference in document["References"]:
        assert reference["Codes"]
        assert {code["AttributeId"] for code in reference["Codes"]} <= attribute_ids


def test_map_html_is_written_to_a_self_contained_file(run, tmp_path):
    target = tmp_path / "map.html"
    result = run("map", "--format", "html", "--output", str(target))
    assert result.exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "http://" not in page.replace("http://www.w3.org", "")
    assert "<link" not in page and "src=" not in page
    assert page.count('aria-label="Very low confidence"') >= 2
    assert "Inverse of a reported barrier" in page and "joinedup&#x27;s suggestion" in page


def test_a_bad_user_folder_fails_with_the_file_and_line(run, tmp_path):
    (tmp_path / "mine.yaml").write_text("works:\n  - key: x\n", encoding="utf-8")
    result = run("factors", "--evidence", str(tmp_path))
    assert result.exit_code == 2
    assert "mine.yaml, line 2, field works.0.authors" in result.output


def test_the_evidence_folder_can_come_from_the_environment(run, tmp_path, monkeypatch):
    (tmp_path / "extra.yaml").write_text(
        "claims:\n  - {factor: accountability, work: sloper-2004, direction: facilitator, summary: s}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("JOINEDUP_EVIDENCE_DIR", str(tmp_path))
    rows = json.loads(run("factors", "--format", "json").stdout)
    assert next(r for r in rows if r["id"] == "accountability")["times_reported"] == 2


def test_schema_writes_the_json_schemas(run, tmp_path):
    result = run("schema", "--out", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "claims.schema.json").exists()
