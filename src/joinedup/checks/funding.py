"""The funding check: money about to run out under people, permanent posts on temporary money,
how much of the partnership rests on time-limited money, and costs nobody has agreed to pay.

Financial uncertainty and disputes over whose budget pays are the most cited barriers to
integrated working, and short-term money is the usual reason posts stay temporary or empty.
"""

from __future__ import annotations

import calendar
from datetime import date

from joinedup.checks.finding import CheckFinding, RecordRef, Severity
from joinedup.checks.records import ContractType, FundingLine, FundingMechanism, FundingRecords, Post
from joinedup.formatting import long_date, money

CHECK = "funding"


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 = 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _line_ref(line: FundingLine) -> RecordRef:
    return {"kind": "funding-line", "line": line.reference}


def _post_ref(post: Post) -> RecordRef:
    return {"kind": "post", "post": post.reference}


def _outlives(post: Post, line_end: date) -> bool:
    return post.contract is ContractType.PERMANENT or post.end is None or post.end > line_end


def _posts_at_risk(
    records: FundingRecords, today: date, horizon_end: date
) -> tuple[list[CheckFinding], set[str]]:
    """Posts whose contract runs beyond the end of a line paying for them that ends within the
    horizon (or has already ended); returns the findings and the posts they name."""
    findings: list[CheckFinding] = []
    named: set[str] = set()
    for post in records.posts:
        if post.end is not None and post.end < today:
            continue
        ending = [
            line
            for line in (records.line(ref) for ref in post.funded_by)
            if line.end is not None and line.end <= horizon_end and _outlives(post, line.end)
        ]
        if not ending:
            continue
        named.add(post.reference)
        contract = (
            "a permanent contract"
            if post.contract is ContractType.PERMANENT
            else (f"a contract to {long_date(post.end)}" if post.end else "a contract with no end date")
        )
        endings = ", ".join(f"{line.reference} ({line.source}) ends {long_date(line.end)}" for line in ending)
        findings.append(
            CheckFinding(
                CHECK,
                "recruitment",
                Severity.HIGH,
                f"{post.title} ({post.agency}) has {contract} but its money runs out first: {endings}.",
                [_post_ref(post)] + [_line_ref(line) for line in ending],
                rule="funding.post-outlives-funding",
            )
        )
    return findings, named


def _permanent_on_temporary_money(records: FundingRecords, already_named: set[str]) -> list[CheckFinding]:
    findings: list[CheckFinding] = []
    for post in records.posts:
        if post.contract is not ContractType.PERMANENT or post.reference in already_named:
            continue
        temporary = [records.line(ref) for ref in post.funded_by if records.line(ref).is_time_limited]
        if not temporary:
            continue
        findings.append(
            CheckFinding(
                CHECK,
                "recruitment",
                Severity.MEDIUM,
                f"{post.title} ({post.agency}) is permanent but paid from "
                + ", ".join(f"{line.reference} ({line.certainty.value})" for line in temporary)
                + ".",
                [_post_ref(post)] + [_line_ref(line) for line in temporary],
                rule="funding.permanent-post-on-temporary-money",
            )
        )
    return findings


def _lines_ending(records: FundingRecords, today: date, horizon_end: date) -> list[CheckFinding]:
    return [
        CheckFinding(
            CHECK,
            "funding",
            Severity.LOW,
            f"Funding line {line.reference} ({line.source}, {money(line.amount_per_year, 'a year')}) ends on "
            f"{long_date(line.end)}: agree what replaces it.",
            [_line_ref(line)],
            rule="funding.line-ending",
        )
        for line in records.lines
        if line.end is not None and today <= line.end <= horizon_end
    ]


def _time_limited_share(
    records: FundingRecords, today: date, high_share: float, medium_share: float
) -> list[CheckFinding]:
    current = [line for line in records.lines if line.is_current(today)]
    total = sum(line.amount_per_year for line in current)
    if total == 0:
        return [
            CheckFinding(
                CHECK,
                "funding",
                Severity.HIGH
                if any(post.end is None or post.end >= today for post in records.posts)
                else Severity.INFO,
                f"No current funding is recorded for {long_date(today)}.",
                [],
                rule="funding.no-current-funding",
            )
        ]
    temporary = [line for line in current if line.is_time_limited]
    share = sum(line.amount_per_year for line in temporary) / total
    severity = (
        Severity.HIGH if share >= high_share else Severity.MEDIUM if share >= medium_share else Severity.INFO
    )
    return [
        CheckFinding(
            CHECK,
            "funding",
            severity,
            f"{share:.0%} of the partnership's current money ({money(total, 'a year')}) is time-limited or "
            "depends on bids.",
            [_line_ref(line) for line in temporary],
            rule="funding.time-limited-share",
        )
    ]


def _pooled_without_legal_basis(records: FundingRecords) -> list[CheckFinding]:
    return [
        CheckFinding(
            CHECK,
            "shared-resources",
            Severity.MEDIUM,
            f"Funding line {line.reference} ({line.source}) is pooled but records no legal basis "
            "(for example a section 75 agreement or section 10 of the Children Act 2004).",
            [_line_ref(line)],
            rule="funding.pooled-without-legal-basis",
        )
        for line in records.lines
        if line.mechanism is FundingMechanism.POOLED and not line.legal_basis
    ]


def _unfunded_costs(records: FundingRecords) -> list[CheckFinding]:
    findings: list[CheckFinding] = []
    for cost in records.unfunded_costs:
        amount = f" ({money(cost.amount_per_year, 'a year')})" if cost.amount_per_year is not None else ""
        among = f" between {', '.join(cost.agencies)}" if cost.agencies else ""
        findings.append(
            CheckFinding(
                CHECK,
                "funding",
                Severity.MEDIUM,
                f"No payer is agreed{among} for “{cost.description}”{amount}.",
                [{"kind": "unfunded-cost", "cost": cost.reference}],
                rule="funding.no-agreed-payer",
            )
        )
    return findings


def check_funding(
    records: FundingRecords,
    *,
    today: date,
    horizon_months: int = 12,
    high_share: float = 0.5,
    medium_share: float = 0.25,
) -> list[CheckFinding]:
    """Find posts that outlive their money, permanent posts on time-limited money, lines ending
    soon, pooled money without a legal basis, costs with no agreed payer, and the share of
    current money that is time-limited.

    - `horizon_months` (default 12): a line ending within this many months of `today` is
      ending soon; a post whose contract runs past such a line's end is at risk.
    - `high_share` (default 0.5) and `medium_share` (default 0.25): the share of current money
      that is time-limited or bid-dependent is high or medium severity from these shares on;
      below them it is reported for information.
    """
    horizon_end = add_months(today, horizon_months)
    at_risk, named = _posts_at_risk(records, today, horizon_end)
    return (
        at_risk
        + _permanent_on_temporary_money(records, named)
        + _lines_ending(records, today, horizon_end)
        + _time_limited_share(records, today, high_share, medium_share)
        + _pooled_without_legal_basis(records)
        + _unfunded_costs(records)
    )
