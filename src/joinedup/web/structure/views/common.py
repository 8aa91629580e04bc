"""What every structure page shares: today's date and how a form page looks.

Who may see or change the records is decided by `joinedup.web.partnerships.access.partnership_view`:
outsiders get a 404, members who may only read (viewers) a 403 on any page that changes records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from joinedup.web.partnerships.models import Partnership


def today() -> date:
    return timezone.localdate()


def form_page(
    request: HttpRequest,
    partnership: Partnership,
    form: forms.BaseForm,
    *,
    title: str,
    submit: str,
    back_url: str,
    intro: str = "",
    template: str = "structure/form.html",
    **extra: Any,
) -> HttpResponse:
    """A one-form page; the template opens with the GOV.UK error summary."""
    context = {
        "partnership": partnership,
        "form": form,
        "title": title,
        "submit": submit,
        "back_url": back_url,
        "intro": intro,
        **extra,
    }
    return render(request, template, context)


def posted(request: HttpRequest) -> Any:
    """The submitted data on a POST, even when empty, so an empty form is bound and shows its
    errors; None on a GET."""
    return request.POST if request.method == "POST" else None
