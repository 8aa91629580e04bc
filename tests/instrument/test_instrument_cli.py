from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook
from tests.conftest import DATA_DIR
from typer.testing import CliRunner

from joinedup.cli import app
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument import load_instrument

runner = CliRunner()


def test_instrument_show_json_lists_every_item_with_its_fields() -> None:
    result = runner.invoke(app, ["instrument", "show", "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    items = document["items"]
    assert len(items) >= 48
    assert all(set(item) == {"id", "factor", "text", "reverse"} for item in items)
    per_factor = Counter(item["factor"] for item in items)
    assert set(per_factor) == set(FACTOR_IDS) and min(per_factor.values()) >= 3
    assert document["fingerprint"] == load_instrument().fingerprint()


def test_instrument_show_table_and_unknown_version() -> None:
    shown = runner.invoke(app, ["instrument", "show", "--version", "1"])
    assert shown.exit_code == 0 and "FU1" in shown.output
    missing = runner.invoke(app, ["instrument", "show", "--version", "7"])
    assert missing.exit_code == 2 and "no instrument version '7'" in missing.output


def test_instrument_template_csv_writes_identifiers_and_every_item_id() -> None:
    result = runner.invoke(app, ["instrument", "template", "--format", "csv"])
    assert result.exit_code == 0
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[:5] == ["partnership", "round", "round_opens", "agency", "role_group"]
    assert set(load_instrument().item_ids()) <= set(header)


def test_instrument_template_xlsx_goes_to_the_named_file(tmp_path: Path) -> None:
    target = tmp_path / "sheet.xlsx"
    result = runner.invoke(app, ["instrument", "template", "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0
    assert load_workbook(target).sheetnames == ["Responses", "Items", "Scale"]
    wrong = runner.invoke(app, ["instrument", "template", "--format", "xlsx", "-o", str(tmp_path / "x.csv")])
    assert wrong.exit_code == 2


def test_validate_reports_mapping_and_counts_as_json() -> None:
    path = DATA_DIR / "survey_exports" / "surveymonkey_export.csv"
    result = runner.invoke(
        app, ["validate", str(path), "--format", "json", "--partnership", "Fife", "--round", "1"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] and report["source_format"] == "surveymonkey"
    assert report["responses"] == 7 and report["answers"] == 62
    assert "Email Address" in report["unmapped_columns"]
    assert len(report["missing_items"]) == 39


def test_validate_lists_every_error_and_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("partnership,round,agency,role_group,FU1,FU2\nP,R,Police,practitioner,6,maybe\n")
    result = runner.invoke(app, ["validate", str(path), "--agencies", "Police,Health"])
    assert result.exit_code == 1
    assert 'bad.csv, row 2, column "FU1": "6" is not on the 1–5 scale' in result.output
    assert 'column "FU2": "maybe" is not an answer' in result.output
    as_json = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert as_json.exit_code == 1
    errors = json.loads(as_json.stdout)["errors"]
    assert [(e["row"], e["column"], e["value"]) for e in errors] == [(2, "FU1", "6"), (2, "FU2", "maybe")]


def test_version_2_can_be_generated_and_analysed_from_the_cli(tmp_path: Path) -> None:
    target = tmp_path / "v2.csv"
    made = runner.invoke(app, ["synth", "--out", str(target), "--responses", "120", "--version", "2"])
    assert made.exit_code == 0, made.output
    header = next(csv.reader(target.open(encoding="utf-8-sig")))
    assert set(load_instrument("2").item_ids()) <= set(header) and "FU1" not in header
    analysed = runner.invoke(app, ["analyse", str(target), "--version", "2", "--format", "json"])
    assert analysed.exit_code == 0, analysed.output
    assert json.loads(analysed.stdout)["instrument_version"] == "2"
    as_v1 = runner.invoke(app, ["analyse", str(target), "--format", "json"])
    assert as_v1.exit_code == 2 and "add --version 2" in as_v1.output
    unknown = runner.invoke(app, ["analyse", str(target), "--version", "9"])
    assert unknown.exit_code == 2 and "no instrument version '9'" in unknown.output
