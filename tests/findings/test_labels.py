"""Labels claim only what a factor's 95% interval supports; the summary names extremes only when
their intervals part; divergence needs groups large enough; severity follows evidence confidence;
findings that lead to one action share one recommendation; non-response is non-response."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.findings.builders import AGENCIES, ITEMS, crafted, frame

from joinedup.analysis import FactorResult, analyse
from joinedup.analysis.result import RoundResult
from joinedup.checks.finding import Severity
from joinedup.evidence import ConfidenceLevel, load_evidence_base
from joinedup.findings import (
    Finding,
    build_findings,
    extremes,
    factor_label,
    interval_words,
    merged_recommendations,
    recommend,
)
from joinedup.findings.build import severity_with_confidence
from joinedup.findings.survey import MIN_DIVERGENCE_GROUP, survey_findings


@pytest.fixture(scope="module")
def evidence():
    return load_evidence_base()


def factor(low: float, high: float, factor_id: str = "funding") -> FactorResult:
    return FactorResult(
        id=factor_id,
        suppressed=False,
        n=15,
        mean=(low + high) / 2,
        sd=0.8,
        ci=(low, high),
        band=None,
        alpha=None,
        alpha_ci=None,
        alpha_n=None,
        dont_know_rate=None,
        groups={},
        divergence=None,
        trend=None,
        items=[],
    )


bounds = st.tuples(st.floats(1, 5), st.floats(0, 2)).map(lambda pair: (pair[0], min(pair[0] + pair[1], 5.0)))


@given(bounds)
def test_a_label_is_only_what_the_whole_interval_supports(interval):
    low, high = interval
    label = factor_label(factor(low, high))
    assert (label == "concern") == (high < 3)
    assert (label == "strength") == (low >= 4)
    assert (label == "borderline") == (low >= 3 and high < 4)
    assert (label == "unclear") == (low < 3 <= high or low < 4 <= high)


def test_the_issue_example_is_unclear_with_its_interval_in_words():
    example = factor(2.56, 3.42)
    assert factor_label(example) == "unclear"
    assert interval_words(example) == "between 2.56 and 3.42: more answers would tell"


def test_a_concern_just_under_three_is_printed_clear_of_three():
    """At one decimal an interval ending at 2.99 read "between 2.8 and 3.0", as if it touched 3."""
    near = factor(2.81, 2.99)
    assert factor_label(near) == "concern"
    assert interval_words(near) == "between 2.81 and 2.99"
    one_round = RoundResult("P", "Round 1", False, 15, None, None, [near])
    (band,) = [f for f in survey_findings(one_round, {"funding": "Funding"}) if f.key == "band:funding"]
    assert "between 2.81 and 2.99" in band.statement


@given(st.lists(bounds, min_size=2, max_size=16))
@example([(1.0, 2.5), (2.0, 2.0), (3.0, 3.0), (2.5, 3.5)])
@example([(3.0, 3.0), (1.375, 3.125), (1.75, 2.75)])
def test_extremes_are_named_only_when_their_intervals_do_not_overlap(intervals):
    factors = [factor(low, high, f"f{index}") for index, (low, high) in enumerate(intervals)]
    found = extremes(factors)
    highest = max(f.mean for f in factors)
    lowest = min(f.mean for f in factors)
    # Every factor tied at the top or bottom counts: which of them is "the" extreme is arbitrary.
    top_low = min(f.ci[0] for f in factors if f.mean == highest)
    bottom_high = max(f.ci[1] for f in factors if f.mean == lowest)
    for strong in found.strongest:
        assert strong.ci[0] > bottom_high
    for weak in found.weakest:
        assert weak.ci[1] < top_low
    # Named at both ends exactly when separable; whenever the two ends' intervals are clear of each
    # other both lists fill, and when they are not separable the ends overlap (what the summary says).
    # (Both may still be named while the very top and bottom overlap: each name is checked above.)
    assert found.separable == bool(found.strongest and found.weakest)
    if top_low > bottom_high:
        assert found.separable
    if not found.separable:
        assert top_low <= bottom_high


def test_a_factor_is_not_named_strongest_over_a_tied_lowest_factor_it_overlaps():
    """Two factors tie for the lowest mean; the top one clears one of them but not the other."""
    factors = [factor(3.0, 3.0, "f0"), factor(1.375, 3.125, "f1"), factor(1.75, 2.75, "f2")]
    found = extremes(factors)
    assert found.strongest == ()
    assert not found.separable


def spanning(factor_id: str, agency: str, person: int) -> float:
    """Every factor scored 1 to 5 in turn by 15 people: mean 3, an interval from about 2.2 to 3.8."""
    return float(1 + (person + AGENCIES.index(agency)) % 5)


def test_a_round_whose_every_interval_spans_the_thresholds_has_no_concern_or_strength(evidence):
    result = analyse(frame(spanning, "Round 1", per_agency=5), ITEMS).find("P", "Round 1")
    assert all(f.ci[0] < 3 <= f.ci[1] for f in result.factors)
    found = build_findings(result, [], evidence)
    bands = [f for f in found if f.key.startswith("band:")]
    assert len(bands) == len(result.factors)
    assert {f.label for f in bands} == {"unclear"}
    assert not [f for f in found if f.kind in {"concern", "strength"} or f.label in {"concern", "strength"}]
    assert all("more answers would tell" in f.statement for f in bands)
    assert not extremes(result.factors).separable


def clear(factor_id: str, agency: str, person: int) -> float:
    if factor_id == "funding":
        return float(1 + person % 2)
    if factor_id == "leadership":
        return float(4 + person % 2)
    return float(3 + person % 2)


def test_a_round_with_clear_differences_labels_concern_strength_and_borderline(evidence):
    result = analyse(frame(clear, "Round 1"), ITEMS).find("P", "Round 1")
    found = {f.key: f for f in build_findings(result, [], evidence)}
    assert (found["band:funding"].label, found["band:funding"].kind) == ("concern", "concern")
    assert (found["band:leadership"].label, found["band:leadership"].kind) == ("strength", "strength")
    assert found["band:communication"].label == "borderline"
    funding = found["band:funding"]
    assert funding.mean == pytest.approx(1.5) and funding.n == 60
    assert funding.ci_low < funding.mean < funding.ci_high < 3
    apart = extremes(result.factors)
    assert apart.separable
    assert apart.strongest[0].id == "leadership" and apart.weakest[0].id == "funding"


def test_divergence_needs_groups_of_the_justified_size(evidence):
    small = analyse(frame(crafted, "Round 1", per_agency=MIN_DIVERGENCE_GROUP - 1), ITEMS)
    assert not [
        f for f in build_findings(small.find("P", "Round 1"), [], evidence) if f.key.startswith("divergence:")
    ]
    large = analyse(frame(crafted, "Round 1", per_agency=MIN_DIVERGENCE_GROUP), ITEMS)
    (divergence,) = [
        f for f in build_findings(large.find("P", "Round 1"), [], evidence) if f.key.startswith("divergence:")
    ]
    assert all(group.n >= MIN_DIVERGENCE_GROUP for group in divergence.groups)
    assert len(divergence.groups) == 2
    low, high = sorted(divergence.groups, key=lambda group: group.mean)
    assert f"{low.name} rate it {low.mean:.1f}, {high.name} {high.mean:.1f}" in divergence.statement
    assert f"a gap of {high.mean - low.mean:.1f} points" in divergence.statement


@pytest.mark.parametrize(
    ("level", "before", "after"),
    [
        (ConfidenceLevel.HIGH, Severity.HIGH, Severity.HIGH),
        (ConfidenceLevel.MODERATE, Severity.HIGH, Severity.HIGH),
        (ConfidenceLevel.LOW, Severity.HIGH, Severity.MEDIUM),
        (ConfidenceLevel.VERY_LOW, Severity.MEDIUM, Severity.LOW),
        (ConfidenceLevel.VERY_LOW, Severity.LOW, Severity.LOW),
    ],
)
def test_severity_is_lowered_one_step_when_the_evidence_that_the_factor_matters_is_weak(level, before, after):
    finding = Finding("band:x", "funding", before, "concern", "s", (), 1.0)
    assert severity_with_confidence(finding, level) is after
    voice = replace(finding, kind="voice")
    assert severity_with_confidence(voice, level) is before


def test_a_concern_on_a_factor_with_weak_evidence_is_not_high(evidence):
    result = analyse(frame(lambda f, a, p: float(1 + p % 2), "Round 1"), ITEMS).find("P", "Round 1")
    for finding in build_findings(result, [], evidence):
        if finding.key.startswith("band:"):
            weak = evidence.confidence[finding.factor].level in {
                ConfidenceLevel.LOW,
                ConfidenceLevel.VERY_LOW,
            }
            assert finding.severity is (Severity.MEDIUM if weak else Severity.HIGH), finding.factor


def test_findings_that_lead_to_one_intervention_share_one_recommendation(evidence):
    result = analyse(frame(lambda f, a, p: float(1 + p % 2), "Round 1"), ITEMS).find("P", "Round 1")
    findings = build_findings(result, [], evidence)
    merged = merged_recommendations(findings, evidence)
    shown = [item for items in merged.values() for item in items]
    assert len({item.intervention for item in shown}) == len(shown)
    for finding in findings:
        for suggestion in recommend(finding, evidence):
            (holder,) = [item for item in shown if item.intervention == suggestion.intervention]
            assert finding.key in holder.answers
    # give-meetings-a-purpose answers both shared purpose and joint planning
    (meetings,) = [item for item in shown if item.intervention == "give-meetings-a-purpose"]
    assert {"band:shared-purpose", "band:joint-planning"} <= set(meetings.answers)
    assert meetings.answers[0] == meetings.finding


def test_low_response_is_reported_as_non_response_not_commitment(evidence):
    invited = pd.DataFrame(
        [{"partnership": "P", "round": "Round 1", "agency": agency, "invited": 200} for agency in AGENCIES]
    )
    result = analyse(frame(crafted, "Round 1"), ITEMS, invitations=invited).find("P", "Round 1")
    low = [f for f in build_findings(result, [], evidence) if f.key.startswith("voice:low-rate:")]
    assert low
    for finding in low:
        assert finding.label == "non-response" and finding.factor == ""
        assert "non-response" in finding.statement
        assert "not a measure of commitment" in finding.statement
        assert recommend(finding, evidence) == []
