"""GOV.UK Design System classes for ordinary Django forms.

Forms inherit `GovukFormMixin`; templates render each field with
`joinedup/field.html` and the page starts with `joinedup/error_summary.html`.
"""

from __future__ import annotations

from typing import Any

from django import forms

_INPUT_CLASSES: dict[type[forms.Widget], str] = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.FileInput: "govuk-file-upload",
    forms.ClearableFileInput: "govuk-file-upload",
}


class GovukFormMixin:
    """Adds GOV.UK classes and error styling to every widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple | forms.CheckboxInput):
                continue
            css = next((c for t, c in _INPUT_CLASSES.items() if isinstance(widget, t)), "govuk-input")
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def add_error_classes(self) -> None:
        """Mark fields in error and point screen readers at their hint and error message."""
        for name, field in self.fields.items():
            bound = self[name]  # type: ignore[index]
            described = [f"{bound.auto_id}-hint"] if field.help_text else []
            if name in self.errors:  # type: ignore[attr-defined]
                described.append(f"{bound.auto_id}-error")
            if described and not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["aria-describedby"] = " ".join(described)
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                widget = self.fields[name].widget
                classes = widget.attrs.get("class", "")
                for base in ("govuk-input", "govuk-select", "govuk-textarea", "govuk-file-upload"):
                    if base in classes.split() and f"{base}--error" not in classes:
                        widget.attrs["class"] = f"{classes} {base}--error"

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.add_error_classes()


class DateInput(forms.DateInput):
    input_type = "date"
