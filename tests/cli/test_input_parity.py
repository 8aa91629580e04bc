"""Bad input is refused the same way whatever the file format (a reviewer's findings on the readers).

Parquet files meet the CSV's checks in the CSV's words, with rows counted the same way; a
mistyped or missing statement column is refused rather than dropped; `validate` reads Parquet;
and a `--partnership` typed with a trailing space names the partnership the data spells without it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from joinedup.cli import app

runner = CliRunner()
PARTNERSHIP, ROUND = "Partnership 01", "Round 1"


def _words(output: str) -> str:
    return " ".join(output.split())


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One small round written as CSV and as Parquet by `joinedup synth`."""
    folder = tmp_path_factory.mktemp("parity")
    files = {suffix: folder / f"synth.{suffix}" for suffix in ("csv", "parquet")}
    for path in files.values():
        made = runner.invoke(
            app, ["synth", "-o", str(path), "--responses", "120", "--partnerships", "1", "--rounds", "1"]
        )
        assert made.exit_code == 0, made.output
    return files


def _csv_text(synth: dict[str, Path]) -> pd.DataFrame:
    return pd.read_csv(synth["csv"], dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.mark.parametrize("command", ["analyse", "findings"])
def test_a_parquet_role_group_that_is_not_one_is_refused_as_in_a_csv(
    synth: dict[str, Path], tmp_path: Path, command: str
) -> None:
    frame = pd.read_parquet(synth["parquet"])
    frame.loc[9, "role_group"] = "wizard"
    frame.to_parquet(tmp_path / "wizard.parquet")
    text = _csv_text(synth)
    text.loc[9, "role_group"] = "wizard"
    text.to_csv(tmp_path / "wizard.csv", index=False)
    for suffix in ("parquet", "csv"):
        args = [command, str(tmp_path / f"wizard.{suffix}")]
        if command == "findings":
            args += ["--partnership", PARTNERSHIP, "--round", ROUND]
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert f'wizard.{suffix}, row 11, column "role_group": "wizard" is not a role group' in _words(
            result.output
        )


def test_parquet_comment_and_opening_date_checks_match_the_csv(
    synth: dict[str, Path], tmp_path: Path
) -> None:
    frame = pd.read_parquet(synth["parquet"])
    frame.loc[3, "comment_funding"] = "x" * 2001
    frame.loc[4, "round_opens"] = "1 Jan 2024"
    frame.to_parquet(tmp_path / "bad.parquet")
    said = _words(runner.invoke(app, ["analyse", str(tmp_path / "bad.parquet")]).output)
    assert 'bad.parquet, row 5, column "comment_funding": "' in said
    assert "is 2,001 characters long; a comment may be at most 2,000" in said
    assert (
        'bad.parquet, row 6, column "round_opens": "1 Jan 2024" is not a date written as YYYY-MM-DD' in said
    )


def test_parquet_of_text_reads_as_the_csv_it_came_from(synth: dict[str, Path], tmp_path: Path) -> None:
    text = _csv_text(synth)
    text.to_parquet(tmp_path / "text.parquet")
    from_csv = runner.invoke(app, ["analyse", str(synth["csv"]), "--format", "json"])
    from_parquet = runner.invoke(app, ["analyse", str(tmp_path / "text.parquet"), "--format", "json"])
    assert from_csv.exit_code == from_parquet.exit_code == 0, from_parquet.output
    assert json.loads(from_parquet.stdout) == json.loads(from_csv.stdout)


def test_a_bad_cell_is_named_in_the_same_words_in_csv_and_parquet(
    synth: dict[str, Path], tmp_path: Path
) -> None:
    text = _csv_text(synth)
    text.loc[9, "PC1"] = "7"
    text.to_csv(tmp_path / "seven.csv", index=False)
    text.to_parquet(tmp_path / "seven.parquet")
    numbers = pd.read_parquet(synth["parquet"])
    numbers.loc[9, "PC1"] = 7.0
    numbers.to_parquet(tmp_path / "numbers.parquet")
    for name in ("seven.csv", "seven.parquet", "numbers.parquet"):
        result = runner.invoke(app, ["analyse", str(tmp_path / name)])
        assert result.exit_code == 2, result.output
        assert _words(result.output) == f'Error: {name}, row 11, column "PC1": "7" is not on the 1–5 scale'


def test_a_mistyped_statement_column_is_refused_with_the_likely_one(
    synth: dict[str, Path], tmp_path: Path
) -> None:
    text = _csv_text(synth).rename(columns={"PC1": "PC9"})
    text.to_csv(tmp_path / "pc9.csv", index=False)
    text.to_parquet(tmp_path / "pc9.parquet")
    expected = (
        'row 1, column "PC9": is named like a statement id but instrument version 1 has no statement PC9; '
        "did you mean PC1?"
    )
    for name in ("pc9.csv", "pc9.parquet"):
        for command, code in (("analyse", 2), ("validate", 1)):
            result = runner.invoke(app, [command, str(tmp_path / name)])
            assert result.exit_code == code, result.output
            assert f"{name}, {expected}" in _words(result.output)


def test_a_template_without_a_statement_column_is_refused(synth: dict[str, Path], tmp_path: Path) -> None:
    text = _csv_text(synth).drop(columns=["PC1"])
    text.to_csv(tmp_path / "short.csv", index=False)
    result = runner.invoke(app, ["analyse", str(tmp_path / "short.csv")])
    assert result.exit_code == 2, result.output
    assert (
        'short.csv, row 1, column "PC1": the file has no column for statement PC1 of instrument version 1'
        in (_words(result.output))
    )


def test_a_file_of_another_version_is_still_told_to_add_the_version(tmp_path: Path) -> None:
    path = tmp_path / "v2.csv"
    made = runner.invoke(
        app, ["synth", "-o", str(path), "--responses", "60", "--rounds", "1", "--version", "2"]
    )
    assert made.exit_code == 0, made.output
    result = runner.invoke(app, ["analyse", str(path)])
    assert result.exit_code == 2
    assert "add --version 2" in result.output


def test_validate_reads_parquet(synth: dict[str, Path]) -> None:
    result = runner.invoke(app, ["validate", str(synth["parquet"]), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["ok"] is True and summary["responses"] == 120 and summary["missing_items"] == []


def test_a_partnership_typed_with_a_trailing_space_is_found(synth: dict[str, Path]) -> None:
    result = runner.invoke(
        app,
        [
            "findings",
            str(synth["csv"]),
            "--partnership",
            f"{PARTNERSHIP} ",
            "--round",
            f" {ROUND}",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["partnership"], found["round"]) == (PARTNERSHIP, ROUND) and found["findings"]
