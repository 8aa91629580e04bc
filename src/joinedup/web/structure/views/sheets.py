"""Uploading and downloading each kind of record as CSV or Excel sheets."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view

from ..forms import ImportForm
from ..kinds import WebKind, web_kind
from ..sheets import Download, ImportRefused, export_csv, export_workbook, import_sheets
from .common import form_page, posted

SUMMARY_LIMIT = 10
"""Problems shown in the error summary at the top; the table below lists every one."""


def _kind(kind: str) -> WebKind:
    found = web_kind(kind)
    if found is None:
        raise Http404("No such kind of record")
    return found


def _save(upload: UploadedFile, folder: Path) -> Path:
    """Keep the uploaded file's own name, so that errors name the file the user chose."""
    folder.mkdir()
    path = folder / Path(upload.name or "upload").name
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path


def _counts_message(counts: dict[str, int], what: str) -> str:
    parts = [f"{counts.get(key, 0)} {label}" for key, label in (("created", "added"), ("updated", "changed"))]
    if counts.get("deleted"):
        parts.append(f"{counts['deleted']} emptied")
    return f"The {what} sheets have been imported: {', '.join(parts)}, {counts.get('unchanged', 0)} unchanged"


@partnership_view(RECORD)
def import_records(request: HttpRequest, access: PartnershipAccess, kind: str) -> HttpResponse:
    partnership = access.partnership
    chosen = _kind(kind)
    companions = list(chosen.core.companion_names)
    form = ImportForm(
        posted(request), request.FILES if request.method == "POST" else None, companions=companions
    )
    list_url = reverse(chosen.list_page, args=[partnership.slug])
    problems = []
    if request.method == "POST" and form.is_valid():
        with tempfile.TemporaryDirectory() as folder:
            main = _save(form.cleaned_data["file"], Path(folder) / "main")
            extra = {
                name: _save(form.cleaned_data[name], Path(folder) / name)
                if form.cleaned_data.get(name)
                else None
                for name in companions
            }
            try:
                counts = import_sheets(partnership, chosen.name, main, extra)
            except ImportRefused as refused:
                problems = refused.errors
            else:
                messages.success(request, _counts_message(counts, chosen.label))
                return redirect(list_url)
        for problem in problems[:SUMMARY_LIMIT]:
            form.add_error("file", str(problem))
        if len(problems) > SUMMARY_LIMIT:
            form.add_error(
                "file", f"And {len(problems) - SUMMARY_LIMIT} more problems, listed below the form"
            )
    return form_page(
        request,
        partnership,
        form,
        title=f"Import {chosen.label}",
        submit="Import",
        back_url=list_url,
        intro=(
            "Nothing is stored unless the whole file is right. Rows are matched by their reference: "
            "new ones are added, changed ones updated, and records missing from the file are kept."
        ),
        template="structure/import.html",
        kind=chosen.name,
        problems=problems,
    )


def _attachment(download: Download) -> HttpResponse:
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="{download.filename}"'
    return response


@partnership_view()
def download_workbook(request: HttpRequest, access: PartnershipAccess, kind: str) -> HttpResponse:
    return _attachment(export_workbook(access.partnership, _kind(kind).name))


@partnership_view()
def download_csv(request: HttpRequest, access: PartnershipAccess, kind: str, sheet: str) -> HttpResponse:
    partnership = access.partnership
    try:
        download = export_csv(partnership, _kind(kind).name, sheet)
    except KeyError as missing:
        raise Http404("No such sheet") from missing
    return _attachment(download)
