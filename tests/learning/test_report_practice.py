"""Reports show practice-based evidence beside the literature, labelled, sized and caveated,
and only from at least five partnerships."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from joinedup.analysis import analyse, generate_responses
from joinedup.evidence import load_evidence_base
from joinedup.instrument import load_instrument
from joinedup.learning.pool import PRACTICE_CAVEAT, validate_pooled
from joinedup.reports import build_report_data, render_html
from joinedup.reports.html import report_context


@pytest.fixture(scope="module")
def report_data():
    instrument = load_instrument()
    synthetic = generate_responses(instrument.items, responses=500, partnerships=1, rounds=2, seed=11)
    result = analyse(synthetic.responses, instrument.items, instrument_version=instrument.version)
    last = result.rounds[-1]
    return build_report_data(
        result, last.partnership, last.round, evidence=load_evidence_base(), instrument=instrument,
        today=date(2025, 6, 1),
    )  # fmt: skip


def _first_recommendation(data):
    for finding in report_context(data)["recommended"]:
        if finding.factor:
            return finding, data.recommendations[finding.key][0]
    pytest.skip("the synthetic round has no recommendation for a factor")


def _entry(intervention, factor, adopted):
    return {
        "intervention": intervention,
        "factor": factor,
        "adopted": adopted,
        "improved": 3,
        "median_change": 0.4,
        "comparison_median_change": 0.1,
        "comparison_partnerships": 9,
        "method": "baseline-adjusted",
        "caveat": PRACTICE_CAVEAT,
    }


def test_practice_evidence_sits_beside_the_recommendation(report_data):
    finding, recommendation = _first_recommendation(report_data)
    pooled = {"benchmarks": {}, "practice": [_entry(recommendation.intervention, finding.factor, 7)]}
    assert validate_pooled(pooled) == []
    page = render_html(replace(report_data, practice=pooled))
    assert "Practice-based evidence" in page
    assert "Adopted by 7 partnerships; the factor rose in 3; median change +0.4 against +0.1" in page
    assert "observational, not proof" in page
    assert "Practice-based evidence" not in render_html(report_data)


def test_an_entry_under_the_minimum_is_refused_and_never_shown(report_data):
    finding, recommendation = _first_recommendation(report_data)
    pooled = {"benchmarks": {}, "practice": [_entry(recommendation.intervention, finding.factor, 4)]}
    assert validate_pooled(pooled) == ["practice[0].adopted: fewer than 5 partnerships"]
    assert "Practice-based evidence" not in render_html(replace(report_data, practice=pooled))
