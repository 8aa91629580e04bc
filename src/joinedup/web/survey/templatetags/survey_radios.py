"""`{% statement_radios group number %}`: a statement's radio group, rendered once and reused.

Each question page shows a factor's statements, each with six radios; rendering them through
the template was about half the page's server time (docs/performance.md). The markup of a
group depends only on its statement, number, options and language until an answer is checked
or an error shown, so it is rendered from `survey/_radios.html` once per process for each such
key and reused; the respondent's answer is marked by adding `checked` to that radio's input.
A group with an error or a hint is rendered in full every time, as is any group whose input
the marking cannot find, so the markup is always the template's (tests compare the two).
"""

from __future__ import annotations

from dataclasses import replace

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from joinedup.web.survey.forms import RadioGroup

register = template.Library()

TEMPLATE = "survey/_radios.html"
LEGEND_SIZE = "s"

_Key = tuple[str | None, str, str, str, int, tuple[tuple[str, str, str, str, bool], ...]]


_UNANSWERED: dict[_Key, str] = {}
_MOST_KEPT = 4096
"""Statements × numbers × languages of the instruments in use; far fewer in practice."""


def _full(group: RadioGroup, number: int) -> SafeString:
    context = {"group": group, "legend_size": LEGEND_SIZE, "number": number}
    return mark_safe(render_to_string(TEMPLATE, context))  # noqa: S308 (the template escapes)


def _unanswered(key: _Key, group: RadioGroup, number: int) -> str:
    """The group with nothing checked; `key` holds everything that markup depends on."""
    html = _UNANSWERED.get(key)
    if html is None:
        if len(_UNANSWERED) >= _MOST_KEPT:
            _UNANSWERED.clear()
        unchecked = replace(group, options=[replace(option, checked=False) for option in group.options])
        html = _UNANSWERED[key] = _full(unchecked, number)
    return html


def input_start(group: RadioGroup, option_index: int) -> str:
    """The start of an option's `<input>` tag, unique in a page: `checked` goes after it."""
    option = group.options[option_index]
    return (
        f'id="{escape(option.id)}" name="{escape(group.field.html_name)}" type="radio" '
        f'value="{escape(option.value)}"'
    )


@register.simple_tag
def statement_radios(group: RadioGroup, number: int) -> SafeString:
    """The markup `{% include "survey/_radios.html" with legend_size="s" number=number %}` gives."""
    field = group.field
    if field.errors or field.help_text:
        return _full(group, number)
    key: _Key = (
        get_language(),
        field.auto_id or "",
        field.html_name,
        str(field.label),
        number,
        tuple((o.id, o.value, o.label, o.hint, o.divider_before) for o in group.options),
    )
    html = _unanswered(key, group, number)
    checked = [index for index, option in enumerate(group.options) if option.checked]
    if not checked:
        return mark_safe(html)  # noqa: S308 (rendered by the template, which escapes)
    marker = input_start(group, checked[0])
    if html.count(marker) != 1:
        return _full(group, number)
    return mark_safe(html.replace(marker, f"{marker} checked"))  # noqa: S308 (the template escaped it)
