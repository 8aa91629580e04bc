"""A field's error messages share one element, so its id is unique and what the field points at exists.

A field can carry several errors (a validator and a rule checked by the form, say). One
`<p id="…-error">` per error would repeat the id, and a screen reader would read only the first.
"""

from __future__ import annotations

import re

from django import forms
from django.template.loader import render_to_string

from joinedup.web.govuk_forms import GovukFormMixin


class TwoProblemsForm(GovukFormMixin, forms.Form):
    what = forms.CharField(label="What will be done", help_text="One sentence.")
    agreed = forms.BooleanField(label="The board agreed it")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        self.add_error("what", "Say who will do it")
        self.add_error("what", "Say by when")
        return data


def rendered(form: forms.Form) -> str:
    return "".join(render_to_string("joinedup/field.html", {"field": field}) for field in form)


def test_every_error_of_a_field_is_in_one_message_that_the_field_points_at() -> None:
    form = TwoProblemsForm({"what": "Something"})
    assert not form.is_valid()
    page = rendered(form)

    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), ids
    message = re.search(r'<p class="govuk-error-message" id="id_what-error">(.*?)</p>', page, re.S)
    assert message is not None
    assert "Say who will do it" in message.group(1) and "Say by when" in message.group(1)
    for described in re.findall(r'aria-describedby="([^"]+)"', page):
        assert all(part in ids for part in described.split()), described


def test_a_checkbox_and_a_radio_group_point_at_their_error() -> None:
    form = TwoProblemsForm({"what": "Something"})
    assert not form.is_valid()
    page = rendered(form)

    assert re.search(r'<input[^>]*id="id_agreed"[^>]*aria-describedby="id_agreed-error"', page)
    assert re.search(r'<fieldset[^>]*aria-describedby="[^"]*id_kind-error"', page)
    assert 'id="id_agreed-error"' in page and 'id="id_kind-error"' in page
