"""Rounds carry the date they opened, so trends follow time rather than the spelling of round names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from joinedup.analysis.rounds import rounds_by_opening
from joinedup.instrument import load_instrument
from joinedup.io.survey_export import template_header, write_template
from joinedup.io.survey_import import ImportFailed, read_responses

INSTRUMENT = load_instrument()


def test_rounds_are_ordered_by_opening_date_not_name() -> None:
    openings = [("March 2026 review", "2026-03-01"), ("November 2025 review", "2025-11-01")] * 3
    assert rounds_by_opening(openings) == ["November 2025 review", "March 2026 review"]


def test_a_round_with_two_opening_dates_is_refused() -> None:
    with pytest.raises(ValueError, match="'R1' is given two opening dates, 2025-01-01 and 2025-02-01"):
        rounds_by_opening([("R1", "2025-02-01"), ("R1", "2025-01-01")])


def _frame(dates: list[str]) -> pd.DataFrame:
    rows = []
    for position, day in enumerate(dates):
        row: dict[str, object] = {"partnership": "P", "round": f"R{position}", "round_opens": day}
        row |= {"agency": "Police", "role_group": "practitioner"}
        row |= {item: 3.0 for item in INSTRUMENT.item_ids()}
        row |= {column: "" for column in INSTRUMENT.comment_columns()}
        rows.append(row)
    return pd.DataFrame(rows)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_template_carries_opening_dates_and_the_importer_reads_them(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"responses{suffix}"
    write_template(path, INSTRUMENT, _frame(["2025-11-01", "2026-03-01"]))
    result = read_responses(path, INSTRUMENT)
    assert list(result.frame["round_opens"]) == ["2025-11-01", "2026-03-01"]
    assert "round_opens" not in result.unmapped_columns
    assert template_header(INSTRUMENT)[:4] == ["partnership", "round", "agency", "role_group"]


def test_a_bad_opening_date_names_the_file_row_column_and_value(tmp_path: Path) -> None:
    path = tmp_path / "responses.csv"
    write_template(path, INSTRUMENT, _frame(["2025-11-01", "1 March 2026"]))
    with pytest.raises(ImportFailed) as failure:
        read_responses(path, INSTRUMENT)
    message = str(failure.value.errors[0])
    assert "responses.csv" in message and "row 3" in message
    assert "round_opens" in message and "1 March 2026" in message and "YYYY-MM-DD" in message


def test_one_minimum_group_rule_the_largest_any_round_asks_for() -> None:
    from joinedup.analysis import min_group_for

    assert min_group_for([5, 8, 6]) == 8
    assert min_group_for([]) == 5
    with pytest.raises(ValueError, match="at least 5"):
        min_group_for([7, 3])


def test_report_and_findings_read_with_the_instrument_version_given(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from joinedup.cli import app

    runner = CliRunner()
    target = tmp_path / "v2.csv"
    made = runner.invoke(
        app, ["synth", "-o", str(target), "--responses", "200", "--partnerships", "1", "--version", "2"]
    )
    assert made.exit_code == 0, made.output
    place = ["--partnership", "Partnership 01", "--round", "Round 2"]
    as_v1 = runner.invoke(app, ["findings", str(target), *place, "--format", "json"])
    assert as_v1.exit_code == 2 and "add --version 2" in as_v1.output
    as_v2 = runner.invoke(app, ["findings", str(target), *place, "--format", "json", "--version", "2"])
    assert as_v2.exit_code == 0, as_v2.output
    written = str(tmp_path / "r.html")
    report = runner.invoke(app, ["report", str(target), *place, "--version", "2", "-o", written])
    assert report.exit_code == 0, report.output
