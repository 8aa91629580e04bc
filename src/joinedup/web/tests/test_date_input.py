"""The GOV.UK date input: three boxes, a message naming the part at fault, and only that box outlined."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django import forms
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from joinedup.web.govuk_forms import DATE_PARTS, GovukDateField, GovukFormMixin
from joinedup.web.partnerships.forms import RoundForm
from joinedup.web.partnerships.tests.builders import make_partnership, make_round
from joinedup.web.tests.dates import date_boxes


class ClosingForm(GovukFormMixin, forms.Form):
    closes = GovukDateField(label="Closes on", subject="The closing date")
    review = GovukDateField(label="Review date (optional)", required=False)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("closes") == date(2026, 12, 25):
            self.add_error("closes", "The closing date cannot be Christmas Day")
        return data


def typed(day: str, month: str, year: str, name: str = "closes") -> ClosingForm:
    return ClosingForm({f"{name}-day": day, f"{name}-month": month, f"{name}-year": year})


def problem(form: ClosingForm, name: str = "closes") -> tuple[str, tuple[str, ...]]:
    assert not form.is_valid()
    (error,) = form.errors.as_data()[name]
    assert isinstance(error.params, dict)
    return error.messages[0], error.params["parts"]


def page(form: ClosingForm) -> str:
    summary = render_to_string("joinedup/error_summary.html", {"form": form})
    return summary + "".join(render_to_string("joinedup/field.html", {"field": field}) for field in form)


def outlined(html: str) -> set[str]:
    return set(re.findall(r'class="[^"]*govuk-input--error[^"]*" id="id_closes-(\w+)"', html))


@given(st.text(max_size=6), st.text(max_size=6), st.text(max_size=6))
def test_any_typing_gives_a_real_date_or_a_message_naming_the_parts_at_fault(day, month, year) -> None:
    form = typed(day, month, year)
    if form.is_valid():
        assert isinstance(form.cleaned_data["closes"], date)
        return
    message, parts = problem(form)
    assert parts and set(parts) <= set(DATE_PARTS)
    assert message.startswith(("The closing date must", "Enter the closing date"))


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_real_date_typed_without_leading_zeros_is_read_back(when: date) -> None:
    form = ClosingForm(date_boxes("closes", when))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["closes"] == when


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("29", "2", "2024", date(2024, 2, 29)),
        ("29", "02", "2000", date(2000, 2, 29)),
        (" 7 ", "Mar", "2026", date(2026, 3, 7)),
        ("31", "december", "2026", date(2026, 12, 31)),
    ],
)
def test_real_dates_are_read_including_leap_days_and_month_names(day, month, year, expected) -> None:
    form = typed(day, month, year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["closes"] == expected


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "parts"),
    [
        ("29", "2", "2025", "The closing date must be a real date", ("day",)),
        ("29", "2", "1900", "The closing date must be a real date", ("day",)),
        ("31", "4", "2026", "The closing date must be a real date", ("day",)),
        ("27", "13", "2026", "The closing date must be a real date", ("month",)),
        ("0", "3", "2026", "The closing date must be a real date", ("day",)),
        ("x", "y", "2026", "The closing date must be a real date", ("day", "month")),
        ("27", "3", "26", "The closing date must include a year with 4 numbers", ("year",)),
        ("27", "3", "0000", "The closing date must be a real date", ("year",)),
        ("27", "", "2026", "The closing date must include a month", ("month",)),
        ("", "3", "2026", "The closing date must include a day", ("day",)),
        ("27", "3", "", "The closing date must include a year", ("year",)),
        ("", "", "2026", "The closing date must include a day and month", ("day", "month")),
        ("", "", "", "Enter the closing date", DATE_PARTS),
    ],
)
def test_the_message_names_what_is_wrong_and_the_parts_to_outline(day, month, year, message, parts) -> None:
    assert problem(typed(day, month, year)) == (message, parts)


def test_an_optional_date_left_empty_is_none_but_a_half_typed_one_is_refused() -> None:
    empty = ClosingForm({**date_boxes("closes", "2026-03-27"), "review-day": "", "review-month": ""})
    half = ClosingForm({**date_boxes("closes", "2026-03-27"), "review-month": "4"})

    assert empty.is_valid() and empty.cleaned_data["review"] is None
    assert problem(half, "review") == ("Review date (optional) must include a day and year", ("day", "year"))


def test_the_summary_links_to_the_box_at_fault_and_only_that_box_is_outlined() -> None:
    html = page(typed("27", "", "2026"))

    assert '<a href="#id_closes-month">The closing date must include a month</a>' in html
    assert outlined(html) == {"month"}
    assert 'aria-describedby="id_closes-hint id_closes-error"' in html


def test_an_error_about_the_whole_date_outlines_all_three_and_links_to_the_day() -> None:
    html = page(ClosingForm(date_boxes("closes", "2026-12-25")))

    assert '<a href="#id_closes-day">The closing date cannot be Christmas Day</a>' in html
    assert outlined(html) == set(DATE_PARTS)


def test_the_boxes_follow_the_govuk_pattern_and_keep_what_was_typed() -> None:
    html = page(typed("31", "2", "2026"))

    assert '<legend class="govuk-fieldset__legend">Closes on</legend>' in html
    assert re.search(r'<div class="govuk-hint" id="id_closes-hint">For example, 27 3 \d{4}</div>', html)
    for part, width, value in (("day", 2, "31"), ("month", 2, "2"), ("year", 4, "2026")):
        assert f'<label class="govuk-label govuk-date-input__label" for="id_closes-{part}">' in html
        box = re.search(rf'<input class="([^"]*)" id="id_closes-{part}" name="closes-{part}" ([^>]*)>', html)
        assert box is not None
        assert f"govuk-date-input__input govuk-input--width-{width}" in box.group(1)
        assert 'type="text" inputmode="numeric"' in box.group(2) and f'value="{value}"' in box.group(2)
    assert " required" not in html


@pytest.mark.django_db
def test_a_round_being_edited_shows_its_dates_in_the_boxes_and_knows_what_changed() -> None:
    a_round = make_round(make_partnership())
    unchanged = {
        "name": a_round.name,
        **date_boxes("opens_on", a_round.opens_on),
        "closes_on-day": f"0{a_round.closes_on.day}"[-2:],
        "closes_on-month": f"0{a_round.closes_on.month}",
        "closes_on-year": str(a_round.closes_on.year),
        "instrument_version": a_round.instrument_version,
        "min_group_size": a_round.min_group_size,
    }

    html = render_to_string(
        "joinedup/field.html",
        {"field": RoundForm(instance=a_round, partnership=a_round.partnership)["opens_on"]},
    )
    same = RoundForm(unchanged, instance=a_round, partnership=a_round.partnership)
    moved = RoundForm(
        {**unchanged, **date_boxes("closes_on", "2026-04-30")},
        instance=a_round,
        partnership=a_round.partnership,
    )

    for part, value in zip(DATE_PARTS, (1, 3, 2026), strict=True):
        assert (
            f'id="id_opens_on-{part}" name="opens_on-{part}" type="text" inputmode="numeric" value="{value}"'
            in html
        )
    assert same.is_valid() and not {"opens_on", "closes_on"} & set(same.changed_data)
    assert moved.is_valid() and "closes_on" in moved.changed_data and "opens_on" not in moved.changed_data
