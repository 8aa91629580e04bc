"""Deleting a record after a confirmation page; its change history is kept."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from joinedup.web.partnerships.access import RECORD, PartnershipAccess, partnership_view

from ..models import ActionItem, FundingLine, Meeting, Post, RaciTask, Target, UnfundedCost


@dataclass(frozen=True)
class Deletable:
    model: type[Model]
    list_page: str
    also: str
    """What goes with the record, said on the confirmation page."""


DELETABLE: dict[str, Deletable] = {
    "task": Deletable(RaciTask, "structure:roles", "Its row of the matrix goes with it."),
    "target": Deletable(Target, "structure:targets", "Its readings go with it."),
    "meeting": Deletable(
        Meeting, "structure:meetings", "Its attendance and the actions recorded at it go with it."
    ),
    "funding-line": Deletable(FundingLine, "structure:funding", "Posts paid from it lose that link."),
    "post": Deletable(Post, "structure:funding", ""),
    "unfunded-cost": Deletable(UnfundedCost, "structure:funding", ""),
    "action": Deletable(ActionItem, "structure:actions", "Its updates go with it."),
}


@partnership_view(RECORD)
def delete_record(request: HttpRequest, access: PartnershipAccess, kind: str, pk: int) -> HttpResponse:
    partnership = access.partnership
    deletable = DELETABLE.get(kind)
    if deletable is None:
        raise Http404("No such kind of record")
    found = deletable.model._default_manager.filter(partnership=partnership, pk=pk).first()  # type: ignore[attr-defined]
    if found is None:
        raise Http404("No record found")
    list_url = reverse(deletable.list_page, args=[partnership.slug])
    if request.method == "POST":
        name = str(found)
        found.delete()
        messages.success(request, f"{name} has been deleted")
        return redirect(list_url)
    return render(
        request,
        "structure/delete.html",
        {
            "partnership": partnership,
            "record": found,
            "also": deletable.also,
            "back_url": found.get_absolute_url(),
        },
    )
