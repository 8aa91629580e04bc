"""The coordinator's file import into a round, and the round's export in the template format.

An upload is read by the core's survey reader and stored by `store_import`, so the
web page and `joinedup-manage import` accept the same files and report the same errors.
Nothing is stored unless the whole file is read, or the coordinator asked to skip
bad rows, in which case every skipped row is shown.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import get_valid_filename, slugify

from joinedup.instrument.reference import NATIONS, load_role_groups
from joinedup.io.safety import RESPONSE_LIMITS
from joinedup.io.survey_export import write_template
from joinedup.io.survey_import import ImportFailed, ImportResult, read_responses
from joinedup.io.survey_release import release_responses
from joinedup.io.tables import RowError
from joinedup.web.govuk_forms import GovukFormMixin, choice_field
from joinedup.web.reporting.services import round_analysis
from joinedup.web.uploads import max_upload_bytes, refuse_oversized

from .access import DOWNLOAD_ROWS, MANAGE, PartnershipAccess, partnership_view, round_for
from .models import InstrumentChanged, Round, RoundStatus
from .responses import MixedSources, frame_for_rounds, store_import

ACCEPTED_SUFFIXES = (".csv", ".tsv", ".xlsx", ".ods")
KEEP_PARTIAL_LABEL = "Keep incomplete responses that have answers"
EXPORT_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV or Excel file: the joinedup response template, or an export from Microsoft Forms, "
        "SurveyMonkey, Qualtrics or LimeSurvey.",
        error_messages={"required": "Select a file to upload", "empty": "The selected file is empty"},
    )
    agency = forms.ChoiceField(
        label="Agency, if the file has no agency column",
        required=False,
        help_text="Every response in the file is recorded against this agency. Leave it when the file says.",
    )
    role_group = forms.ChoiceField(
        label="Role group, if the file has no role group column",
        required=False,
        help_text="Every response in the file is recorded in this role group. Leave it when the file says.",
    )
    skip_bad_rows = forms.BooleanField(
        label="Skip rows with problems and import the rest (each skipped row will be listed)", required=False
    )
    keep_partial = forms.BooleanField(
        label=KEEP_PARTIAL_LABEL,
        required=False,
        help_text="Survey tools mark responses that were never finished or submitted. They are left out "
        "unless you tick this. Preview and test responses, and rows with no answers, are always left out.",
    )

    def __init__(self, *args: Any, a_round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "agency").choices = [("", "The file says")] + [
            (agency.name, agency.name) for agency in a_round.partnership.agencies.order_by("name")
        ]
        nation = a_round.partnership.nation
        choice_field(self, "role_group").choices = [("", "The file says")] + [
            (group.id, group.name) for group in load_role_groups(nation if nation in NATIONS else None)
        ]

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in ACCEPTED_SUFFIXES:
            raise forms.ValidationError("The selected file must be a CSV, XLSX or ODS file")
        refuse_oversized(upload)
        return upload


def _read_upload(upload: UploadedFile, a_round: Round, form: ImportForm) -> ImportResult:
    """The reader works on a path; the copy keeps the uploaded name so errors name the user's file."""
    name = get_valid_filename(Path(upload.name or "upload.csv").name)
    defaults = {"partnership": a_round.partnership.slug, "round": a_round.name}
    defaults.update(
        {key: form.cleaned_data[key] for key in ("agency", "role_group") if form.cleaned_data[key]}
    )
    with tempfile.TemporaryDirectory(prefix="joinedup-import-") as folder:
        path = Path(folder) / name
        with path.open("wb") as copy:
            for chunk in upload.chunks():
                copy.write(chunk)
        return read_responses(
            path,
            a_round.instrument(),
            known_agencies=list(a_round.partnership.agencies.values_list("name", flat=True)),
            defaults=defaults,
            skip_bad_rows=form.cleaned_data["skip_bad_rows"],
            keep_partial=form.cleaned_data["keep_partial"],
            limits=RESPONSE_LIMITS.with_max_bytes(max_upload_bytes()),
        )


def _error_rows(errors: list[RowError]) -> list[dict[str, object]]:
    return [
        {
            "file": e.file,
            "row": e.row,
            "column": e.column,
            "value": e.value,
            "reason": e.reason,
            "text": str(e),
        }
        for e in errors
    ]


def _summary_key(batch_id: int) -> str:
    return f"import:{batch_id}"


@partnership_view(MANAGE)
def round_import(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        a_round=a_round,
    )
    errors: list[RowError] = []
    if request.method == "POST" and form.is_valid():
        upload: UploadedFile = form.cleaned_data["file"]
        try:
            result = _read_upload(upload, a_round, form)
            batch = store_import(a_round, result)
        except ImportFailed as failure:
            errors = failure.errors
        except (MixedSources, InstrumentChanged) as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session[_summary_key(batch.pk)] = {
                "column_mapping": result.column_mapping,
                "unmapped_columns": result.unmapped_columns,
                "missing_items": result.missing_items,
                "skipped_rows": _error_rows(result.skipped_rows),
                "notes": result.notes(f"tick “{KEEP_PARTIAL_LABEL}” to keep them"),
            }
            return redirect("partnerships:round_import_done", a_round.partnership.slug, a_round.pk, batch.pk)
    return render(
        request,
        "partnerships/round_import.html",
        {
            "form": form,
            "partnership": a_round.partnership,
            "round": a_round,
            "import_errors": _error_rows(errors),
        },
    )


@partnership_view(MANAGE)
def round_import_done(
    request: HttpRequest, access: PartnershipAccess, round_id: int, batch_id: int
) -> HttpResponse:
    a_round = round_for(access, round_id)
    batch = a_round.imports.filter(pk=batch_id).first()
    if batch is None:
        raise Http404("No import found")
    statements = {item.id: item.text for item in a_round.instrument().items}
    summary = request.session.get(_summary_key(batch.pk))
    mapping = [
        {"column": column, "target": target, "statement": statements.get(target, "")}
        for column, target in (summary or {}).get("column_mapping", {}).items()
    ]
    return render(
        request,
        "partnerships/round_import_done.html",
        {
            "partnership": a_round.partnership,
            "round": a_round,
            "batch": batch,
            "summary": summary,
            "mapping": mapping,
        },
    )


@partnership_view(DOWNLOAD_ROWS)
def round_export(
    request: HttpRequest, access: PartnershipAccess, round_id: int, file_format: str
) -> HttpResponse:
    """A closed round's responses as rows, under row-level disclosure control (see `release_responses`).

    Only once the round is closed: while answers still arrive, two downloads side by side would show
    the newest answer. The rows carry no date, key or order of arrival.
    """
    a_round = round_for(access, round_id)
    if file_format not in EXPORT_FORMATS:
        raise Http404("Responses can be downloaded as CSV or XLSX")
    if a_round.status != RoundStatus.CLOSED:
        messages.error(request, "Responses can be downloaded once the round is closed")
        return redirect(a_round)
    if a_round.responses.count() < a_round.min_group_size:
        messages.error(
            request,
            f"Responses can be downloaded once the round has at least {a_round.min_group_size}, "
            "so that no answer can be traced to a person",
        )
        return redirect(a_round)
    instrument = a_round.instrument()
    partnership = a_round.partnership
    released = release_responses(
        frame_for_rounds([a_round]),
        instrument,
        min_group=a_round.min_group_size,
        agencies=list(partnership.agencies.values_list("name", flat=True)),
        analysis=round_analysis(a_round).find(partnership.name, a_round.name),
    )
    filename = f"{partnership.slug}-{slugify(a_round.name)}-responses.{file_format}"
    with tempfile.TemporaryDirectory(prefix="joinedup-export-") as folder:
        path = Path(folder) / filename
        write_template(path, instrument, released.frame)
        content = path.read_bytes()
    response = HttpResponse(content, content_type=EXPORT_FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
