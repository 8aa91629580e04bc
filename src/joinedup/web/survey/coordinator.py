"""The coordinator's survey settings: one response per browser or several for shared devices,
and single-use links for one response per person."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse

from joinedup.web.govuk_forms import GovukFormMixin
from joinedup.web.partnerships.access import MANAGE, PartnershipAccess, partnership_view, round_for
from joinedup.web.partnerships.models import Invitation

from .models import SingleUseLink

ONE = "one"
SEVERAL = "several"


class ResponseModeForm(GovukFormMixin, forms.Form):
    mode = forms.ChoiceField(
        label="How many sets of answers can one browser send?",
        help_text="A browser that has sent its answers keeps only a note that it did, with nothing "
        "about the person or their answers. Someone with a second device can still answer twice.",
        choices=[
            (ONE, "One: each browser can send one set of answers (recommended)"),
            (SEVERAL, "Several: people share a computer or tablet to answer"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how many sets of answers one browser can send"},
    )


@partnership_view(MANAGE)
def response_mode(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    initial = {"mode": ONE if a_round.one_response_per_browser else SEVERAL}
    form = ResponseModeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        a_round.one_response_per_browser = form.cleaned_data["mode"] == ONE
        a_round.save(update_fields=["one_response_per_browser"])
        messages.success(
            request,
            "Each browser can now send one set of answers"
            if a_round.one_response_per_browser
            else "One browser can now send several sets of answers",
        )
        return redirect(a_round.get_absolute_url())
    return render(
        request,
        "survey/response_mode.html",
        {
            "form": form,
            "partnership": access.partnership,
            "round": a_round,
            "back_url": a_round.get_absolute_url(),
        },
    )


MAX_LINKS_AT_ONCE = 500


class SingleUseLinksForm(GovukFormMixin, forms.Form):
    invitation = forms.TypedChoiceField(
        label="Which agency are the links for?",
        coerce=int,
        error_messages={
            "required": "Select the agency the links are for",
            "invalid_choice": "Select one of this round's agencies",
        },
    )
    how_many = forms.IntegerField(
        label="How many people need a link?",
        help_text=f"Each link works once. You can make up to {MAX_LINKS_AT_ONCE} at a time, and more later.",
        min_value=1,
        max_value=MAX_LINKS_AT_ONCE,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
        error_messages={
            "required": "Enter how many people need a link",
            "invalid": "Enter a whole number, like 25",
            "min_value": "Enter 1 or more",
            "max_value": f"Enter {MAX_LINKS_AT_ONCE} or fewer: you can make more afterwards",
        },
    )

    def __init__(self, *args: Any, invitations: Sequence[Invitation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["invitation"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(i.pk, str(i.agency or "Any agency (they choose)")) for i in invitations]


@partnership_view(MANAGE)
def single_use_links(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """Make links that each send answers once, for partnerships that want one response per person.

    The page lists the links, never whether each has been used: that would show who has answered,
    and how many from an agency, below the minimum group size.
    """
    a_round = round_for(access, round_id)
    invitations = list(a_round.invitations.select_related("agency").order_by("agency__name"))
    form = SingleUseLinksForm(request.POST if request.method == "POST" else None, invitations=invitations)
    if request.method == "POST" and form.is_valid():
        invitation = next(i for i in invitations if i.pk == form.cleaned_data["invitation"])
        how_many = form.cleaned_data["how_many"]
        SingleUseLink.objects.bulk_create(SingleUseLink(invitation=invitation) for _ in range(how_many))
        messages.success(
            request,
            f"{how_many} single-use link{pluralize(how_many)} made for {invitation.agency or 'any agency'}",
        )
        return redirect("partnerships:round_single_use_links", access.partnership.slug, a_round.pk)
    groups = [
        {
            "invitation": invitation,
            "urls": [
                request.build_absolute_uri(reverse("survey:start", args=[link.token]))
                for link in invitation.single_use_links.order_by("pk")
            ],
        }
        for invitation in invitations
    ]
    return render(
        request,
        "survey/single_use_links.html",
        {
            "form": form,
            "partnership": access.partnership,
            "round": a_round,
            "groups": [group for group in groups if group["urls"]],
            "back_url": a_round.get_absolute_url(),
        },
    )
