"""A statement's pre-rendered radio group is exactly what the template renders.

`{% statement_radios %}` reuses a group's markup rendered once per statement, number and
language (issue 13: rendering the radios was half a question page's server time). These tests
compare it with `survey/_radios.html` rendered in full: nothing checked, each answer checked,
with errors, in English and in Welsh, and a cached group reused for another language.
"""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from joinedup.instrument.translations import translated_instrument
from joinedup.web.survey.forms import FactorPageForm
from joinedup.web.survey.templatetags.survey_radios import statement_radios


def _form(instrument, data=None, initial=None):
    factor = instrument.items[0].factor
    return FactorPageForm(
        data,
        items=instrument.items_for(factor),
        scale=instrument.scale,
        comment_prompt=instrument.comment_prompts.get(factor),
        initial=initial or {},
    )


def _template(group, number):
    return render_to_string("survey/_radios.html", {"group": group, "legend_size": "s", "number": number})


def _groups_match(form):
    for number, group in enumerate(form.statement_groups(), start=1):
        assert str(statement_radios(group, number)) == _template(group, number)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_answer_checked_or_none_gives_the_templates_markup(instrument, language):
    shown = translated_instrument(instrument, language)
    with translation.override(language):
        form = _form(shown)
        _groups_match(form)
        for value in [choice for choice, _label in form.fields[form.items[0].id].choices]:
            checked = _form(shown, initial={item.id: value for item in form.items})
            _groups_match(checked)
            assert f'value="{value}" checked' in str(statement_radios(checked.statement_groups()[0], 1))


@pytest.mark.parametrize("language", ["en", "cy"])
def test_a_group_with_an_error_gives_the_templates_markup(instrument, language):
    shown = translated_instrument(instrument, language)
    with translation.override(language):
        first = shown.items_for(shown.items[0].factor)[0]
        form = _form(shown, data={first.id: "9"})
        assert not form.is_valid()
        _groups_match(form)
        assert "govuk-form-group--error" in str(statement_radios(form.statement_groups()[0], 1))


def test_a_group_cached_in_english_is_not_reused_in_welsh(instrument):
    with translation.override("en"):
        english = str(statement_radios(_form(instrument).statement_groups()[0], 1))
    with translation.override("cy"):
        welsh = str(statement_radios(_form(instrument).statement_groups()[0], 1))
        assert welsh == _template(_form(instrument).statement_groups()[0], 1)
    assert welsh != english
