"""The words people read: dates, money, plurals, possessives and labels, one way everywhere."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from joinedup.formatting import (
    MONTHS,
    date_and_time,
    known_codes,
    label,
    long_date,
    money,
    month_year,
    number,
    plural,
    possessive,
    time_of_day,
    unit,
)
from joinedup.instrument.reference import load_agency_list, load_role_group_list


@given(st.dates())
def test_a_date_reads_day_month_year_with_no_leading_zero(day: date) -> None:
    text = long_date(day)
    number, month, year = text.split(" ")
    assert not number.startswith("0")
    assert int(number) == day.day
    assert MONTHS.index(month) + 1 == day.month
    assert int(year) == day.year
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_the_examples_from_the_style_guide() -> None:
    assert long_date(date(2027, 3, 6)) == "6 March 2027"
    assert long_date(datetime(2027, 3, 31, 23, 59)) == "31 March 2027"
    assert long_date(None, "No end date") == "No end date"
    assert month_year(date(2027, 3, 6)) == "March 2027"


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_pounds_read_back_to_the_same_amount(amount: int) -> None:
    text = money(amount)
    assert re.fullmatch(r"-?£\d{1,3}(,\d{3})*", text)
    assert int(text.replace("£", "").replace(",", "")) == amount


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_pounds_and_pence_read_back_to_the_same_amount(amount: Decimal) -> None:
    text = money(amount)
    assert text.startswith("£")
    assert Decimal(text[1:].replace(",", "")) == amount


def test_money_with_a_period() -> None:
    assert money(310000, "a year") == "£310,000 a year"
    assert money(Decimal("1250.50")) == "£1,250.50"
    assert money(None) == "Not stated"


def test_plurals() -> None:
    assert plural(1, "agency") == "1 agency"
    assert plural(8, "agency") == "8 agencies"
    assert plural(0, "agency") == "0 agencies"
    assert plural(2, "day") == "2 days"
    assert plural(3, "box") == "3 boxes"
    assert plural(2, "person") == "2 people"
    assert plural(1200, "response") == "1,200 responses"
    assert plural(2, "criterion", "criteria") == "2 criteria"


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from(["agency", "school", "response", "match"]))
def test_no_plural_is_ever_agencys(count: int, noun: str) -> None:
    text = plural(count, noun)
    assert "agencys" not in text and "matchs" not in text
    assert text.endswith(noun) == (count == 1)


def test_possessives() -> None:
    assert possessive("Schools") == "Schools'"
    assert possessive("Police") == "Police's"
    assert possessive("Children's social work") == "Children's social work's"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1).filter(str.strip))
def test_a_possessive_never_reads_s_apostrophe_s(name: str) -> None:
    assert "s's" not in possessive(name)


def test_every_code_in_the_data_files_has_a_label_that_is_not_a_code() -> None:
    ids = {a.id for a in load_agency_list().agency_types} | {r.id for r in load_role_group_list().role_groups}
    assert ids <= known_codes()
    for code in known_codes():
        assert label(code) != code
        assert label(code) not in known_codes()
    assert label("chief-officer") == "Chief officer or director"
    assert label("designated-safeguarding-lead") == "Designated safeguarding lead"
    assert label("in-progress") == "In progress"


def test_a_finding_reference_reads_as_words() -> None:
    text = label("divergence:communication")
    assert "divergence" not in text and ":communication" not in text
    assert text.startswith("Communication")
    assert label(None) == "Not stated"


def test_a_check_finding_key_reads_as_words() -> None:
    assert label("check:targets:partners-disagree:T2/2026-09-07/None") == (
        "The targets check: partners disagree (T2, 7 September 2026)"
    )
    assert label("check:roles") == "The roles check"


def test_times_read_as_govuk_writes_them() -> None:
    """The review found "until 1:08 a.m." and "7 Dec 2026, 01:09"."""
    assert time_of_day(datetime(2026, 12, 8, 1, 8)) == "1:08am"
    assert time_of_day(datetime(2026, 12, 8, 17, 30)) == "5:30pm"
    assert time_of_day(datetime(2026, 12, 8, 9, 0)) == "9am"
    assert time_of_day(datetime(2026, 12, 8, 12, 0)) == "midday"
    assert time_of_day(datetime(2026, 12, 8, 0, 0)) == "midnight"
    assert date_and_time(datetime(2026, 12, 7, 1, 9)) == "7 December 2026 at 1:09am"


@given(st.decimals(min_value=-10**9, max_value=10**9, allow_nan=False, places=3))
def test_a_number_reads_back_to_the_same_value_with_no_needless_decimals(value: Decimal) -> None:
    text = number(value)
    assert Decimal(text.replace(",", "")) == value
    assert not re.search(r"\.\d*0$", text)
    assert number(19.0) == "19"


def test_a_percentage_unit_reads_as_a_sign() -> None:
    assert unit("percent") == unit("per cent") == unit(" Percent ") == "%"
    assert unit("days") == "days"
    assert unit("") == ""


def test_confidence_levels_are_codes_with_labels() -> None:
    """The review found "very-low" on the dashboard and in the workbook's Findings sheet."""
    assert "very-low" in known_codes()
    assert label("very-low") == "Very low"
