"""The `joinedup learning` commands: record (with the approval screen), pool, open-data, schema."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.learning.schema import published_schema_text
from joinedup.learning.synthetic import synthetic_records

INTERVENTION = FACTOR = "joint-training"


def _record_files(folder: Path, records: list[dict]) -> list[str]:
    files = []
    for index, record in enumerate(records):
        path = folder / f"record-{index}.json"
        path.write_text(json.dumps(record), encoding="utf-8")
        files.append(str(path))
    return files


def test_pool_prints_the_published_json_shape(tmp_path):
    files = _record_files(tmp_path, synthetic_records(12, seed=4))
    result = CliRunner().invoke(app, ["learning", "pool", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    pooled = json.loads(result.stdout)
    assert set(pooled) == {"benchmarks", "practice"}
    for factor_id, benchmark in pooled["benchmarks"].items():
        assert set(benchmark) == {"partnerships", "p25", "p50", "p75"}, factor_id
        assert benchmark["partnerships"] == 12
        assert benchmark["p25"] <= benchmark["p50"] <= benchmark["p75"]
    (entry,) = [e for e in pooled["practice"] if e["intervention"] == INTERVENTION]
    assert {
        "intervention",
        "factor",
        "adopted",
        "improved",
        "median_change",
        "comparison_median_change",
    } <= set(entry)
    assert (entry["factor"], entry["adopted"]) == (FACTOR, 6)


def test_a_file_may_hold_a_list_of_records_and_html_is_offered(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps(synthetic_records(12, seed=4)), encoding="utf-8")
    out = tmp_path / "pooled.html"
    result = CliRunner().invoke(app, ["learning", "pool", str(path), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Adopted by 6 partnerships" in page
    assert "observational, not proof" in page


def test_one_bad_record_refuses_the_pool_with_exit_2_naming_file_and_field(tmp_path):
    records = synthetic_records(6, seed=1)
    records[2]["partnership"] = "Oakfield"
    files = _record_files(tmp_path, records)
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    result = CliRunner().invoke(app, ["learning", "pool", *files, str(tmp_path / "broken.json")])
    assert result.exit_code == 2
    assert "record-2.json: record: unexpected field(s) partnership" in result.stderr
    assert "broken.json: is not JSON (line 1, column 2" in result.stderr
    assert result.stdout == ""


def test_open_data_writes_pooled_files_and_a_dictionary(tmp_path):
    records = synthetic_records(12, seed=4)
    records[0]["actions"].append({**records[0]["actions"][0], "lesson": "Kept the room booked early."})
    files = _record_files(tmp_path, records)
    out = tmp_path / "open"
    result = CliRunner().invoke(app, ["learning", "open-data", *files, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "benchmarks.csv",
        "data-dictionary.md",
        "pooled.json",
        "practice.csv",
    ]
    everything = "".join(p.read_text(encoding="utf-8") for p in out.iterdir())
    for record in records:
        assert record["contributor"] not in everything
    assert "room booked" not in everything
    benchmarks = list(csv.DictReader(io.StringIO((out / "benchmarks.csv").read_text(encoding="utf-8"))))
    assert len(benchmarks) == 16 and all(int(row["partnerships"]) >= 5 for row in benchmarks)
    dictionary = (out / "data-dictionary.md").read_text(encoding="utf-8")
    for name in ("benchmarks.csv", "practice.csv"):
        header = next(csv.reader(io.StringIO((out / name).read_text(encoding="utf-8"))))
        for column in header:
            assert f"| {name} | {column} |" in dictionary


def test_schema_prints_the_published_schema():
    result = CliRunner().invoke(app, ["learning", "schema"])
    assert result.exit_code == 0
    assert result.stdout == published_schema_text()


@pytest.fixture(scope="module")
def round_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rounds")
    responses = folder / "responses.csv"
    made = CliRunner().invoke(
        app, ["synth", "-o", str(responses), "--responses", "400", "--partnerships", "1", "--rounds", "2"]
    )
    assert made.exit_code == 0, made.output
    actions = folder / "actions.csv"
    actions.write_text(
        "action,what,owner,status,factor,intervention\n"
        "AP1,Run a joint induction day,CAMHS,done,joint-training,joint-training\n"
        "AP2,Agree who pays,Police,in-progress,funding,\n",
        encoding="utf-8",
    )
    lessons = folder / "lessons.csv"
    lessons.write_text('action,lesson\nAP1,"Ask Dr Amara Quist at CAMHS; it worked."\n', encoding="utf-8")
    return responses, actions, lessons


def _record_args(round_files, out: Path) -> list[str]:
    responses, actions, lessons = round_files
    return [
        "learning", "record", str(responses), "--partnership", "Partnership 01", "--round", "Round 1",
        "--actions", str(actions), "--lessons", str(lessons), "--nation", "scotland", "--month", "2025-02",
        "-o", str(out),
    ]  # fmt: skip


def test_record_shows_exactly_what_it_writes_and_writes_only_when_approved(round_files, tmp_path):
    out = tmp_path / "record.json"
    refused = CliRunner().invoke(app, _record_args(round_files, out), input="n\n")
    assert refused.exit_code == 0, refused.output
    assert not out.exists()
    approved = CliRunner().invoke(app, _record_args(round_files, out), input="y\n")
    assert approved.exit_code == 0, approved.output
    written = out.read_text(encoding="utf-8")
    assert written in approved.stderr  # the approval screen is the record, byte for byte
    record = json.loads(written)
    assert record["actions"][0]["intervention"] == "joint-training"
    assert record["actions"][0]["change"] is not None  # round 2 exists, so the change is measured
    lesson = record["actions"][0]["lesson"]
    assert "Quist" not in lesson and "CAMHS" not in lesson and "it worked" in lesson
    assert "Partnership 01" not in written


def test_record_refuses_a_finer_date_before_analysing(round_files, tmp_path):
    args = _record_args(round_files, tmp_path / "r.json")
    args[args.index("2025-02")] = "2025-02-14"
    result = CliRunner().invoke(app, [*args, "--yes"])
    assert result.exit_code == 2
    assert "--month: '2025-02-14' is not a month" in result.stderr


def _pooled_for_every_intervention(adopted: int) -> dict:
    from joinedup.evidence import load_evidence_base

    practice = [
        {
            "intervention": item.id,
            "factor": factor_id,
            "adopted": adopted,
            "improved": 2,
            "median_change": 0.3,
            "comparison_median_change": 0.1,
        }
        for item in load_evidence_base().interventions
        for factor_id in item.factors
    ]
    return {"benchmarks": {}, "practice": practice}


def test_report_shows_practice_evidence_from_a_pooled_file(round_files, tmp_path):
    responses, _, _ = round_files
    pooled = tmp_path / "pooled.json"
    pooled.write_text(json.dumps(_pooled_for_every_intervention(8)), encoding="utf-8")
    out = tmp_path / "report.html"
    args = ["report", str(responses), "--partnership", "Partnership 01", "--round", "Round 2", "-o", str(out)]
    result = CliRunner().invoke(app, [*args, "--practice", str(pooled)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "Practice-based evidence" in page
    assert "Adopted by 8 partnerships; the factor rose in 2; median change +0.3 against +0.1" in page


def test_report_refuses_pooled_results_under_the_minimum(round_files, tmp_path):
    responses, _, _ = round_files
    pooled = tmp_path / "pooled.json"
    pooled.write_text(json.dumps(_pooled_for_every_intervention(3)), encoding="utf-8")
    args = ["report", str(responses), "--partnership", "Partnership 01", "--round", "Round 2"]
    result = CliRunner().invoke(app, [*args, "-o", str(tmp_path / "r.html"), "--practice", str(pooled)])
    assert result.exit_code == 2
    assert "practice[0].adopted: fewer than 5 partnerships" in result.stderr
    assert not (tmp_path / "r.html").exists()
