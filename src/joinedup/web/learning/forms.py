"""The opt-in's lesson boxes, the share confirmation and the import of records from elsewhere."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from joinedup.learning.record import LESSON_LENGTH, validate_learning_record
from joinedup.web.govuk_forms import GovukFormMixin
from joinedup.web.structure.models import ActionItem
from joinedup.web.uploads import refuse_oversized

MAX_FILES = 50
"""Files one import takes: enough for a batch from another deployment, few enough to list errors."""


class LessonsForm(GovukFormMixin, forms.Form):
    """One optional box per action adopted for the round: what the partnership learned from it."""

    def __init__(self, actions: Sequence[ActionItem], *args: Any, lessons: Mapping[str, str], **kwargs: Any):
        self.actions = list(actions)
        super().__init__(*args, **kwargs)
        for action in self.actions:
            self.fields[self.field_name(action)] = forms.CharField(
                label=f"{action.reference}: {action.what}",
                required=False,
                max_length=LESSON_LENGTH,
                initial=lessons.get(action.reference, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text="Optional. Names, e-mail addresses and numbers are taken out before it is shared; "
                "you will see the result before anything leaves.",
            )

    @staticmethod
    def field_name(action: ActionItem) -> str:
        return f"lesson_{action.pk}"

    def lessons(self) -> dict[str, str]:
        """The words written, by action reference; empty boxes are left out."""
        return {
            action.reference: self.cleaned_data[self.field_name(action)].strip()
            for action in self.actions
            if self.cleaned_data.get(self.field_name(action), "").strip()
        }


class ShareForm(GovukFormMixin, forms.Form):
    """Sharing confirms the record the page showed: its fingerprint travels with the button."""

    digest = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: Any, current_digest: str, **kwargs: Any) -> None:
        self.current_digest = current_digest
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("digest") != self.current_digest:
            raise forms.ValidationError(
                "The record has changed since the page was shown (an action or the next round changed). "
                "Check the record again, then share it",
                code="record_changed",
            )
        return cleaned


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class RecordFilesField(forms.FileField):
    """Several files from one file box."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item] or [single(None, initial)]
        return [single(data, initial)]


def read_record_file(name: str, content: bytes) -> tuple[list[Any], list[str]]:
    """The records of one uploaded file (one record, or a list of them) and every problem in it,
    each naming the file, the record and the field."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return [], [f"{name}: is not UTF-8 text (byte {error.start}): save it as UTF-8 JSON"]
    except json.JSONDecodeError as error:
        return [], [f"{name}, line {error.lineno}, column {error.colno}: not valid JSON ({error.msg})"]
    records = data if isinstance(data, list) else [data]
    if not records:
        return [], [f"{name}: holds no records (an empty list)"]
    problems = [
        f"{name}, record {index}: {problem}"
        for index, record in enumerate(records, start=1)
        for problem in validate_learning_record(record)
    ]
    return records, problems


class ImportRecordsForm(GovukFormMixin, forms.Form):
    """Learning record files (JSON) from another deployment; all are stored or none."""

    record_files = RecordFilesField(
        label="Learning record files",
        help_text="JSON files written by the joinedup learning record command or by another deployment, "
        f"up to {MAX_FILES} at once. Each holds one record or a list of records.",
    )

    def clean_record_files(self) -> list[tuple[str, dict[str, Any]]]:
        uploads: list[UploadedFile] = self.cleaned_data["record_files"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                f"Select at most {MAX_FILES} files at once; you selected {len(uploads)}"
            )
        found: list[tuple[str, dict[str, Any]]] = []
        problems: list[str] = []
        for upload in uploads:
            name = Path(upload.name or "upload").name
            refuse_oversized(upload)
            if not name.lower().endswith(".json"):
                problems.append(f"{name}: is not a .json file")
                continue
            records, errors = read_record_file(name, upload.read())
            problems.extend(errors)
            found.extend((name, record) for record in records)
        if problems:
            raise forms.ValidationError(
                [forms.ValidationError(problem, code="invalid_record") for problem in problems]
            )
        return found
