from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.utils.text import slugify

from joinedup.io.agency_names import agency_key
from joinedup.web.govuk_forms import GovukDateField, GovukFormMixin

from .models import Agency, Partnership, Role, Round, parse_reminder_days


class PartnershipForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "nation", "description", "survey_in_welsh"]
        labels = {
            "name": "Partnership name",
            "nation": "Nation",
            "description": "Description (optional)",
            # A checkbox shows no hint, so the label says what Wales gets regardless.
            "survey_in_welsh": "Offer the self-assessment in Welsh (Cymraeg) too: "
            "partnerships in Wales always do",
        }
        help_texts = {"name": "For example, North Ayrshire Children's Services Partnership"}
        widgets = {"nation": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "Enter the partnership's name"}}

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not slugify(name):
            raise forms.ValidationError("Enter a name with at least one letter or number")
        clash = Partnership.objects.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("There is already a partnership with that name. Choose another name")
        return name


AGENCY_NAME_EXAMPLES = {
    "scotland": "Health visiting (NHS Ayrshire & Arran)",
    "england": "Health visiting (Leeds Community Healthcare NHS Trust)",
    "wales": "Health visiting (Betsi Cadwaladr University Health Board)",
    "northern-ireland": "Health visiting (Belfast Health and Social Care Trust)",
}
"""An agency name in each nation's own terms: a Welsh coordinator is not shown a Scottish board."""


class AgencyForm(GovukFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        self.partnership = partnership
        super().__init__(*args, **kwargs)
        example = AGENCY_NAME_EXAMPLES.get(partnership.nation, AGENCY_NAME_EXAMPLES["scotland"])
        self.fields["name"].help_text = f"As partners will recognise it, for example '{example}'"
        from joinedup.instrument.reference import load_agency_types

        types = load_agency_types(partnership.nation)
        self._coarse = {t.id: t.coarse_group for t in types}
        self.fields["agency_type"] = forms.ChoiceField(
            label="Type of agency",
            choices=[("", "Choose a type")] + [(t.id, t.name) for t in types],
            error_messages={
                "required": "Choose the type of agency",
                "invalid_choice": "Choose a type from the list",
            },
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )

    class Meta:
        model = Agency
        fields = ["name", "agency_type"]
        labels = {"name": "Agency name"}
        error_messages = {"name": {"required": "Enter the agency's name"}}

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        others = Agency.objects.filter(partnership=self.partnership).exclude(pk=self.instance.pk)
        if any(agency_key(other) == agency_key(name) for other in others.values_list("name", flat=True)):
            raise forms.ValidationError("This partnership already has an agency with that name")
        return name

    def save(self, commit: bool = True) -> Agency:
        agency: Agency = super().save(commit=False)
        agency.partnership = self.partnership
        agency.coarse_group = self._coarse.get(agency.agency_type, "")
        if commit:
            agency.save()
        return agency


class RoundForm(GovukFormMixin, forms.ModelForm):
    opens_on = GovukDateField(
        label="Opens on",
        subject="The opening date",
        error_messages={"required": "Enter the date the round opens"},
    )
    closes_on = GovukDateField(
        label="Closes on",
        subject="The closing date",
        error_messages={"required": "Enter the date the round closes"},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        self.partnership = partnership
        super().__init__(*args, **kwargs)
        from joinedup.instrument import DEFAULT_VERSION, list_versions

        versions = list_versions()
        self.fields["instrument_version"] = forms.ChoiceField(
            label="Version of the self-assessment",
            choices=[(v, f"Version {v}") for v in versions],
            initial=DEFAULT_VERSION,
            help_text="A version never changes once a round has used it. "
            "Version 2 has clearer statements but only some of them compare with version 1.",
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )

    class Meta:
        model = Round
        fields = ["name", "opens_on", "closes_on", "instrument_version", "min_group_size", "reminder_days"]
        labels = {
            "name": "Round name",
            "min_group_size": "Minimum group size",
            "reminder_days": "E-mail reminders (optional)",
        }
        help_texts = {
            "name": "For example, 'Spring 2026'",
            "reminder_days": "If you invite people by e-mail: how many days before the closing date to "
            "remind those who have not used their single-use link, separated by commas. For example, 7, 3",
        }
        widgets = {
            "min_group_size": forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
        }
        error_messages = {
            "name": {"required": "Enter a name for the round"},
            "min_group_size": {
                "required": "Enter the minimum group size",
                "min_value": "The minimum group size must be 5 or more",
            },
        }

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if (
            Round.objects.filter(partnership=self.partnership, name__iexact=name)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError("This partnership already has a round with that name")
        return name

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The closing date must be the same as or after the opening date")
        return data

    def clean_reminder_days(self) -> str:
        text: str = self.cleaned_data.get("reminder_days", "")
        try:
            days = parse_reminder_days(text)
        except ValueError as error:
            raise forms.ValidationError(
                f"Reminders must be whole numbers of days from 1 to 90, separated by commas: '{error}' is not"
            ) from error
        return ", ".join(str(d) for d in days)

    def save(self, commit: bool = True) -> Round:
        new_round: Round = super().save(commit=False)
        new_round.partnership = self.partnership
        if commit:
            new_round.save()
        return new_round


class InvitedForm(GovukFormMixin, forms.Form):
    invited = forms.IntegerField(
        label="How many people did you send this link to?",
        min_value=0,
        max_value=100_000,
        help_text="Used only to work out the response rate. Leave blank if you do not know.",
        required=False,
        error_messages={
            "invalid": "Enter a whole number, like 25",
            "min_value": "The number of people must be 0 or more",
            "max_value": "The number of people must be 100,000 or fewer",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-5"}),
    )


class MemberForm(GovukFormMixin, forms.Form):
    """Who to invite and as what. It never says whether an account exists: see `invitee`."""

    who = forms.CharField(
        label="Username or e-mail address",
        max_length=254,
        help_text="They will be asked to accept before they join the partnership.",
        error_messages={
            "required": "Enter the person's username or e-mail address",
            "max_length": "The username or e-mail address must be 254 characters or fewer",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a role"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="None",
        help_text="The agency the person works for, if any",
        error_messages={"invalid_choice": "Choose one of this partnership's agencies"},
    )

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        self.partnership = partnership
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = partnership.agencies.all()

    def clean_who(self) -> str:
        return str(self.cleaned_data["who"]).strip()

    def invitee(self) -> tuple[Any, str]:
        """The account named, or else the e-mail address to hold the invitation for: (user, ""),
        (None, address) or (None, "") when it names neither an account nor a valid address.

        Only the view sees this; the page answers the same whatever it finds.
        """
        who = self.cleaned_data["who"]
        users = get_user_model().objects.filter(is_active=True)
        user = users.filter(username=who).first()
        if user is None and "@" in who:
            matches = list(users.filter(email__iexact=who)[:2])
            user = matches[0] if len(matches) == 1 else None
        if user is not None:
            return user, ""
        try:
            validate_email(who)
        except forms.ValidationError:
            return None, ""
        return None, who.lower()
