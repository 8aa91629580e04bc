"""Forms for the structure records, in the GOV.UK style, limited to the partnership's own agencies."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.db.models import Model, QuerySet

from joinedup.checks import records
from joinedup.checks.raci import VALID_CELLS, cell_label, cell_letters
from joinedup.checks.record_rules import RecordProblem, reading_problems, target_problems
from joinedup.findings.actions import ActionPlanItem, validate_action
from joinedup.web.govuk_forms import (
    GovukDateField,
    GovukFormMixin,
    choice_field,
    model_choice_field,
    offered_choices,
)
from joinedup.web.partnerships.models import Agency, Partnership
from joinedup.web.uploads import refuse_oversized

from .factors import factor_choices
from .models import (
    ACTION_STATUS_CHOICES,
    LEVEL_CHOICES,
    ActionItem,
    ActionUpdate,
    AgencyCompetence,
    FundingLine,
    Meeting,
    MeetingAction,
    Post,
    RaciCell,
    RaciTask,
    Target,
    TargetReading,
    UnfundedCost,
    next_reference,
    normalise_letters,
)

_NUMBER = {"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
_SHORT = {"class": "govuk-input govuk-input--width-10"}

NOT_ATTENDED = ""
NOT_DISCUSSED = ""


def partnership_choices(model: type[Model], partnership: Partnership) -> QuerySet[Any]:
    """The objects of `model` that belong to `partnership`, for a choice field's queryset.

    Every model choice in a partnership's forms goes through here, so no field can offer (or
    accept) another partnership's agencies or funding lines; a model with no link to a
    partnership is refused rather than offered whole.
    """
    if model is Agency:
        return partnership.agencies.order_by("name")
    if any(field.name == "partnership" for field in model._meta.get_fields()):
        return model._default_manager.filter(partnership=partnership)
    raise TypeError(f"{model.__name__} choices cannot be limited to a partnership")


def _add_problems(form: forms.BaseForm, problems: list[RecordProblem]) -> None:
    """Each broken rule beside its field, once: a field that already failed keeps its first error."""
    for problem in problems:
        if problem.field in form.fields and problem.field not in form.errors:
            form.add_error(problem.field, problem.message)
        elif problem.field not in form.fields:
            form.add_error(None, problem.message)


class PartnershipRecordForm(GovukFormMixin, forms.ModelForm):
    """A model form for a record that belongs to a partnership, named by a reference unique in it.

    Model choice fields (agencies, funding lines) offer and accept only the partnership's own;
    the reference is checked for clashes here, so a duplicate is a form error rather than a
    database error.
    """

    reference_prefix = ""

    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        self.partnership = partnership
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                if field.queryset is None:
                    raise TypeError(f"{type(self).__name__}.{name} has no queryset to limit")
                field.queryset = partnership_choices(field.queryset.model, partnership)
            elif isinstance(field, forms.ChoiceField) and isinstance(field.widget, forms.RadioSelect):
                field.choices = [(value, label) for value, label in offered_choices(field) if value != ""]
        if "reference" in self.fields and not self.instance.pk:
            self.fields["reference"].required = False
            self.fields["reference"].help_text = "Leave blank to number it for you."

    def _siblings(self) -> QuerySet[Any]:
        model: type[Model] = self._meta.model
        return model._default_manager.filter(partnership=self.partnership)

    def clean_reference(self) -> str:
        reference: str = (self.cleaned_data.get("reference") or "").strip()
        if not reference:
            return next_reference(self._siblings(), self.reference_prefix)
        if self._siblings().filter(reference__iexact=reference).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("This partnership already has a record with that reference")
        return reference

    def save(self, commit: bool = True) -> Any:
        instance = super().save(commit=False)
        instance.partnership = self.partnership
        if commit:
            instance.save()
            self.save_m2m()
        return instance


# --- roles -------------------------------------------------------------------------------


class RaciTaskForm(GovukFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        self.partnership = partnership
        super().__init__(*args, **kwargs)

    class Meta:
        model = RaciTask
        fields = ["name", "competence"]
        labels = {"name": "Task or function", "competence": "Competence needed (optional)"}
        help_texts = {"name": "For example, 'Single point of contact for referrals'"}
        error_messages = {"name": {"required": "Enter the task or function"}}

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        clash = RaciTask.objects.filter(partnership=self.partnership, name__iexact=name).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError("The matrix already has a task with that name")
        return name

    def save(self, commit: bool = True) -> RaciTask:
        task: RaciTask = super().save(commit=False)
        task.partnership = self.partnership
        if commit:
            task.save()
        return task


RACI_CELL_CHOICES = [(cell_letters(cell), cell_label(cell)) for cell in VALID_CELLS]
"""Every cell the core rule (`joinedup.checks.raci`) allows, blank first."""


def cell_field_name(task: RaciTask, agency: Agency) -> str:
    return f"cell-{task.pk}-{agency.pk}"


class RaciGridForm(GovukFormMixin, forms.Form):
    """The whole matrix as one form: a select per task and agency, so it is saved in one go."""

    def __init__(self, *args: Any, tasks: list[RaciTask], agencies: list[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tasks, self.agencies = tasks, agencies
        current = {
            (cell.task_id, cell.agency_id): cell.letters
            for cell in RaciCell.objects.filter(task__in=tasks, agency__in=agencies)
        }
        for task in tasks:
            for agency in agencies:
                letters = current.get((task.pk, agency.pk), "")
                choices = list(RACI_CELL_CHOICES)
                if letters not in {value for value, _ in choices}:
                    choices.append((letters, letters))
                self.fields[cell_field_name(task, agency)] = forms.ChoiceField(
                    label=f"{agency.name} for {task.name}",
                    choices=choices,
                    initial=letters,
                    required=False,
                    error_messages={"invalid_choice": "Choose R, A, C, I, A and R, or leave the cell empty"},
                    widget=forms.Select(attrs={"class": "govuk-select"}),
                )

    def rows(self) -> list[tuple[RaciTask, list[forms.BoundField]]]:
        return [
            (task, [self[cell_field_name(task, agency)] for agency in self.agencies]) for task in self.tasks
        ]

    def changed_cells(self) -> list[tuple[RaciTask, Agency, str]]:
        return [
            (task, agency, normalise_letters(self.cleaned_data[cell_field_name(task, agency)]))
            for task in self.tasks
            for agency in self.agencies
            if cell_field_name(task, agency) in self.changed_data
        ]


class CompetenceForm(GovukFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, partnership: Partnership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = model_choice_field(self, "agency")
        agency.queryset = partnership.agencies.order_by("name")
        agency.empty_label = "Choose an agency"

    class Meta:
        model = AgencyCompetence
        fields = ["agency", "competence"]
        labels = {"agency": "Agency", "competence": "Competence it declares"}
        help_texts = {"competence": "For example, 'health assessment'. Use the same words as the tasks."}
        error_messages = {
            "agency": {"required": "Choose the agency"},
            "competence": {"required": "Enter the competence"},
        }

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        agency, competence = data.get("agency"), (data.get("competence") or "").strip()
        if (
            agency
            and competence
            and AgencyCompetence.objects.filter(agency=agency, competence__iexact=competence)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error("competence", f"{agency.name} already declares that competence")
        return data

    def validate_unique(self) -> None:
        """Clashes are reported by `clean` in words a coordinator recognises."""


# --- targets -----------------------------------------------------------------------------


class TargetForm(PartnershipRecordForm):
    reference_prefix = "T"
    baseline_date = GovukDateField(label="Baseline date", subject="The baseline date", required=False)
    target_date = GovukDateField(label="Target date", subject="The target date", required=False)

    class Meta:
        model = Target
        fields = [
            "reference",
            "title",
            "measure",
            "unit",
            "polarity",
            "baseline",
            "baseline_date",
            "target_value",
            "target_date",
            "owner",
            "responsible_party",
        ]
        labels = {
            "title": "Title",
            "measure": "What is measured",
            "unit": "Unit (optional)",
            "polarity": "Which way is better?",
            "baseline": "Baseline value",
            "target_value": "Target value",
            "owner": "Agency that owns the target",
            "responsible_party": "Who acts if progress is unsatisfactory",
        }
        help_texts = {
            "unit": "For example, %, days or children",
            "responsible_party": "For example, the chief officers' group or the children's services board.",
        }
        widgets = {
            "polarity": forms.RadioSelect,
            "baseline": forms.NumberInput(attrs=_NUMBER),
            "target_value": forms.NumberInput(attrs=_NUMBER),
            "unit": forms.TextInput(attrs=_SHORT),
        }
        error_messages = {
            "title": {"required": "Enter the target's title"},
            "baseline": {"invalid": "Enter the baseline as a number, like 72.5"},
            "target_value": {"invalid": "Enter the target value as a number, like 80"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").empty_label = "No owner yet"
        polarity = choice_field(self, "polarity")
        polarity.choices = [("", "Not stated"), *offered_choices(polarity)]

    def clean(self) -> dict[str, Any]:
        """The core's record rules (`joinedup.checks.record_rules`), as the sheet reader applies them."""
        data: dict[str, Any] = super().clean() or {}
        polarity = data.get("polarity")
        candidate = records.Target(
            reference=data.get("reference") or "",
            title=data.get("title") or "",
            unit=data.get("unit") or None,
            polarity=records.Polarity(polarity) if polarity else None,
            baseline=data.get("baseline"),
            baseline_date=data.get("baseline_date"),
            target_value=data.get("target_value"),
            target_date=data.get("target_date"),
        )
        _add_problems(self, target_problems(candidate))
        if self.instance.pk and data.get("baseline_date"):
            earlier = self.instance.readings.filter(as_of__lt=data["baseline_date"]).order_by("as_of").first()
            if earlier is not None:
                self.add_error(
                    "baseline_date",
                    f"The baseline date must be on or before the first reading, "
                    f"{earlier.as_of.day} {earlier.as_of:%B %Y}",
                )
        return data


class ReadingForm(GovukFormMixin, forms.ModelForm):
    """A reading of a target. A partner lead records only their own agency's reading, so the
    agreed figure and other partners' figures stay the coordinator's to enter."""

    as_of = GovukDateField(
        label="Date of the reading",
        subject="The date of the reading",
        error_messages={"required": "Enter the date of the reading"},
    )

    def __init__(
        self,
        *args: Any,
        target: Target,
        reporter: Agency | None,
        may_choose_reporter: bool,
        today: date,
        **kwargs: Any,
    ) -> None:
        self.target = target
        self.today = today
        self.fixed_reporter = None if may_choose_reporter else reporter
        super().__init__(*args, **kwargs)
        if may_choose_reporter:
            field = model_choice_field(self, "reported_by")
            field.queryset = target.partnership.agencies.order_by("name")
            field.empty_label = "The partnership's agreed figure"
        else:
            del self.fields["reported_by"]

    class Meta:
        model = TargetReading
        fields = ["as_of", "value", "reported_by", "note"]
        labels = {
            "value": "Value",
            "reported_by": "Whose reading is it?",
            "note": "The story behind the curve (optional)",
        }
        help_texts = {"note": "What explains the figure, and what is being done about it."}
        widgets = {
            "value": forms.NumberInput(attrs=_NUMBER),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "value": {"required": "Enter the value", "invalid": "Enter the value as a number, like 72.5"},
        }

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        reporter = self.fixed_reporter if self.fixed_reporter is not None else data.get("reported_by")
        as_of, value = data.get("as_of"), data.get("value")
        if as_of:
            clash = TargetReading.objects.filter(target=self.target, as_of=as_of, reported_by=reporter)
            if clash.exclude(pk=self.instance.pk).exists():
                whose = reporter.name if reporter else "the agreed figure"
                self.add_error("as_of", f"There is already a reading for {whose} on that date")
        if as_of and value is not None:
            _add_problems(self, reading_problems(self.target.to_record(), as_of, value, today=self.today))
        return data

    def validate_unique(self) -> None:
        """Clashes are reported by `clean` in words a coordinator recognises."""

    def save(self, commit: bool = True) -> TargetReading:
        reading: TargetReading = super().save(commit=False)
        reading.target = self.target
        if self.fixed_reporter is not None:
            reading.reported_by = self.fixed_reporter
        if commit:
            reading.save()
        return reading


# --- meetings ----------------------------------------------------------------------------

NEW_ACTION_ROWS = 3


class MeetingForm(PartnershipRecordForm):
    """A meeting with one attendance question per agency; when adding, also the actions raised
    and what happened to the actions still open from earlier meetings."""

    reference_prefix = "M"
    held_on = GovukDateField(
        label="Date",
        subject="The date of the meeting",
        error_messages={"required": "Enter the date of the meeting"},
    )

    class Meta:
        model = Meeting
        fields = ["reference", "held_on", "kind", "decisions"]
        labels = {"kind": "Type of meeting", "decisions": "Decisions made"}
        widgets = {
            "kind": forms.RadioSelect,
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "kind": {"required": "Choose the type of meeting"},
        }

    def __init__(self, *args: Any, open_actions: list[MeetingAction] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance_was_new = self.instance.pk is None
        self.agencies = list(self.partnership.agencies.order_by("name"))
        attended = {a.agency_id: a.level for a in self.instance.attendance.all()} if self.instance.pk else {}
        for agency in self.agencies:
            self.fields[f"level-{agency.pk}"] = forms.ChoiceField(
                label=agency.name,
                choices=[(NOT_ATTENDED, "Did not attend"), *LEVEL_CHOICES],
                initial=attended.get(agency.pk, NOT_ATTENDED),
                required=False,
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
        self.open_actions = open_actions or []
        for action in self.open_actions:
            self.fields[f"carried-{action.reference}"] = forms.ChoiceField(
                label=f"{action.reference}: {action.description}",
                choices=[
                    ("carried-over", "Carried over: still open"),
                    ("done", "Done"),
                    (NOT_DISCUSSED, "Not discussed"),
                ],
                initial="carried-over",
                required=False,
                widget=forms.Select(attrs={"class": "govuk-select"}),
            )
        if self.instance_was_new:
            owners = self.partnership.agencies.order_by("name")
            for row in range(1, NEW_ACTION_ROWS + 1):
                self.fields[f"new-action-{row}"] = forms.CharField(
                    label=f"New action {row} (optional)",
                    required=False,
                    max_length=300,
                    widget=forms.TextInput(attrs={"class": "govuk-input"}),
                )
                self.fields[f"new-owner-{row}"] = forms.ModelChoiceField(
                    label=f"Owner of new action {row}",
                    queryset=owners,
                    required=False,
                    empty_label="No owner",
                    widget=forms.Select(attrs={"class": "govuk-select"}),
                )

    def attendance_fields(self) -> list[forms.BoundField]:
        return [self[f"level-{agency.pk}"] for agency in self.agencies]

    def carried_fields(self) -> list[forms.BoundField]:
        return [self[f"carried-{action.reference}"] for action in self.open_actions]

    def new_action_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        if not self.instance_was_new:
            return []
        return [
            (self[f"new-action-{row}"], self[f"new-owner-{row}"]) for row in range(1, NEW_ACTION_ROWS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def attendance(self) -> dict[Agency, str]:
        levels = {agency: self.cleaned_data[f"level-{agency.pk}"] for agency in self.agencies}
        return {agency: level for agency, level in levels.items() if level != NOT_ATTENDED}

    def carried(self) -> list[tuple[MeetingAction, str]]:
        outcomes = [
            (action, self.cleaned_data[f"carried-{action.reference}"]) for action in self.open_actions
        ]
        return [(action, status) for action, status in outcomes if status != NOT_DISCUSSED]

    def new_actions(self) -> list[tuple[str, Agency | None]]:
        rows = [
            (self.cleaned_data[f"new-action-{row}"].strip(), self.cleaned_data[f"new-owner-{row}"])
            for row in range(1, NEW_ACTION_ROWS + 1)
        ]
        return [(description, owner) for description, owner in rows if description]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        rows = range(1, NEW_ACTION_ROWS + 1) if self.instance_was_new else range(0)
        for row in rows:
            if data.get(f"new-owner-{row}") and not (data.get(f"new-action-{row}") or "").strip():
                self.add_error(f"new-action-{row}", f"Describe new action {row}, or choose no owner for it")
        return data


# --- funding and posts -------------------------------------------------------------------


class FundingLineForm(PartnershipRecordForm):
    reference_prefix = "F"
    start = GovukDateField(label="Start date (optional)", subject="The start date", required=False)
    end = GovukDateField(label="End date (optional)", subject="The end date", required=False)

    class Meta:
        model = FundingLine
        fields = [
            "reference",
            "source",
            "agency",
            "amount_per_year",
            "mechanism",
            "certainty",
            "legal_basis",
            "start",
            "end",
        ]
        labels = {
            "source": "Source of the money",
            "agency": "Contributing agency",
            "amount_per_year": "Amount per year (£)",
            "mechanism": "How it is spent",
            "certainty": "How certain it is",
            "legal_basis": "Legal basis (optional)",
        }
        help_texts = {
            "source": "For example, 'Council children's services budget' or 'Whole Family Wellbeing Fund'",
            "legal_basis": "For example, a section 75 agreement. Pooled budgets need one.",
        }
        widgets = {
            "amount_per_year": forms.NumberInput(attrs=_NUMBER),
            "mechanism": forms.RadioSelect,
            "certainty": forms.RadioSelect,
        }
        error_messages = {
            "source": {"required": "Enter the source of the money"},
            "agency": {"required": "Choose the contributing agency"},
            "amount_per_year": {
                "required": "Enter the amount per year",
                "invalid": "Enter the amount as a number, like 45000",
                "min_value": "The amount must be 0 or more",
            },
            "mechanism": {"required": "Choose how the money is spent"},
            "certainty": {"required": "Choose how certain the money is"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "agency").empty_label = "Choose an agency"

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data


class PostForm(PartnershipRecordForm):
    reference_prefix = "P"
    end = GovukDateField(
        label="Contract end date",
        subject="The contract end date",
        help_text="Leave blank for a permanent post.",
        required=False,
    )

    class Meta:
        model = Post
        fields = ["reference", "title", "agency", "funded_by", "contract", "end"]
        labels = {
            "title": "Job title",
            "agency": "Employing agency",
            "funded_by": "Paid from",
            "contract": "Contract",
        }
        widgets = {
            "funded_by": forms.CheckboxSelectMultiple,
            "contract": forms.RadioSelect,
        }
        error_messages = {
            "title": {"required": "Enter the job title"},
            "agency": {"required": "Choose the employing agency"},
            "funded_by": {"required": "Choose at least one funding line that pays for the post"},
            "contract": {"required": "Choose the type of contract"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "agency").empty_label = "Choose an agency"

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("contract") == "fixed-term" and not data.get("end"):
            self.add_error("end", "Enter the date a fixed-term contract ends")
        return data


class UnfundedCostForm(PartnershipRecordForm):
    reference_prefix = "U"

    class Meta:
        model = UnfundedCost
        fields = ["reference", "description", "amount_per_year", "agencies", "note"]
        labels = {
            "description": "Cost or service",
            "amount_per_year": "Amount per year (£, optional)",
            "agencies": "Agencies that might pay (optional)",
            "note": "Note (optional)",
        }
        widgets = {
            "amount_per_year": forms.NumberInput(attrs=_NUMBER),
            "agencies": forms.CheckboxSelectMultiple,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "description": {"required": "Describe the cost or service"},
            "amount_per_year": {
                "invalid": "Enter the amount as a number, like 12000",
                "min_value": "The amount must be 0 or more",
            },
        }


# --- action plan -------------------------------------------------------------------------


class ActionItemForm(PartnershipRecordForm):
    """An action typed in directly, judged by the same SMART rules as one accepted from a
    recommendation (`joinedup.findings.actions.validate_action`). When an action is changed,
    only the fields changed are judged again, so an action past its due date can still have
    its status or owner corrected."""

    reference_prefix = "A"
    due = GovukDateField(
        label="Due date",
        subject="The due date",
        help_text="A date in the future, within two years.",
        required=False,
    )

    class Meta:
        model = ActionItem
        fields = ["reference", "what", "owner", "due", "success_measure", "status", "factor"]
        labels = {
            "what": "What will be done",
            "owner": "Owner agency",
            "success_measure": "How will you know it worked?",
            "status": "Status",
            "factor": "Factor it addresses (optional)",
        }
        widgets = {
            "what": forms.TextInput(),
            "status": forms.RadioSelect,
        }
        error_messages = {
            "what": {"required": "Describe what will be done"},
            "owner": {"required": "Choose the agency that owns the action"},
            "status": {"required": "Choose the status"},
        }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        self.today = today
        super().__init__(*args, **kwargs)
        model_choice_field(self, "owner").empty_label = "Choose an agency"
        self.fields["factor"] = forms.ChoiceField(
            label="Factor it addresses (optional)",
            choices=[("", "Choose a factor"), *factor_choices()],
            required=False,
            error_messages={"invalid_choice": "Choose a factor from the list"},
            widget=forms.Select(attrs={"class": "govuk-select"}),
        )
        self.fields["success_measure"].help_text = (
            "Something a person could check: a number or count, a date, or a named output, "
            "for example '40 staff trained by March' or 'signed agreement in the board minutes'."
        )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        owner = data.get("owner")
        action = ActionPlanItem(
            reference=data.get("reference") or "",
            what=data.get("what") or "",
            owner=owner.name if owner else "",
            due=data.get("due"),
            success_measure=data.get("success_measure") or "",
            factor=data.get("factor") or None,
        )
        judged = set(self.fields) if self.instance.pk is None else set(self.changed_data)
        agencies = [agency.name for agency in self.partnership.agencies.all()]
        problems = validate_action(action, agencies=agencies, today=self.today)
        _add_problems(self, [RecordProblem(p.field, p.message) for p in problems if p.field in judged])
        return data


class ActionUpdateForm(GovukFormMixin, forms.ModelForm):
    on = GovukDateField(
        label="Date of the update",
        subject="The date of the update",
        error_messages={"required": "Enter the date of the update"},
    )

    class Meta:
        model = ActionUpdate
        fields = ["on", "status", "note"]
        labels = {"status": "Status now", "note": "What has happened (optional)"}
        widgets = {
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "status": {"required": "Choose the status"},
        }

    def __init__(self, *args: Any, action: ActionItem, today: date, **kwargs: Any) -> None:
        self.action = action
        self.today = today
        super().__init__(*args, **kwargs)
        choice_field(self, "status").choices = ACTION_STATUS_CHOICES

    def clean_on(self) -> date:
        on: date = self.cleaned_data["on"]
        if on > self.today:
            raise forms.ValidationError("The date of the update must be today or in the past")
        return on

    def save(self, commit: bool = True) -> ActionUpdate:
        update: ActionUpdate = super().save(commit=False)
        update.action = self.action
        if commit:
            update.save()
        return update


# --- import ------------------------------------------------------------------------------


class ImportForm(GovukFormMixin, forms.Form):
    """The main sheet of a kind, as CSV or a workbook, and the companion sheets as CSV files."""

    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or Excel (.xlsx) file laid out as in the downloaded sheets.",
        error_messages={
            "required": "Choose a CSV or Excel file to upload",
            "empty": "The chosen file is empty",
        },
    )

    def __init__(self, *args: Any, companions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in companions:
            self.fields[name] = forms.FileField(
                label=f"The {name.replace('_', ' ')} sheet as CSV (optional)",
                help_text="Only when you upload CSV files: an Excel workbook carries this as a sheet.",
                required=False,
                error_messages={"empty": "The chosen file is empty"},
                widget=forms.ClearableFileInput(attrs={"class": "govuk-file-upload"}),
            )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        for name, upload in list(data.items()):
            if upload and not upload.name.lower().endswith((".csv", ".xlsx")):
                self.add_error(name, "The file must be a CSV or an Excel (.xlsx) file")
            elif upload:
                try:
                    refuse_oversized(upload)
                except forms.ValidationError as too_large:
                    self.add_error(name, too_large)
        return data
