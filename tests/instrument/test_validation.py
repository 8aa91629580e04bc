"""`joinedup instrument validate` must recover the structure it was given and say when it is broken."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from joinedup.analysis.synthetic import break_structure, generate_factor_model_responses, generate_responses
from joinedup.cli import app
from joinedup.instrument import load_instrument
from joinedup.instrument.validation import (
    CFI_FROM,
    RMSEA_UP_TO,
    SRMR_UP_TO,
    TLI_FROM,
    ValidationInputError,
    validate_structure,
)

runner = CliRunner()
V2 = load_instrument("2")


@pytest.fixture(scope="module")
def known() -> pd.DataFrame:
    return generate_factor_model_responses(V2.items, responses=300, seed=3)


@pytest.fixture(scope="module")
def known_file(known: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("validate") / "known.parquet"
    known.to_parquet(path)
    return path


def test_the_known_structure_is_recovered_with_acceptable_fit(known_file: Path) -> None:
    arguments = ["instrument", "validate", str(known_file), "--version", "2", "--format", "json"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    fit = report["fit"]
    assert fit["cfi"] >= CFI_FROM and fit["tli"] >= TLI_FROM
    assert fit["rmsea"] <= RMSEA_UP_TO and fit["srmr"] <= SRMR_UP_TO
    assert fit["rmsea_ci"][0] <= fit["rmsea"] <= fit["rmsea_ci"][1]
    assert not report["broken"] and report["problems"] == []
    assert len(report["items"]) == 48 and all(item["loading"] >= 0.4 for item in report["items"])
    assert all(0.6 <= factor["omega"] <= 1 for factor in report["factors"])
    assert all(f["alpha_ci"][0] < f["alpha"] < f["alpha_ci"][1] for f in report["factors"])


def test_a_factor_of_pure_noise_is_flagged_and_exits_1(known: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "noise.parquet"
    break_structure(known, V2.items, noise_factor="joint-training", seed=1).to_parquet(path)
    result = runner.invoke(app, ["instrument", "validate", str(path), "--version", "2"])
    assert result.exit_code == 1, result.output
    assert "The structure is broken" in result.stdout
    assert "factor joint-training" in result.stdout
    assert "factor funding" not in result.stdout
    assert "goes with" not in result.stdout, "noise-level correlations must not be read as a cross-loading"


def test_a_poor_fit_from_agreeing_whatever_the_wording_says_so() -> None:
    """`joinedup synth` data carry acquiescence; the report must name it, not only say "broken"."""
    styled = generate_responses(V2.items, responses=400, partnerships=3, rounds=1, seed=1).responses
    report = validate_structure(styled, V2)
    assert report.broken
    assert any(cause.startswith("agreeing whatever the wording") for cause in report.causes), report.causes


@pytest.mark.slow
def test_statements_swapped_between_factors_are_named(known: pd.DataFrame) -> None:
    report = validate_structure(break_structure(known, V2.items, swap=("FU4", "CO1")), V2)
    assert report.broken
    flagged = {check.id: check for check in report.items if check.flags}
    assert flagged["FU4"].closest_other == "communication"
    assert flagged["CO1"].closest_other == "funding"


def test_unusable_input_exits_2(tmp_path: Path, known: pd.DataFrame) -> None:
    missing = runner.invoke(app, ["instrument", "validate", str(tmp_path / "nothing.csv"), "--version", "2"])
    assert missing.exit_code == 2 and "no such file" in missing.output
    small = tmp_path / "small.parquet"
    known.head(50).to_parquet(small)
    too_few = runner.invoke(app, ["instrument", "validate", str(small), "--version", "2"])
    assert too_few.exit_code == 2 and "at least 200 are needed" in too_few.output
    wrong_version = tmp_path / "v2.parquet"
    known.to_parquet(wrong_version)
    v1 = runner.invoke(app, ["instrument", "validate", str(wrong_version), "--version", "1"])
    assert v1.exit_code == 2 and "no column for" in v1.output


def test_statements_without_spread_are_refused(known: pd.DataFrame) -> None:
    flat = known.assign(FU4=3.0)
    with pytest.raises(ValidationInputError, match="no spread"):
        validate_structure(flat, V2)


def test_the_json_report_is_the_same_bytes_whatever_the_string_hashing(known_file: Path) -> None:
    """semopy took the factor covariances from a set, so the last digits changed from run to run."""
    command = [sys.executable, "-m", "joinedup.cli", "instrument", "validate", str(known_file)]
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [*command, "--version", "2", "--format", "json"],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
