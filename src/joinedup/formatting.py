"""One place that turns values into the words people read, in pages and in every report format.

GOV.UK style: dates as "6 March 2027" (no leading zero, the month in full), money with a pound
sign and thousands separators ("£310,000 a year"), counts with the right plural ("1 agency",
"8 agencies"), possessives that do not add "'s" to a plural ("Schools' attendance"), and labels in
place of the codes the data uses ("Chief officer or director", not "chief-officer"). Pages, the
PDF, the HTML report and the spreadsheet all call these functions, so they cannot drift apart.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import cache

from joinedup.evidence import CONFIDENCE_LABELS, load_evidence_base
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.instrument.reference import load_agency_list, load_role_group_list

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

STATUS_LABELS = {
    "not-started": "Not started",
    "in-progress": "In progress",
    "done": "Done",
    "dropped": "Dropped",
    "draft": "Being prepared",
    "open": "Open",
    "closed": "Closed",
    "queued": "Waiting to start",
    "running": "Being built",
    "failed": "Could not be built",
}
"""Status codes of actions, rounds and report builds, as people say them."""

FINDING_KINDS = {
    "band": "where its score falls",
    "concern": "a concern",
    "decline": "a fall since the last round",
    "structure": "what the records show",
    "divergence": "agencies see it differently",
    "voice": "who did not answer",
    "unclear": "unclear",
    "uncertainty": "not yet settled",
    "reliability": "how reliable the measure is",
    "strength": "a strength",
}
"""Kinds of finding, named in a "kind:factor" reference, as a phrase."""

_IRREGULAR = {"person": "people", "child": "children", "staff": "staff"}


def long_date(value: date | datetime | None, missing: str = "") -> str:
    """GOV.UK date style: "6 March 2027". No leading zero, so screen and PDF read the same."""
    if value is None:
        return missing
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def month_year(value: date | datetime | None, missing: str = "") -> str:
    """A month and year in full, "March 2027", for dates that only matter to the month."""
    if value is None:
        return missing
    return f"{MONTHS[value.month - 1]} {value.year}"


def time_of_day(value: datetime | None, missing: str = "") -> str:
    """GOV.UK time style: "1:08am", "9am", "5:30pm", "midday", "midnight" (never "1:08 a.m." or "01:08")."""
    if value is None:
        return missing
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    minutes = f":{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes}{'am' if value.hour < 12 else 'pm'}"


def date_and_time(value: datetime | None, missing: str = "") -> str:
    """A moment as GOV.UK words it: "7 December 2026 at 1:09am"."""
    if value is None:
        return missing
    return f"{long_date(value)} at {time_of_day(value)}"


def number(value: int | float | Decimal | None, missing: str = "") -> str:
    """A figure without needless decimals: 19.0 reads "19", 2.50 reads "2.5", 1200 reads "1,200"."""
    if value is None:
        return missing
    figure = Decimal(str(value))
    if figure == figure.to_integral_value():
        return f"{figure:,.0f}"
    return f"{figure.normalize():,f}"


PER_CENT = frozenset({"percent", "per cent", "percentage", "%", "pc"})
"""How people type a percentage unit; GOV.UK style writes it "%"."""


def unit(text: str | None) -> str:
    """A target's unit as people read it: "%" for "percent" and its spellings, otherwise as typed."""
    if not text:
        return ""
    return "%" if text.strip().lower() in PER_CENT else text.strip()


def money(amount: int | float | Decimal | None, per: str | None = None, missing: str = "Not stated") -> str:
    """Pounds with thousands separators and pence only when there are pence: "£310,000 a year"."""
    if amount is None:
        return missing
    value = Decimal(str(amount))
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = value == value.to_integral_value()
    figure = f"{value:,.0f}" if whole else f"{value:,.2f}"
    return f"{sign}£{figure}" + (f" {per}" if per else "")


def plural_noun(singular: str) -> str:
    """The plural of an English noun: agency → agencies, box → boxes, school → schools."""
    lower = singular.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if re.search(r"[^aeiou]y$", lower):
        return singular[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", lower):
        return singular + "es"
    return singular + "s"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """A count with its noun: "1 agency", "8 agencies", "1,200 responses"."""
    noun = singular if count == 1 else (plural_form or plural_noun(singular))
    return f"{count:,} {noun}"


def possessive(name: str) -> str:
    """ "Schools'" for a name ending in s, "Police's" otherwise; never "Schools's"."""
    name = name.rstrip()
    if not name:
        return name
    return f"{name}'" if name.endswith(("s", "S")) else f"{name}'s"


@cache
def _labels() -> dict[str, str]:
    """Every code the data files define, with the name people read."""
    agencies = load_agency_list()
    roles = load_role_group_list()
    labels: dict[str, str] = {}
    for group in [*agencies.coarse_groups, *roles.coarse_groups]:
        labels[group.id] = group.name
    for agency_type in agencies.agency_types:
        labels[agency_type.id] = agency_type.name
    for role_group in roles.role_groups:
        labels[role_group.id] = role_group.name
    evidence = load_evidence_base()
    for factor_id in FACTOR_IDS:
        labels[factor_id] = evidence.factor(factor_id).name
    labels.update(STATUS_LABELS)
    labels.update({level.value: name for level, name in CONFIDENCE_LABELS.items()})
    return labels


def _record_words(record: str) -> str:
    """A finding key's record part ("T2/2026-09-07/None") in words ("T2, 7 September 2026")."""
    words = []
    for part in record.split("/"):
        if part in {"", "None"}:
            continue
        is_date = re.fullmatch(r"\d{4}-\d{2}-\d{2}", part)
        words.append(long_date(date.fromisoformat(part)) if is_date else part)
    return ", ".join(words)


def known_codes() -> frozenset[str]:
    """Every code with a label: what must never reach a page or report as it is."""
    return frozenset(_labels())


def label(code: str | None, missing: str = "Not stated") -> str:
    """The name for a role group, agency type, factor, status, evidence confidence level or
    "kind:factor" finding code."""
    if not code:
        return missing
    labels = _labels()
    if code in labels:
        return labels[code]
    if code.startswith("check:"):
        parts = code.split(":", 3)
        check = parts[1]
        rule = parts[2] if len(parts) > 2 else ""
        record = parts[3] if len(parts) > 3 else ""
        about = f" ({_record_words(record)})" if record else ""
        return f"The {check} check: {rule.replace('-', ' ')}{about}" if rule else f"The {check} check"
    kind, _, factor = code.partition(":")
    if factor and factor in labels:
        return f"{labels[factor]}: {FINDING_KINDS.get(kind, kind.replace('-', ' '))}"
    return code.replace("-", " ").replace("_", " ").capitalize()


def suppressed_phrase() -> str:
    """What a reader sees where a small group's figures are held back, instead of "missing"."""
    return "Not shown: fewer than 5 people answered, so they could be identified"
