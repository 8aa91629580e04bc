"""The survey's forms: who you are (in broad groups only), one page of statements, the final send.

Their words go through gettext when a form is made, inside the survey view that has switched to
the respondent's language, so Welsh respondents read Welsh labels and error messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from joinedup.instrument.model import Item, Scale
from joinedup.instrument.reference import RoleGroup
from joinedup.instrument.responses import DONT_KNOW, DONT_KNOW_CODE
from joinedup.web.govuk_forms import GovukFormMixin, offered_choices
from joinedup.web.partnerships.models import Agency

COMMENT_MAX_LENGTH = 2000
COMMENT_FIELD = "comment"


@dataclass(frozen=True)
class RadioOption:
    id: str
    value: str
    label: str
    hint: str
    checked: bool
    divider_before: bool


@dataclass(frozen=True)
class RadioGroup:
    """A radio question ready for `survey/_radios.html`, which adds hints and an "or" divider."""

    field: forms.BoundField
    options: list[RadioOption]


def radio_group(
    field: forms.BoundField, *, hints: Mapping[str, str] | None = None, divider_before: str | None = None
) -> RadioGroup:
    """The first option's id is `<auto_id>_0`, the target of the error summary's link."""
    current = "" if field.value() is None else str(field.value())
    own = field.field
    if not isinstance(own, forms.ChoiceField):
        raise TypeError(f"{field.name} is a {type(own).__name__}, not a choice field")
    choices = offered_choices(own)
    options = [
        RadioOption(
            id=f"{field.auto_id}_{index}",
            value=str(value),
            label=str(label),
            hint=(hints or {}).get(str(value), ""),
            checked=str(value) == current,
            divider_before=str(value) == divider_before,
        )
        for index, (value, label) in enumerate(choices)
    ]
    return RadioGroup(field=field, options=options)


class AboutYouForm(GovukFormMixin, forms.Form):
    """Asks the agency only when the invitation link does not already name it."""

    def __init__(
        self, *args: Any, agencies: Sequence[Agency] | None, role_groups: Sequence[RoleGroup], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"] = forms.TypedChoiceField(
                label=_("Which agency do you work for?"),
                choices=[(a.pk, a.name) for a in agencies],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Select the agency you work for"),
                    "invalid_choice": _("Select one of the agencies listed"),
                },
            )
        self.role_hints = {group.id: group.examples for group in role_groups}
        self.fields["role_group"] = forms.ChoiceField(
            label=_("Which of these best describes your role?"),
            help_text=_(
                "Choose the nearest group. We do not ask your job title, so nobody can be picked out."
            ),
            choices=[(group.id, group.name) for group in role_groups],
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Select the group that best describes your role"),
                "invalid_choice": _("Select one of the role groups listed"),
            },
        )

    def radio_groups(self) -> list[RadioGroup]:
        groups = [radio_group(self["agency"])] if "agency" in self.fields else []
        return [*groups, radio_group(self["role_group"], hints=self.role_hints)]


def answer_choices(scale: Scale) -> list[tuple[str, str]]:
    return [(str(point), label) for point, label in sorted(scale.labels.items())] + [
        (DONT_KNOW_CODE, scale.dont_know)
    ]


class FactorPageForm(GovukFormMixin, forms.Form):
    """Every statement of one factor, each required, and the factor's optional comment."""

    def __init__(
        self, *args: Any, items: Sequence[Item], scale: Scale, comment_prompt: str | None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        self.scale, self.comment_prompt = scale, comment_prompt
        choices = answer_choices(scale)
        for number, item in enumerate(self.items, start=1):
            self.fields[item.id] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Statement %(number)s: select how far you agree, or ‘%(dont_know)s’")
                    % {"number": number, "dont_know": scale.dont_know},
                    "invalid_choice": _("Statement %(number)s: select one of the answers listed")
                    % {"number": number},
                },
            )
        if comment_prompt:
            self.fields[COMMENT_FIELD] = forms.CharField(
                label=comment_prompt,
                help_text=_("Optional. Please do not name anyone: other partners may read comments."),
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 4}),
                error_messages={
                    "max_length": _("The comment must be %(limit)s characters or fewer")
                    % {"limit": f"{COMMENT_MAX_LENGTH:,}"}
                },
            )

    def statement_groups(self) -> list[RadioGroup]:
        return [radio_group(self[item.id], divider_before=DONT_KNOW_CODE) for item in self.items]

    def comment_field(self) -> forms.BoundField | None:
        return self[COMMENT_FIELD] if COMMENT_FIELD in self.fields else None

    def answers(self) -> dict[str, int]:
        """Don't know is stored as 0, kept off the 1–5 scale so it never enters a mean."""
        return {
            item.id: int(DONT_KNOW)
            if self.cleaned_data[item.id] == DONT_KNOW_CODE
            else int(self.cleaned_data[item.id])
            for item in self.items
        }

    @staticmethod
    def initial_for(answers: dict[str, int], items: Sequence[Item], comment: str) -> dict[str, str]:
        initial = {
            item.id: DONT_KNOW_CODE if answers[item.id] == int(DONT_KNOW) else str(answers[item.id])
            for item in items
            if item.id in answers
        }
        if comment:
            initial[COMMENT_FIELD] = comment
        return initial


class SendForm(forms.Form):
    """Carries the key made at the start, so a repeated send is recognised and stored once."""

    idempotency_key = forms.CharField(max_length=64, widget=forms.HiddenInput)
