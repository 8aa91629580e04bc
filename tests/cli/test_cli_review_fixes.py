"""The issue 16 review of the CLI: round orders that contradict the files' dates, tag's own help,
plurals and option names in messages, and the help panels."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app

runner = CliRunner()
NOVEMBER, MARCH = "November 2025 review", "March 2026 review"


def _words(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two rounds named by month, November 2025 opened first, with a round_opens column saying so."""
    folder = tmp_path_factory.mktemp("named-rounds")
    made = runner.invoke(
        app, ["synth", "-o", str(folder / "synth.csv"), "--responses", "120", "--partnerships", "1"]
    )
    assert made.exit_code == 0, made.output
    text = (folder / "synth.csv").read_text(encoding="utf-8-sig")
    text = text.replace(",Round 1,2024-01-01,", f",{NOVEMBER},2025-11-01,")
    text = text.replace(",Round 2,2024-07-01,", f",{MARCH},2026-03-01,")
    named = folder / "named.csv"
    named.write_text(text, encoding="utf-8")
    return named


def test_a_round_order_contradicting_the_opening_dates_is_refused(named: Path) -> None:
    result = runner.invoke(app, ["analyse", str(named), "--round-order", MARCH, "--round-order", NOVEMBER])
    assert result.exit_code == 2, result.output
    said = _words(result.output)
    assert f"'{MARCH}' (opened 2026-03-01)" in said and f"'{NOVEMBER}' (opened 2025-11-01)" in said
    assert "named.csv" in said and "--round-order" in said


def test_a_round_order_agreeing_with_the_opening_dates_is_used(named: Path) -> None:
    result = runner.invoke(
        app, ["analyse", str(named), "--round-order", NOVEMBER, "--round-order", MARCH, "--format", "json"]
    )
    assert result.exit_code == 0, result.output


def test_a_round_left_out_of_the_round_order_names_the_option(named: Path) -> None:
    result = runner.invoke(app, ["analyse", str(named), "--round-order", NOVEMBER])
    assert result.exit_code == 2
    said = _words(result.output)
    assert f"round '{MARCH}' is in the responses but not in --round-order" in said
    assert "round_order" not in said.replace("--round-order", "")


def test_a_round_given_twice_in_the_round_order_is_refused(named: Path) -> None:
    given = ["--round-order", NOVEMBER, "--round-order", MARCH, "--round-order", NOVEMBER]
    result = runner.invoke(app, ["analyse", str(named), *given])
    assert result.exit_code == 2
    assert f"--round-order: '{NOVEMBER}' given more than once" in _words(result.output)


def test_tag_help_shows_the_tagging_options_under_the_name_people_type() -> None:
    result = runner.invoke(app, ["tag", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--format", "--column", "--box-column", "--model", "--kind"):
        assert option in result.output
    assert "joinedup tag [OPTIONS]" in _words(result.output)
    assert "tag texts" not in result.output and "joinedup tag retrain --help" in _words(result.output)


def test_tag_help_after_a_file_argument_is_the_same_help() -> None:
    assert runner.invoke(app, ["tag", "-", "--help"]).output == runner.invoke(app, ["tag", "--help"]).output


def test_synth_counts_one_partnership_in_the_singular(tmp_path: Path) -> None:
    one = ["--responses", "20", "--partnerships", "1", "--rounds", "1"]
    made = runner.invoke(app, ["synth", "-o", str(tmp_path / "one.csv"), *one])
    assert made.exit_code == 0, made.output
    assert "(1 partnership, 1 round," in made.output


def test_a_file_with_one_problem_says_problem_in_the_singular(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    made = runner.invoke(app, ["synth", "-o", str(good), "--responses", "20", "--partnerships", "1"])
    assert made.exit_code == 0, made.output
    lines = good.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    cells = lines[2].split(",")
    cells[header.index("FU2")] = "9"
    lines[2] = ",".join(cells)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "cannot be imported (1 problem):" in _words(result.output)


def test_learning_has_its_own_help_panel_and_findings_help_reads_as_one_line() -> None:
    listing = runner.invoke(app, ["--help"]).output
    assert "Learning across partnerships ─" in listing
    summary = "Print the round's findings, most pressing first: the list the report shows."
    assert summary in _words(listing.replace("│", ""))
    assert "the numbers" not in listing
    reports_panel = listing.split("Reports: findings and reports", 1)[1].split("╰", 1)[0]
    assert "learning" not in reports_panel
