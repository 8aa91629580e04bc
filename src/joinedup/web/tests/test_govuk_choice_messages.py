"""A tampered or out-of-date choice gets a GOV.UK message, not Django's "Select a valid choice.
That choice is not one of the available choices." (issue 14 review)."""

from __future__ import annotations

import pytest
from django import forms

from joinedup.web.govuk_forms import INVALID_CHOICE, GovukFormMixin
from joinedup.web.partnerships.models import Agency


class ChoicesForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    several = forms.MultipleChoiceField(choices=[("a", "A")])
    own = forms.ChoiceField(choices=[("a", "A")], error_messages={"invalid_choice": "Select a colour"})


def test_choice_fields_get_the_govuk_message_unless_the_form_chose_its_own() -> None:
    form = ChoicesForm({"kind": "z", "several": ["z"], "own": "z"})
    assert not form.is_valid()
    assert form.errors["kind"] == [INVALID_CHOICE]
    assert form.errors["several"] == [INVALID_CHOICE]
    assert form.errors["own"] == ["Select a colour"]


@pytest.mark.django_db
def test_a_model_choice_tampered_with_gets_the_govuk_message() -> None:
    class AgencyForm(GovukFormMixin, forms.Form):
        agency = forms.ModelChoiceField(queryset=Agency.objects.none())

    form = AgencyForm({"agency": "999"})
    assert not form.is_valid()
    assert form.errors["agency"] == [INVALID_CHOICE]
