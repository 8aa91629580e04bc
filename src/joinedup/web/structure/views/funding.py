"""Funding lines, the posts they pay for, and the costs nobody has agreed to pay."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.web.partnerships.models import Partnership

from ..forms import FundingLineForm, PartnershipRecordForm, PostForm, UnfundedCostForm
from ..history import history_of
from ..models import FundingLine, Post, UnfundedCost
from .common import can_edit, editable, form_page, posted, viewable


@dataclass(frozen=True)
class RecordKind:
    """What differs between the three funding record kinds; their pages are otherwise alike."""

    model: type[Model]
    form: type[PartnershipRecordForm]
    noun: str
    template: str


LINE = RecordKind(FundingLine, FundingLineForm, "funding line", "structure/funding_line_detail.html")
POST = RecordKind(Post, PostForm, "post", "structure/post_detail.html")
COST = RecordKind(UnfundedCost, UnfundedCostForm, "unfunded cost", "structure/unfunded_cost_detail.html")


def _funding_url(partnership: Partnership) -> str:
    return reverse("structure:funding", args=[partnership.slug])


def _record(kind: RecordKind, partnership: Partnership, pk: int) -> Model:
    found = kind.model._default_manager.filter(partnership=partnership, pk=pk).first()  # type: ignore[attr-defined]
    if found is None:
        raise Http404(f"No {kind.noun} found")
    return found


@login_required
def funding(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = viewable(request, slug)
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
            "can_edit": can_edit(request, partnership),
        },
    )


def _detail(request: HttpRequest, slug: str, pk: int, kind: RecordKind) -> HttpResponse:
    partnership = viewable(request, slug)
    found = _record(kind, partnership, pk)
    return render(
        request,
        kind.template,
        {
            "partnership": partnership,
            "record": found,
            "can_edit": can_edit(request, partnership),
            "history": history_of(kind.model.history.filter(id=found.pk)),  # type: ignore[attr-defined]
        },
    )


def _add(request: HttpRequest, slug: str, kind: RecordKind) -> HttpResponse:
    partnership = editable(request, slug)
    form = kind.form(posted(request), partnership=partnership)
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


def _edit(request: HttpRequest, slug: str, pk: int, kind: RecordKind) -> HttpResponse:
    partnership = editable(request, slug)
    found = _record(kind, partnership, pk)
    form = kind.form(posted(request), instance=found, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"The {kind.noun} {found.reference} has been saved")  # type: ignore[attr-defined]
        return redirect(found)
    return form_page(
        request,
        partnership,
        form,
        title=f"Change the {kind.noun} {found.reference}",  # type: ignore[attr-defined]
        submit="Save",
        back_url=found.get_absolute_url(),  # type: ignore[attr-defined]
    )


@login_required
def funding_line(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _detail(request, slug, pk, LINE)


@login_required
def funding_line_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _add(request, slug, LINE)


@login_required
def funding_line_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _edit(request, slug, pk, LINE)


@login_required
def post(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _detail(request, slug, pk, POST)


@login_required
def post_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _add(request, slug, POST)


@login_required
def post_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _edit(request, slug, pk, POST)


@login_required
def unfunded_cost(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _detail(request, slug, pk, COST)


@login_required
def unfunded_cost_add(request: HttpRequest, slug: str) -> HttpResponse:
    return _add(request, slug, COST)


@login_required
def unfunded_cost_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _edit(request, slug, pk, COST)
