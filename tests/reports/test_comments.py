"""Comment summaries from an analyst's file: tagged, counted, quoted only from agencies the analysis shows."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
from typer.testing import CliRunner

from joinedup.analysis import analyse
from joinedup.analysis.result import RoundResult
from joinedup.cli import app
from joinedup.instrument import load_instrument
from joinedup.reports.comments import comment_summaries
from joinedup.tagging import TagResult


class KeywordTagger:
    """Tags a text with `funding` when it mentions money and `training` when it mentions training."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.boxes: list[str | None] = []

    def tag(self, texts: list[str], boxes: list[str | None] | None = None) -> list[TagResult]:
        self.seen += texts
        self.boxes += boxes if boxes is not None else [None] * len(texts)
        results = []
        for text in texts:
            factors = [
                f for f, word in (("funding", "money"), ("joint-training", "training")) if word in text
            ]
            results.append(TagResult(text, factors, {f: 0.9 for f in factors}))
        return results


def _answers(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame's rows as a one-round file a report reads: every item answered 3."""
    rows = frame.copy()
    rows["partnership"], rows["round"], rows["role_group"] = "p1", "R1", "practitioner"
    for item in load_instrument().items:
        rows[item.id] = 3.0
    return rows


def _analysis(frame: pd.DataFrame) -> RoundResult:
    """The published analysis of the round whose agencies are the frame's."""
    return analyse(_answers(frame), load_instrument().items, min_group=5).find("p1", "R1")


def _summaries(frame: pd.DataFrame, tagger: KeywordTagger | None = None, **options):
    return comment_summaries(
        frame, tagger=tagger or KeywordTagger(), min_group=5, analysis=_analysis(frame), **options
    )


SCHOOLS_SAYS = "Schools money for the link worker is agreed every spring."
HEALTH_SAYS = "Health money for the drop-in is cut without warning."
POLICE_SAYS = "Police money for the joint desk was never promised."


def _police_health_schools() -> pd.DataFrame:
    """Police 3 (hidden as small), Health 6 (hidden by secondary suppression), Schools 8 (shown)."""
    rows = [("Police", POLICE_SAYS)] * 3 + [("Health", HEALTH_SAYS)] * 6 + [("Schools", SCHOOLS_SAYS)] * 8
    return pd.DataFrame(rows, columns=["agency", "comment_funding"])


def _round(big: int = 5, small: int = 2) -> pd.DataFrame:
    rows = [("Health", "Not enough money for training.", None)] * big
    rows += [("Police", None, "The money runs out in March.")] * small
    return pd.DataFrame(rows, columns=["agency", "comment_joint-training", "comment_funding"])


def test_a_comment_counts_for_every_factor_it_is_about_whatever_box_it_was_in():
    summary = _summaries(_round())
    assert summary is not None
    assert summary["funding"].count == 7
    assert summary["joint-training"].count == 5
    assert summary["accountability"].count == 0


def test_quotes_come_only_from_agencies_the_published_analysis_shows():
    frame = _police_health_schools()
    hidden = _analysis(frame).responses
    assert hidden is not None
    assert {name for name, answered in hidden.by_agency.items() if answered.suppressed} == {
        "Police",
        "Health",
    }
    summary = _summaries(frame)
    assert summary is not None
    assert summary["funding"].count == 17
    assert summary["funding"].examples == [SCHOOLS_SAYS.replace("Schools", "[agency]")]


def test_the_cli_report_quotes_no_agency_the_findings_say_cannot_be_heard_separately(tmp_path):
    """Police 3, Health 6, Schools 8: the XLSX and HTML reports quote Schools only."""
    _answers(_police_health_schools()).to_csv(tmp_path / "small.csv", index=False)
    runner = CliRunner()
    for output_format in ("xlsx", "html"):
        out = tmp_path / f"report.{output_format}"
        args = ["report", str(tmp_path / "small.csv"), "--partnership", "p1", "--round", "R1"]
        result = runner.invoke(app, [*args, "--format", output_format, "--out", str(out)])
        assert result.exit_code == 0, result.output
        if output_format == "xlsx":
            book = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
            text = " ".join(str(cell) for row in book["Comments"].iter_rows(values_only=True) for cell in row)
        else:
            text = out.read_text(encoding="utf-8")
        assert "link worker" in text
        assert "drop-in" not in text
        assert "joint desk" not in text


def test_comments_are_taken_response_by_response_then_by_factor_id():
    frame = pd.DataFrame(
        [("Health", "second box", "first box")] * 5,
        columns=["agency", "comment_joint-training", "comment_funding"],
    )
    tagger = KeywordTagger()
    _summaries(frame, tagger)
    assert tagger.seen[:2] == ["first box", "second box"]


def test_each_comment_is_tagged_knowing_the_box_it_was_typed_in():
    frame = pd.DataFrame(
        [("Health", "in training", "in funding", "in an unknown box")] * 5,
        columns=["agency", "comment_joint-training", "comment_funding", "comment_other"],
    )
    tagger = KeywordTagger()
    _summaries(frame, tagger)
    assert list(zip(tagger.seen, tagger.boxes, strict=True))[:3] == [
        ("in funding", "funding"),
        ("in training", "joint-training"),
        ("in an unknown box", None),
    ]


def test_no_comment_column_means_no_summary_and_a_small_round_shows_no_factor():
    assert _summaries(_round().drop(columns=["comment_funding", "comment_joint-training"])) is None
    assert _summaries(_round(big=2, small=2)) == {}
