"""`joinedup check ...` on files, without a server: JSON shape, refusals, templates."""

import json

import pytest
from tests.conftest import DATA_DIR
from typer.testing import CliRunner

from joinedup.cli import app

EXAMPLES = DATA_DIR / "structure"
runner = CliRunner()
TODAY = ["--today", "2025-06-01"]


def _json(args: list[str]) -> list[dict]:
    """The findings of a check that finds problems, which exits 1 (0 is kept for no problems)."""
    result = runner.invoke(app, [*args, *TODAY, "--format", "json"])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "expected_rule"),
    [
        (
            ["roles", str(EXAMPLES / "roles.csv"), "--competences", str(EXAMPLES / "competences.csv")],
            "roles.beyond-competence",
        ),
        (
            ["targets", str(EXAMPLES / "targets.csv"), "--readings", str(EXAMPLES / "readings.csv")],
            "targets.partners-disagree",
        ),
        (
            ["meetings", str(EXAMPLES / "meetings.csv"), "--actions", str(EXAMPLES / "meeting_actions.csv")],
            "meetings.carried-over",
        ),
        (
            [
                "funding",
                str(EXAMPLES / "funding_lines.csv"),
                "--posts",
                str(EXAMPLES / "posts.csv"),
                "--costs",
                str(EXAMPLES / "unfunded_costs.csv"),
            ],
            "funding.post-outlives-funding",
        ),
    ],
)
def test_each_check_prints_a_json_list_of_findings(args, expected_rule):
    findings = _json(["check", *args])
    assert {"check", "factor", "severity", "message", "records"} <= set(findings[0])
    assert expected_rule in {f["rule"] for f in findings}
    ranks = ["high", "medium", "low", "info"]
    assert [ranks.index(f["severity"]) for f in findings] == sorted(
        ranks.index(f["severity"]) for f in findings
    )


def test_table_output_names_the_findings():
    result = runner.invoke(app, ["check", "roles", str(EXAMPLES / "roles.csv"), *TODAY])
    assert result.exit_code == 1
    assert "Joint training plan" in result.stdout


def test_thresholds_are_options():
    args = ["check", "meetings", str(EXAMPLES / "meetings.csv")]
    assert "meetings.no-decisions" in {f["rule"] for f in _json(args)}
    assert "meetings.attendance-falling" not in {f["rule"] for f in _json([*args, "--min-meetings", "10"])}


def test_a_bad_file_is_refused_with_row_and_column(tmp_path):
    bad = tmp_path / "roles.csv"
    bad.write_text("task,Health\nReferrals,Z\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "roles", str(bad), *TODAY])
    assert result.exit_code == 2
    assert 'roles.csv, row 2, column "Health": "Z" is not a RACI cell' in result.stderr


def test_a_bad_date_option_is_refused():
    result = runner.invoke(app, ["check", "roles", str(EXAMPLES / "roles.csv"), "--today", "1 June"])
    assert result.exit_code == 2


@pytest.mark.parametrize("kind", ["roles", "targets", "meetings", "funding", "actions"])
def test_template_xlsx_then_check_reads_it(tmp_path, kind):
    out = tmp_path / f"{kind}.xlsx"
    result = runner.invoke(app, ["check", "template", kind, "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    if kind != "actions":
        checked = runner.invoke(app, ["check", kind, str(out), *TODAY])
        assert checked.exit_code in (0, 1), checked.output  # read and judged, not refused (2)


def test_template_csv_with_own_agencies(tmp_path):
    out = tmp_path / "roles"
    result = runner.invoke(
        app,
        ["check", "template", "roles", "--format", "csv", "--out", str(out), "--agencies", "Health, Police"],
    )
    assert result.exit_code == 0, result.output
    assert (out / "roles.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "task,competence,Health,Police"
    ]
    assert (out / "competences.csv").exists()


def test_template_refuses_an_unknown_kind(tmp_path):
    result = runner.invoke(app, ["check", "template", "budgets", "--out", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2


def test_absent_limit_is_an_option(tmp_path):
    sheet = tmp_path / "meetings.csv"
    rows = [f"B{i},2025-0{i}-10,board,agreed the plan,strategic," for i in range(1, 7)]
    sheet.write_text("meeting,date,type,decisions,Health,Police\n" + "\n".join(rows) + "\n", encoding="utf-8")
    args = ["check", "meetings", str(sheet), "--format", "json", "--today", "2025-08-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.stdout
    assert "Police has not attended any of the 6 recorded board meetings" in result.stdout
    result = runner.invoke(app, [*args, "--absent-limit", "7"])
    assert "meetings.not-attending" not in result.stdout


def test_a_check_with_no_problems_exits_0_and_csv_is_offered(tmp_path):
    sheet = tmp_path / "funding_lines.csv"
    sheet.write_text(
        "line,source,agency,amount_per_year,mechanism,certainty,legal_basis,start,end\n"
        "F1,Council base budget,Social care,£420000,aligned,recurring,,2020-04-01,\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", "funding", str(sheet), *TODAY, "--format", "csv"])
    assert result.exit_code == 0, result.output


def test_a_missing_companion_file_exits_2_naming_it(tmp_path):
    args = ["check", "roles", str(EXAMPLES / "roles.csv"), "--competences", str(tmp_path / "none.csv")]
    result = runner.invoke(app, [*args, *TODAY])
    assert result.exit_code == 2 and "none.csv: no such file" in result.output
