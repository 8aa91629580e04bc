from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.tagging import CommentRecord, summarise


def comment(text, agency, size, factors=("funding",), score=0.9):
    return CommentRecord(
        text=text, agency=agency, group_size=size, factors=list(factors), scores=dict.fromkeys(factors, score)
    )


def test_small_groups_are_counted_but_never_quoted():
    comments = [
        comment("The budget for the outreach team is never settled.", "Police", 3, score=0.99),
        comment("Money for the hub runs out next spring.", "Health", 12, score=0.7),
    ]
    summary = summarise(comments)
    assert summary["funding"].count == 2
    assert summary["funding"].examples == ["Money for the hub runs out next spring."]
    assert summary["leadership"].count == 0 and summary["leadership"].examples == []
    assert list(summary) == list(FACTOR_IDS)


def test_quotes_are_scrubbed_of_names_contacts_and_every_agency_in_the_comments():
    comments = [
        comment("Mrs Khan at Westfield Academy says the grant ends; ring 07700 900123.", "Health", 8),
        comment("Westfield Academy pays for nothing.", "Westfield Academy", 9, score=0.5),
    ]
    examples = summarise(comments)["funding"].examples
    assert examples[0] == "[name] at [agency] says the grant ends; ring [phone]."
    assert examples[1] == "[agency] pays for nothing."


def test_quotes_are_the_highest_scoring_spread_across_agencies_without_near_duplicates():
    comments = [
        comment("The budget is never agreed before April.", "Health", 10, score=0.95),
        comment("The budget is never agreed before April!", "Schools", 10, score=0.94),
        comment("Health pays for everything and resents it.", "Health", 10, score=0.9),
        comment("Grants are short-term so nothing lasts.", "Council", 10, score=0.6),
        comment("We bid for money every single year.", "Health", 10, score=0.5),
    ]
    examples = summarise(comments, per_factor=3, agencies=["Health"])["funding"].examples
    assert examples == [
        "The budget is never agreed before April.",
        "Grants are short-term so nothing lasts.",
        "[agency] pays for everything and resents it.",
    ]


def test_the_minimum_group_may_be_raised_but_never_lowered_below_five():
    comments = [comment("Funding is short.", "Health", 6)]
    assert summarise(comments, min_group=7)["funding"].examples == []
    with pytest.raises(ValueError, match="never set below 5"):
        summarise(comments, min_group=4)


def test_unknown_factor_ids_are_refused():
    with pytest.raises(ValueError, match="unknown factor ids"):
        summarise([comment("text", "Health", 9, factors=("cash",))])


records = st.builds(
    comment,
    text=st.text(min_size=1, max_size=40),
    agency=st.sampled_from(["Health", "Police", "Schools", "Council"]),
    size=st.integers(0, 20),
    factors=st.lists(st.sampled_from(FACTOR_IDS), unique=True, min_size=1, max_size=3),
    score=st.floats(0, 1),
)


@given(st.lists(records, max_size=30), st.integers(5, 12), st.integers(0, 4))
def test_no_quote_ever_comes_from_a_group_below_the_minimum(comments, min_group, per_factor):
    summary = summarise(comments, min_group=min_group, per_factor=per_factor)
    for factor, entry in summary.items():
        assert entry.count == sum(factor in c.factors for c in comments)
        assert len(entry.examples) <= per_factor
        quotable = [c for c in comments if factor in c.factors and c.group_size >= min_group]
        if not quotable:
            assert entry.examples == []
        assert len(entry.examples) <= len(quotable)
