"""The correction and lesson forms, styled for the GOV.UK Design System."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from joinedup.web.govuk_forms import GovukDateField, GovukFormMixin, choice_field, model_choice_field
from joinedup.web.partnerships.models import Agency, Partnership

from .factors import factor_names

NONE_OF_THEM = "none"
LESSON_MAX_LENGTH = 2000


class CorrectionForm(GovukFormMixin, forms.Form):
    """The factors a text is about, or an explicit "none of them": an empty form is a slip, not a verdict."""

    factors = forms.MultipleChoiceField(
        label="Which factors is this about?",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the factors this is about, or select ‘None of these factors’"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [*factor_names().items(), (NONE_OF_THEM, "None of these factors")]
        choice_field(self, "factors").choices = choices

    def clean_factors(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["factors"]
        if NONE_OF_THEM in chosen and len(chosen) > 1:
            raise forms.ValidationError("Select factors or ‘None of these factors’, not both")
        return [factor for factor in chosen if factor != NONE_OF_THEM]


class LessonForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="What was learnt?",
        help_text="Describe what happened and what the partnership would do again or differently. "
        "Do not name children, families or colleagues.",
        max_length=LESSON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what was learnt",
            "max_length": f"What was learnt must be {LESSON_MAX_LENGTH} characters or fewer",
        },
    )
    recorded_on = GovukDateField(
        label="Date of the lesson",
        subject="The date of the lesson",
        help_text="Such as the date of the meeting or review where it was agreed.",
        error_messages={"required": "Enter the date of the lesson"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        help_text="The agency the lesson is mostly about, if any.",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No particular agency",
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "agency").queryset = partnership.agencies.all()
        self.fields["recorded_on"].initial = timezone.localdate()

    def clean_recorded_on(self) -> Any:
        recorded_on = self.cleaned_data["recorded_on"]
        if recorded_on > timezone.localdate():
            raise forms.ValidationError("The date of the lesson must be today or in the past")
        return recorded_on
