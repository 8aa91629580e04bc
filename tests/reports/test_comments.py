"""Comment summaries from an analyst's file: tagged, counted, quoted only from large groups."""

from __future__ import annotations

import pandas as pd

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


def _round(big: int = 5, small: int = 2) -> pd.DataFrame:
    rows = [("Health", "Not enough money for training.", None)] * big
    rows += [("Police", None, "The money runs out in March.")] * small
    return pd.DataFrame(rows, columns=["agency", "comment_joint-training", "comment_funding"])


def test_a_comment_counts_for_every_factor_it_is_about_whatever_box_it_was_in():
    summary = comment_summaries(_round(), tagger=KeywordTagger(), min_group=5)
    assert summary is not None
    assert summary["funding"].count == 7
    assert summary["joint-training"].count == 5
    assert summary["accountability"].count == 0


def test_quotes_come_only_from_agencies_at_the_minimum_group_size():
    summary = comment_summaries(_round(big=5, small=4), tagger=KeywordTagger(), min_group=5)
    assert summary is not None
    assert summary["funding"].examples == ["Not enough money for training."]


def test_comments_are_taken_response_by_response_then_by_factor_id():
    frame = pd.DataFrame(
        [("Health", "second box", "first box")] * 5,
        columns=["agency", "comment_joint-training", "comment_funding"],
    )
    tagger = KeywordTagger()
    comment_summaries(frame, tagger=tagger, min_group=5)
    assert tagger.seen[:2] == ["first box", "second box"]


def test_each_comment_is_tagged_knowing_the_box_it_was_typed_in():
    frame = pd.DataFrame(
        [("Health", "in training", "in funding", "in an unknown box")] * 5,
        columns=["agency", "comment_joint-training", "comment_funding", "comment_other"],
    )
    tagger = KeywordTagger()
    comment_summaries(frame, tagger=tagger, min_group=5)
    assert list(zip(tagger.seen, tagger.boxes, strict=True))[:3] == [
        ("in funding", "funding"),
        ("in training", "joint-training"),
        ("in an unknown box", None),
    ]


def test_no_comment_column_means_no_summary_and_a_small_round_shows_no_factor():
    assert (
        comment_summaries(
            _round().drop(columns=["comment_funding", "comment_joint-training"]),
            tagger=KeywordTagger(),
            min_group=5,
        )
        is None
    )
    assert comment_summaries(_round(big=2, small=2), tagger=KeywordTagger(), min_group=5) == {}
