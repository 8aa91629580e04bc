"""The coordinator's one survey setting: one response per browser, or several for shared devices."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from joinedup.web.govuk_forms import GovukFormMixin
from joinedup.web.partnerships.access import MANAGE, PartnershipAccess, partnership_view, round_for

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
