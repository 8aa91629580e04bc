"""Names, statements and citations from the person's files are printed in the tables verbatim:
Rich never reads them as markup ("Police [/]" stopped a table with a MarkupError traceback,
"[bold]x[/bold]" printed as a bold "x")."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from joinedup.cli import app

runner = CliRunner()

CLOSING = "Police [/]"
STYLED = "[bold]x[/bold]"


def _verbatim(result, *texts: str, exit_code: int = 0) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "MarkupError" not in result.output
    assert result.exit_code == exit_code, result.output
    for text in texts:
        assert text in result.output


@pytest.fixture(scope="module")
def responses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic round whose partnership is named with markup-like brackets."""
    path = tmp_path_factory.mktemp("markup") / "round.csv"
    made = runner.invoke(app, ["synth", "-o", str(path), "--responses", "30", "--partnerships", "1"])
    assert made.exit_code == 0, made.output
    path.write_text(path.read_text(encoding="utf-8").replace("Partnership 01", f"{CLOSING} {STYLED}"))
    return path


def test_analyse_prints_the_partnership_name_verbatim_in_the_title(responses: Path) -> None:
    _verbatim(runner.invoke(app, ["analyse", str(responses)]), f"{CLOSING} {STYLED} · Round 1")


def test_validate_prints_the_column_names_verbatim(tmp_path: Path) -> None:
    """LimeSurvey names its columns "question[code]"; a lower-case code read as a Rich tag vanished."""
    export = Path(__file__).parents[1] / "data" / "survey_exports" / "limesurvey_codes.csv"
    renamed = tmp_path / "lime.csv"
    renamed.write_text(export.read_text(encoding="utf-8").replace('"G02Q03[RR1]"', '"g02q03[rr1]"', 1))
    result = runner.invoke(app, ["validate", str(renamed), "--partnership", "P", "--round", "R"])
    _verbatim(result, "g02q03[rr1]")


def test_check_roles_prints_a_task_name_verbatim_in_its_finding(tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text(
        f"task,competence,{CLOSING},{STYLED}\nShare {CLOSING} {STYLED} data,,R,C\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", "roles", str(roles)])
    _verbatim(result, f"Share {CLOSING} {STYLED} data", exit_code=1)


def test_tag_prints_each_comment_verbatim(tmp_path: Path) -> None:
    comments = tmp_path / "comments.txt"
    comments.write_text(f"{CLOSING} share {STYLED} data\n", encoding="utf-8")
    _verbatim(runner.invoke(app, ["tag", str(comments)]), f"{CLOSING} share {STYLED} data")


def test_evidence_extract_prints_section_headings_and_file_name_verbatim(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    review = Path("[bold]reviews") / "review.md"
    review.parent.mkdir()
    review.write_text(f"# {CLOSING} and {STYLED}\n\nJoint training helped staff.\n", encoding="utf-8")
    result = runner.invoke(app, ["evidence", "extract", str(review)])
    _verbatim(result, f"{CLOSING} and {STYLED}", f"Sections of {review}")
