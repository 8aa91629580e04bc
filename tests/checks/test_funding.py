from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from joinedup.checks.funding import add_months, check_funding
from joinedup.checks.records import (
    ContractType,
    FundingCertainty,
    FundingLine,
    FundingMechanism,
    FundingRecords,
    Post,
    UnfundedCost,
)

TODAY = date(2025, 6, 1)


def _line(reference="L1", amount=100_000.0, certainty=FundingCertainty.RECURRING, end=None, **changes):
    fields = dict(
        reference=reference,
        source="Council base budget",
        agency="Social care",
        amount_per_year=amount,
        mechanism=FundingMechanism.ALIGNED,
        certainty=certainty,
        start=date(2023, 4, 1),
        end=end,
    )
    fields.update(changes)
    return FundingLine(**fields)


def _post(funded_by=("L1",), contract=ContractType.FIXED_TERM, end=None, reference="P1"):
    return Post(reference, "Early help coordinator", "Social care", tuple(funded_by), contract, end)


def _check(lines=(), posts=(), costs=(), **options):
    return check_funding(FundingRecords(tuple(lines), tuple(posts), tuple(costs)), today=TODAY, **options)


def _rules(findings, *, without_share=True):
    return sorted(f.rule for f in findings if not (without_share and f.rule == "funding.time-limited-share"))


def test_recurring_money_paying_a_permanent_post_is_only_reported_as_a_share():
    findings = _check([_line()], [_post(contract=ContractType.PERMANENT)])
    assert [(f.rule, f.severity.value) for f in findings] == [("funding.time-limited-share", "info")]
    assert findings[0].message.startswith("0%")


def test_fixed_term_post_outliving_a_line_that_ends_within_the_horizon():
    line = _line(certainty=FundingCertainty.TIME_LIMITED, end=date(2026, 3, 31))
    findings = _check([line], [_post(end=date(2027, 3, 31))])
    assert _rules(findings) == ["funding.line-ending", "funding.post-outlives-funding"]
    at_risk = next(f for f in findings if f.rule == "funding.post-outlives-funding")
    assert (at_risk.severity.value, at_risk.factor) == ("high", "recruitment")
    assert at_risk.records == [{"kind": "post", "post": "P1"}, {"kind": "funding-line", "line": "L1"}]


def test_post_ending_with_its_money_is_not_at_risk():
    line = _line(certainty=FundingCertainty.TIME_LIMITED, end=date(2026, 3, 31))
    assert _rules(_check([line], [_post(end=date(2026, 3, 31))])) == ["funding.line-ending"]


def test_line_ending_beyond_the_horizon_is_not_yet_reported():
    line = _line(certainty=FundingCertainty.TIME_LIMITED, end=date(2026, 7, 1))
    assert _rules(_check([line], [_post(end=date(2027, 3, 31))])) == []
    assert _rules(_check([line], [_post(end=date(2027, 3, 31))], horizon_months=18)) == [
        "funding.line-ending",
        "funding.post-outlives-funding",
    ]


def test_permanent_post_on_time_limited_money():
    line = _line(certainty=FundingCertainty.BID, end=date(2028, 3, 31))
    findings = _check([line], [_post(contract=ContractType.PERMANENT)])
    assert [(f.rule, f.severity.value) for f in findings if f.rule != "funding.time-limited-share"] == [
        ("funding.permanent-post-on-temporary-money", "medium")
    ]


def test_permanent_post_on_money_ending_soon_is_reported_once_as_at_risk():
    line = _line(certainty=FundingCertainty.TIME_LIMITED, end=date(2025, 12, 31))
    findings = _check([line], [_post(contract=ContractType.PERMANENT)])
    assert _rules(findings) == ["funding.line-ending", "funding.post-outlives-funding"]


def test_posts_that_have_already_ended_are_ignored():
    line = _line(certainty=FundingCertainty.TIME_LIMITED, end=date(2025, 3, 31))
    findings = _check([line], [_post(end=date(2025, 3, 31))])
    assert [(f.rule, f.severity.value) for f in findings] == [("funding.no-current-funding", "info")]


def test_share_of_time_limited_money():
    lines = [
        _line("L1", 60_000),
        _line("L2", 40_000, FundingCertainty.TIME_LIMITED, date(2028, 3, 31)),
        _line("L3", 50_000, FundingCertainty.BID, date(2020, 3, 31), start=date(2019, 4, 1)),
    ]
    share = next(f for f in _check(lines) if f.rule == "funding.time-limited-share")
    assert share.message.startswith("40%")
    assert (share.severity.value, share.factor) == ("medium", "funding")
    assert share.records == [{"kind": "funding-line", "line": "L2"}]


def test_high_share_of_time_limited_money():
    lines = [_line("L1", 10_000), _line("L2", 90_000, FundingCertainty.TIME_LIMITED, date(2028, 3, 31))]
    share = next(f for f in _check(lines) if f.rule == "funding.time-limited-share")
    assert share.severity.value == "high"


def test_no_current_funding_with_posts_is_high():
    findings = _check([], [])
    assert [(f.rule, f.severity.value) for f in findings] == [("funding.no-current-funding", "info")]
    line = _line(end=date(2024, 3, 31))
    findings = _check([line], [_post(end=date(2026, 3, 31))])
    assert [(f.rule, f.severity.value) for f in findings] == [
        ("funding.post-outlives-funding", "high"),
        ("funding.no-current-funding", "high"),
    ]


def test_pooled_money_without_legal_basis():
    findings = _check([_line(mechanism=FundingMechanism.POOLED)])
    assert [(f.rule, f.factor) for f in findings if f.rule != "funding.time-limited-share"] == [
        ("funding.pooled-without-legal-basis", "shared-resources")
    ]
    assert _rules(_check([_line(mechanism=FundingMechanism.POOLED, legal_basis="NHS Act 2006 s75")])) == []


def test_costs_with_no_agreed_payer():
    cost = UnfundedCost("U1", "Interpreting for family meetings", 12_000.0, ("Health", "Social care"))
    findings = _check([_line()], costs=[cost])
    assert [
        (f.rule, f.factor, f.severity.value) for f in findings if f.rule != "funding.time-limited-share"
    ] == [("funding.no-agreed-payer", "funding", "medium")]
    assert "Health, Social care" in findings[-1].message


def test_post_funded_by_an_unknown_line_is_refused():
    with pytest.raises(ValueError, match="unknown lines"):
        FundingRecords((_line(),), (_post(funded_by=("L9",)),))


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 6, 1), 12) == date(2026, 6, 1)
    assert add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)


@given(start=st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 1, 1)), months=st.integers(0, 600))
def test_add_months_lands_in_the_right_month_and_never_earlier(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result >= start
    assert result.day == start.day or result.day < start.day
