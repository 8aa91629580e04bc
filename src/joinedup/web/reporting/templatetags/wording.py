"""Template filters that call `joinedup.formatting`, so pages word things as the reports do.

Registered as a builtin in settings, so every template can use them without `{% load %}`:
`{{ round.closes_on|govuk_date }}`, `{{ line.amount|money:"a year" }}`,
`{{ agencies|length|plural:"agency" }}`, `{{ agency.name|possessive }}`, `{{ code|label }}`,
`{{ moment|govuk_time }}` ("1:08am"), `{{ moment|govuk_datetime }}`, `{{ value|number }}`,
`{{ target.unit|unit }}`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone

from joinedup import formatting

register = template.Library()


def _local(value: date | datetime | None) -> date | datetime | None:
    """An aware date-time in the site's time zone, so "today" is the reader's today."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _local_moment(value: datetime | None) -> datetime | None:
    """A moment in the site's time zone, so a time reads as the clock on the reader's wall."""
    return timezone.localtime(value) if value is not None and timezone.is_aware(value) else value


@register.filter
def govuk_date(value: date | datetime | None, missing: str = "") -> str:
    """ "6 March 2027"; the `missing` text when there is no date."""
    return formatting.long_date(_local(value), missing)


@register.filter
def govuk_time(value: datetime | None) -> str:
    """ "1:08am", in the site's time zone."""
    return formatting.time_of_day(_local_moment(value))


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """ "7 December 2026 at 1:09am", in the site's time zone."""
    return formatting.date_and_time(_local_moment(value))


@register.filter
def number(value: int | float | Decimal | None) -> str:
    """ "19" for 19.0, "2.5" for 2.50."""
    return formatting.number(value)


@register.filter
def unit(text: str | None) -> str:
    """ "%" for a unit typed "percent"."""
    return formatting.unit(text)


@register.filter
def month_year(value: date | datetime | None) -> str:
    return formatting.month_year(_local(value))


@register.filter
def money(value: int | float | Decimal | None, per: str = "") -> str:
    """ "£310,000", or "£310,000 a year" with `per`."""
    return formatting.money(value, per or None)


@register.filter
def plural(count: int, nouns: str) -> str:
    """ "8 agencies" from `8|plural:"agency"`; an irregular plural after a comma: `"person,people"`."""
    singular, _, plural_form = nouns.partition(",")
    return formatting.plural(int(count), singular, plural_form or None)


@register.filter
def possessive(name: str) -> str:
    return formatting.possessive(str(name))


@register.filter
def label(code: str | None) -> str:
    return formatting.label(code)
