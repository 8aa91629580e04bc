"""What every structure page shares: who may see or change the records, and how a form page looks.

Anyone outside the partnership gets a 404, so its existence is not revealed; a member who may
only read (a viewer) gets a 403 on any page that changes records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from joinedup.web.partnerships.access import get_partnership
from joinedup.web.partnerships.models import Membership, Partnership

VIEW = "partnerships.view_partnership"
RECORD = "partnerships.record_structure"
MANAGE = "partnerships.manage_partnership"


def viewable(request: HttpRequest, slug: str) -> Partnership:
    return get_partnership(request, slug, VIEW)


def editable(request: HttpRequest, slug: str) -> Partnership:
    """The partnership, if the user may record structure in it: 404 for strangers, 403 for viewers."""
    partnership = get_partnership(request, slug, VIEW)
    if not request.user.has_perm(RECORD, partnership):
        raise PermissionDenied("Only coordinators and partner leads can change these records")
    return partnership


def can_edit(request: HttpRequest, partnership: Partnership) -> bool:
    return bool(request.user.has_perm(RECORD, partnership))


def membership(request: HttpRequest, partnership: Partnership) -> Membership | None:
    return (
        Membership.objects.filter(user=request.user, partnership=partnership).select_related("agency").first()
    )


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
