from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from joinedup.findings import ActionPlanItem, validate_action
from joinedup.web.govuk_forms import GovukDateField, GovukFormMixin
from joinedup.web.partnerships.models import Agency, Partnership


class AcceptRecommendationForm(GovukFormMixin, forms.Form):
    """A recommendation turned into an action: SMART rules come from the core, errors land on their field."""

    what = forms.CharField(
        label="What will be done",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=300,
        error_messages={
            "required": "Say what will be done",
            "max_length": "Keep it to 300 characters or fewer",
        },
    )
    owner = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Agency.objects.none(),
        empty_label="Choose an agency",
        error_messages={
            "required": "Choose the agency that owns the action",
            "invalid_choice": "Choose an agency",
        },
    )
    due = GovukDateField(
        label="Due date",
        subject="The due date",
        error_messages={"required": "Give a due date"},
    )
    success_measure = forms.CharField(
        label="How will you know it worked?",
        help_text="A measure of success, for example 'attendance at the board by every agency above 80%'.",
        max_length=300,
        error_messages={"required": "Say how the partnership will know the action worked"},
    )

    def __init__(self, *args: Any, partnership: Partnership, factor: str, today: date, **kwargs: Any) -> None:
        self.partnership, self.factor, self.today = partnership, factor, today
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = partnership.agencies.all()

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if self.errors:
            return data
        action = ActionPlanItem(
            reference="",
            what=data["what"],
            owner=data["owner"].name,
            due=data["due"],
            success_measure=data["success_measure"],
            factor=self.factor,
        )
        agencies = list(self.partnership.agencies.values_list("name", flat=True))
        for problem in validate_action(action, agencies=agencies, today=self.today):
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
        return data


class SetAsideForm(GovukFormMixin, forms.Form):
    """Why a recommendation is set aside: read at the next review, when the finding comes back."""

    reason = forms.CharField(
        label="Why are you setting it aside?",
        help_text="For example, 'already covered by the council's early help strategy'. "
        "It is kept with the decision and shown on the dashboard.",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why you are setting the recommendation aside",
            "max_length": "The reason must be 300 characters or fewer",
        },
    )
