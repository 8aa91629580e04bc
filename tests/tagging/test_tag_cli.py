from __future__ import annotations

import json

from typer.testing import CliRunner

from joinedup.cli import app

runner = CliRunner()
BUDGET = "nobody knows whose budget pays for the new family support worker"


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_standard_input_is_tagged_as_jsonl_one_object_per_line_in_order():
    lines = [BUDGET, "", "No further comments."]
    result = runner.invoke(app, ["tag", "--format", "jsonl"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    records = jsonl(result.stdout)
    assert [record["text"] for record in records] == lines
    assert "funding" in records[0]["factors"]
    assert records[1]["factors"] == [] and records[2]["factors"] == []
    assert set(records[0]) == {"text", "factors", "scores"}


def test_a_dash_reads_standard_input_and_the_default_format_is_a_table():
    result = runner.invoke(app, ["tag", "-"], input=BUDGET + "\n")
    assert result.exit_code == 0, result.output
    assert "funding" in result.stdout and "┃" in result.stdout


def test_a_csv_column_is_tagged_and_json_is_one_array(tmp_path):
    sheet = tmp_path / "comments.csv"
    sheet.write_text(f'id,comment\n1,"{BUDGET}"\n2,Thanks\n', encoding="utf-8")
    result = runner.invoke(app, ["tag", str(sheet), "--column", "comment", "--format", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert [record["text"] for record in records] == [BUDGET, "Thanks"]


def test_a_missing_column_or_file_or_format_is_a_clear_error(tmp_path):
    sheet = tmp_path / "comments.csv"
    sheet.write_text("id,comment\n1,hello\n", encoding="utf-8")
    missing_column = runner.invoke(app, ["tag", str(sheet), "--column", "text"])
    assert missing_column.exit_code == 2
    assert "column 'text' not found" in missing_column.output
    missing_file = runner.invoke(app, ["tag", str(tmp_path / "none.txt")])
    assert missing_file.exit_code == 2 and "none.txt: no such file" in missing_file.output
    bad_format = runner.invoke(app, ["tag", "--format", "xml"], input="x\n")
    assert bad_format.exit_code == 2 and "'xml' is not one of" in bad_format.output
    missing_model = runner.invoke(app, ["tag", "-", "--model", str(tmp_path / "none.json")], input="x\n")
    assert missing_model.exit_code == 2 and "none.json: no such file" in missing_model.output


def test_retrain_writes_a_partnership_model_that_tag_uses(tmp_path):
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(f'text,factors\n"{BUDGET}",recruitment;leadership\n', encoding="utf-8")
    model = tmp_path / "north.json"
    trained = runner.invoke(
        app, ["tag", "retrain", "--corrections", str(corrections), "--out", str(model), "--format", "json"]
    )
    assert trained.exit_code == 0, trained.output
    assert json.loads(trained.stdout)["corrections"] == 1
    tagged = runner.invoke(app, ["tag", "-", "--model", str(model), "--format", "jsonl"], input=BUDGET + "\n")
    assert tagged.exit_code == 0, tagged.output
    assert jsonl(tagged.stdout)[0]["factors"] == ["leadership", "recruitment"]
    shipped = runner.invoke(app, ["tag", "--format", "jsonl"], input=BUDGET + "\n")
    assert "funding" in jsonl(shipped.stdout)[0]["factors"]


def test_retrain_rejects_a_bad_corrections_file_naming_the_row(tmp_path):
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("text,factors\nhello,cash\n", encoding="utf-8")
    arguments = ["tag", "retrain", "--corrections", str(corrections), "--out", str(tmp_path / "m")]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "row 2, column 'factors': value 'cash' is not a factor id" in result.output
    assert not (tmp_path / "m").exists()


AMBIGUOUS = "Could be a lot better than it is, honestly."


def test_a_box_column_gives_each_text_its_comment_box_as_a_prior(tmp_path):
    sheet = tmp_path / "comments.csv"
    sheet.write_text(
        f'comment,box\n"{AMBIGUOUS}",communication\n"{AMBIGUOUS}",\n"{BUDGET}",communication\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["tag", str(sheet), "--column", "comment", "--box-column", "box", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    in_box, unknown, off_box = jsonl(result.stdout)
    assert "communication" in in_box["factors"]
    assert "communication" not in unknown["factors"]
    assert off_box["factors"] == ["funding"]


def test_a_bad_box_or_a_box_column_without_a_text_column_is_a_clear_error(tmp_path):
    sheet = tmp_path / "comments.csv"
    sheet.write_text("comment,box\nhello,money\n", encoding="utf-8")
    bad_box = runner.invoke(app, ["tag", str(sheet), "--column", "comment", "--box-column", "box"])
    assert bad_box.exit_code == 2
    assert "row 2, column 'box': value 'money' is not a factor id" in " ".join(bad_box.output.split())
    no_column = runner.invoke(app, ["tag", str(sheet), "--box-column", "box"])
    assert no_column.exit_code == 2 and "--box-column needs --column" in " ".join(no_column.output.split())
