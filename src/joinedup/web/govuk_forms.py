"""GOV.UK Design System classes for ordinary Django forms.

Forms inherit `GovukFormMixin`; templates render each field with
`joinedup/field.html` and the page starts with `joinedup/error_summary.html`.
Dates use `GovukDateField`: three boxes for day, month and year, because a native
date picker lays itself out by the browser's language and hides which part is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

_INPUT_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.FileInput: "govuk-file-upload",
    forms.ClearableFileInput: "govuk-file-upload",
}


# Instead of Django's "Select a valid choice. That choice is not one of the available choices.",
# which blames the person for a value they could not have picked (a tampered or out-of-date form).
INVALID_CHOICE = "Select one of the options from the list"


def _replace_django_choice_message(field: forms.Field) -> None:
    """Give a choice field the GOV.UK message unless its form chose its own."""
    message = field.error_messages.get("invalid_choice")
    if message is None:
        return
    defaults = {
        str(klass.__dict__["default_error_messages"].get("invalid_choice"))
        for klass in type(field).__mro__
        if "default_error_messages" in klass.__dict__
    }
    if str(message) in defaults:
        field.error_messages["invalid_choice"] = INVALID_CHOICE


class GovukFormMixin(forms.BaseForm):
    """Adds GOV.UK classes and error styling to every widget.

    It derives from `BaseForm`, which every form it is mixed into has anyway, so that its
    methods are checked against the form they run on.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            _replace_django_choice_message(field)
            widget = field.widget
            if isinstance(
                widget,
                forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput | GovukDateWidget,
            ):
                continue
            css = next((c for t, c in _INPUT_CLASSES.items() if isinstance(widget, t)), "govuk-input")
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def add_error_classes(self) -> None:
        """Mark fields in error and point screen readers at their hint and error message."""
        for name, field in self.fields.items():
            bound = self[name]
            described = [f"{bound.auto_id}-hint"] if field.help_text else []
            if name in self.errors:
                described.append(f"{bound.auto_id}-error")
            if isinstance(field.widget, GovukDateWidget):
                field.widget.parts_in_error = _date_parts_in_error(self.errors.as_data().get(name, []))
            elif described and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(described)
        for name in self.errors:
            if name in self.fields and not isinstance(self.fields[name].widget, GovukDateWidget):
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "")
                for base in ("govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"):
                    if base in classes.split() and f"{base}--error" not in classes:
                        widget.attrs["class"] = f"{classes} {base}--error"

    def full_clean(self) -> None:
        super().full_clean()
        self.add_error_classes()


DATE_PARTS = ("day", "month", "year")
_PART_WIDTHS = {"day": 2, "month": 2, "year": 4}
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_DAY_OR_MONTH = re.compile(r"[0-9]{1,2}")
_YEAR = re.compile(r"[0-9]{4}")
_DIGITS = re.compile(r"[0-9]+")


def _date_parts_in_error(errors: Sequence[ValidationError]) -> tuple[str, ...]:
    """The boxes to outline in red: those an error names, or all three when an error is about the
    whole date (say, a closing date before the opening date)."""
    named: set[str] = set()
    for error in errors:
        params = error.params if isinstance(error.params, Mapping) else {}
        named.update(params.get("parts", DATE_PARTS))
    return tuple(part for part in DATE_PARTS if part in named)


def _month_number(text: str) -> int | None:
    """A month typed as 3, 03, Mar or March: people write months both ways."""
    if _DAY_OR_MONTH.fullmatch(text):
        number = int(text)
        return number if 1 <= number <= 12 else None
    lowered = text.lower()
    for number, name in enumerate(_MONTH_NAMES, start=1):
        if lowered == name or (len(lowered) >= 3 and name.startswith(lowered)):
            return number
    return None


def _date_boxes(value: Any) -> list[str | None]:
    """What the day, month and year boxes show for a stored date (or its ISO text); empty otherwise."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return [None, None, None]
    if isinstance(value, date):
        return [str(value.day), str(value.month), str(value.year)]
    return [None, None, None]


class GovukDateWidget(forms.MultiWidget):
    """The GOV.UK date input: boxes named `<name>-day`, `<name>-month` and `<name>-year`.

    `parts_in_error` is set by `GovukFormMixin` after validation so that only the boxes at
    fault are outlined and the error summary links to the first of them.
    """

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(
                attrs={
                    "class": f"govuk-input govuk-date-input__input govuk-input--width-{_PART_WIDTHS[part]}",
                    "inputmode": "numeric",
                }
            )
            for part in DATE_PARTS
        }
        super().__init__(boxes, attrs)
        self.parts_in_error: tuple[str, ...] = ()

    def decompress(self, value: Any) -> list[str | None]:
        return _date_boxes(value)

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> list[Any]:
        return [data.get(f"{name}-{part}") for part in DATE_PARTS]

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return all(f"{name}-{part}" not in data for part in DATE_PARTS)

    def id_for_label(self, id_: str) -> str:
        """The first box in error, else the day: where the error summary sends the cursor."""
        if not id_:
            return ""
        return f"{id_}-{(self.parts_in_error or DATE_PARTS)[0]}"

    def use_required_attribute(self, initial: Any) -> bool:
        """Browser pop-ups would pre-empt the precise message naming the missing part."""
        return False

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        id_ = context["widget"]["attrs"].get("id")
        for part, box in zip(DATE_PARTS, context["widget"]["subwidgets"], strict=True):
            box["name"] = f"{name}-{part}"
            box["label"] = part.capitalize()
            if id_:
                box["attrs"]["id"] = f"{id_}-{part}"
            if part in self.parts_in_error:
                box["attrs"]["class"] += " govuk-input--error"
        today = timezone.localdate()
        context["widget"]["example"] = f"27 3 {today.year}"
        return context


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK messages naming the part at fault.

    `subject` begins each message ("The closing date must include a month"); it defaults to the
    label. Every error carries `params["parts"]`, the boxes to outline.
    """

    widget = GovukDateWidget
    default_error_messages = {
        "required": "Enter %(subject_in_sentence)s",
        "incomplete": "%(subject)s must include a %(missing)s",
        "invalid": "%(subject)s must be a real date",
        "year_length": "%(subject)s must include a year with 4 numbers",
    }

    def __init__(self, *, subject: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.subject = subject

    def _error(self, code: str, parts: Sequence[str], **params: str) -> ValidationError:
        subject = self.subject or str(self.label or "The date")
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={
                "subject": subject,
                "subject_in_sentence": subject[:1].lower() + subject[1:],
                "parts": tuple(parts),
                **params,
            },
        )

    def to_python(self, value: Any) -> date | None:
        if isinstance(value, date) or value is None:
            return value
        day, month, year = (str(part or "").strip() for part in value)
        typed = {"day": day, "month": month, "year": year}
        missing = [part for part in DATE_PARTS if not typed[part]]
        if len(missing) == len(DATE_PARTS):
            return None
        if missing:
            raise self._error("incomplete", missing, missing=" and ".join(missing))
        day_number = int(day) if _DAY_OR_MONTH.fullmatch(day) else 0
        month_number = _month_number(month)
        year_number = int(year) if _YEAR.fullmatch(year) else 0
        wrong = [
            part
            for part, ok in (
                ("day", 1 <= day_number <= 31),
                ("month", month_number is not None),
                ("year", year_number >= 1),
            )
            if not ok
        ]
        if wrong == ["year"] and _DIGITS.fullmatch(year) and len(year) != 4:
            raise self._error("year_length", wrong)
        if wrong or month_number is None:
            raise self._error("invalid", wrong)
        try:
            return date(year_number, month_number, day_number)
        except ValueError:
            raise self._error("invalid", ["day"]) from None

    def validate(self, value: date | None) -> None:
        if value is None and self.required:
            raise self._error("required", DATE_PARTS)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            current = self.to_python(data)
        except ValidationError:
            return True
        return self.to_python(_date_boxes(initial)) != current


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's own copy of the choice field `name`, whose choices a form sets per request.

    `form.fields` holds fields of any kind as far as the type checker knows; this says which kind,
    and fails loudly if a form's declaration ever stops matching.
    """
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a choice field")
    return field


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's own copy of the model choice field `name`, whose queryset a form narrows per
    request (to one partnership's rows); fails loudly like `choice_field`."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a model choice field")
    return field


def offered_choices(field: forms.ChoiceField) -> list[tuple[Any, Any]]:
    """The (value, label) pairs a choice field offers. Django normalises `choices` to such pairs
    when they are set; its type stubs still describe every form they may be given in."""
    return list(cast(Iterable[tuple[Any, Any]], field.choices))
