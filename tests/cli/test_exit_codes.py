"""Exit codes are one contract across the CLI: 2 for bad input (naming file, row, column, value),
1 only when a check finds problems, 0 otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def bad_responses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A template CSV whose third response answers FU2 with 9, off the 1-5 scale."""
    folder = tmp_path_factory.mktemp("exit-codes")
    good = folder / "good.csv"
    made = runner.invoke(app, ["synth", "-o", str(good), "--responses", "30", "--partnerships", "1"])
    assert made.exit_code == 0, made.output
    lines = good.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[3].split(",")
    cells[header.index("FU2")] = "9"
    lines[3] = ",".join(cells)
    bad = folder / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bad


def _words(output: str) -> str:
    return " ".join(output.split())


@pytest.mark.parametrize(
    "command",
    [
        ["analyse"],
        ["findings", "--partnership", "Partnership 01", "--round", "Round 2"],
        ["report", "--partnership", "Partnership 01", "--round", "Round 2", "-o", "{tmp}/r.html"],
        ["instrument", "validate"],
    ],
)
def test_a_bad_value_exits_2_naming_file_row_column_and_value(
    bad_responses: Path, tmp_path: Path, command: list[str]
) -> None:
    arguments = [part.replace("{tmp}", str(tmp_path)) for part in command]
    split = 2 if arguments[0] == "instrument" else 1
    result = runner.invoke(app, [*arguments[:split], str(bad_responses), *arguments[split:]])
    assert result.exit_code == 2, result.output
    text = _words(result.output)
    assert "bad.csv" in text and "row 4" in text and "FU2" in text and "9" in text


def test_validate_is_a_check_exit_1_for_a_file_with_problems_2_for_no_file(bad_responses: Path) -> None:
    problems = runner.invoke(app, ["validate", str(bad_responses)])
    assert problems.exit_code == 1 and "row 4" in _words(problems.output)
    missing = runner.invoke(app, ["validate", str(bad_responses.with_name("none.csv"))])
    assert missing.exit_code == 2 and "none.csv: no such file" in missing.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["analyse", "{tmp}/none.csv"], "none.csv: no such file"),
        (["synth", "-o", "{tmp}/x.txt"], "written as .csv or .parquet"),
        (["instrument", "template", "--format", "xlsx", "-o", "{tmp}/x.csv"], "does not end in .xlsx"),
        (["instrument", "show", "--version", "9"], "no instrument version '9'"),
        (["evidence", "show", "no-such-factor"], "'no-such-factor' is not a factor id"),
        (["evidence", "extract", "{tmp}/none.md"], "none.md: no such file"),
        (["evidence", "factors", "--evidence", "{tmp}/none"], "none"),
        (["check", "targets", "{tmp}/none.csv"], "none.csv: no such file"),
        (["check", "template", "budgets", "-o", "{tmp}/x.xlsx"], "'budgets' is not one of"),
        (["tag", "retrain", "--corrections", "{tmp}/none.csv", "-o", "{tmp}/m"], "none.csv: no such file"),
        (["import", "x.csv", "--round", "R", "--partnership", "p"], "joinedup-manage import"),
        (["analyse", "x.csv", "--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_input_or_usage_exits_2_with_the_reason(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    result = runner.invoke(app, [part.replace("{tmp}", str(tmp_path)) for part in arguments])
    assert result.exit_code == 2, result.output
    assert message in _words(result.output)
