"""Funding lines, the posts they pay for, and the costs nobody has agreed to pay."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from simple_history.utils import get_history_manager_for_model

from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view
from joinedup.web.partnerships.models import Partnership

from ..forms import PartnershipRecordForm
from ..history import history_of
from ..kinds import WEB_RECORDS, WebRecordKind
from ..models import FundingLine, Post, UnfundedCost
from .common import form_page, posted

LINE, POST, COST = (WEB_RECORDS[name] for name in ("funding-line", "post", "unfunded-cost"))
"""The three funding record kinds, from the registry; their pages are otherwise alike."""


def _pages(kind: WebRecordKind) -> tuple[type[PartnershipRecordForm], str]:
    """The kind's form and detail template, which the registry gives every funding kind."""
    form, template = kind.form, kind.template
    if form is None or not issubclass(form, PartnershipRecordForm) or template is None:
        raise LookupError(f"the registry gives {kind.name} no partnership form or detail page")
    return form, template


def _funding_url(partnership: Partnership) -> str:
    return reverse("structure:funding", args=[partnership.slug])


def _record(kind: WebRecordKind, partnership: Partnership, pk: int) -> FundingLine | Post | UnfundedCost:
    found = kind.model._default_manager.filter(partnership=partnership, pk=pk).first()
    if found is None:
        raise Http404(f"No {kind.noun} found")
    if not isinstance(found, FundingLine | Post | UnfundedCost):
        raise TypeError(f"{kind.name} is not a funding record kind")
    return found


@partnership_view()
def funding(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    lines = partnership.funding_lines.select_related("agency")
    return render(
        request,
        "structure/funding.html",
        {
            "partnership": partnership,
            "lines": lines,
            "total": lines.aggregate(total=Sum("amount_per_year"))["total"],
            "posts": partnership.posts.select_related("agency").prefetch_related("funded_by"),
            "costs": partnership.unfunded_costs.prefetch_related("agencies"),
            "can_edit": access.can_record,
        },
    )


def _detail(request: HttpRequest, access: PartnershipAccess, pk: int, kind: WebRecordKind) -> HttpResponse:
    partnership = access.partnership
    found = _record(kind, partnership, pk)
    return render(
        request,
        _pages(kind)[1],
        {
            "partnership": partnership,
            "record": found,
            "can_edit": access.can_record,
            "history": history_of(get_history_manager_for_model(kind.model).filter(id=found.pk)),
        },
    )


def _add(request: HttpRequest, access: PartnershipAccess, kind: WebRecordKind) -> HttpResponse:
    partnership = access.partnership
    form = _pages(kind)[0](posted(request), partnership=partnership)
    if request.method == "POST" and form.is_valid():
        created = form.save()
        messages.success(request, f"The {kind.noun} {created.reference} has been added")
        return redirect(created)
    return form_page(
        request,
        partnership,
        form,
        title=f"Add a {kind.noun}",
        submit=f"Add {kind.noun}",
        back_url=_funding_url(partnership),
    )


def _edit(request: HttpRequest, access: PartnershipAccess, pk: int, kind: WebRecordKind) -> HttpResponse:
    partnership = access.partnership
    found = _record(kind, partnership, pk)
    form = _pages(kind)[0](posted(request), instance=found, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"The {kind.noun} {found.reference} has been saved")
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change the {kind.noun} {found.reference}",
        submit="Save",
        back_url=found.get_absolute_url(),
    )


@partnership_view()
def funding_line(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    return _detail(request, access, pk, LINE)


@partnership_view(RECORD)
def funding_line_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    return _add(request, access, LINE)


@partnership_view(RECORD)
def funding_line_edit(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    return _edit(request, access, pk, LINE)


@partnership_view()
def post(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    return _detail(request, access, pk, POST)


@partnership_view(RECORD)
def post_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    return _add(request, access, POST)


@partnership_view(RECORD)
def post_edit(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    return _edit(request, access, pk, POST)


@partnership_view()
def unfunded_cost(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    return _detail(request, access, pk, COST)


@partnership_view(RECORD)
def unfunded_cost_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    return _add(request, access, COST)


@partnership_view(RECORD)
def unfunded_cost_edit(request: HttpRequest, access: PartnershipAccess, pk: int) -> HttpResponse:
    return _edit(request, access, pk, COST)
