"""People and names: a colleague without an account joins through a single-use set-password link;
coordinators rename and archive the partnership and its agencies (history kept by simple-history).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import BaseUserCreationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from joinedup.web.govuk_forms import GovukFormMixin

from .access import MANAGE, PartnershipAccess, partnership_view
from .forms import AgencyForm, PartnershipForm
from .models import Agency, Membership, MembershipInvitation
from .rounds import ConfirmForm as ArchiveForm

JOIN_LINK_LIFETIME = timedelta(days=14)


class JoinForm(GovukFormMixin, BaseUserCreationForm):
    """A username and a password (Django's password rules) for the invited address. Django's own
    hint and messages ("Required. 150 characters or fewer...", "The two password fields didn't
    match.") are replaced with GOV.UK ones that say what to do."""

    error_messages = {
        **BaseUserCreationForm.error_messages,
        "password_mismatch": "Enter the same password twice",
    }

    class Meta(BaseUserCreationForm.Meta):
        model = get_user_model()
        fields = ("username",)
        labels = {"username": "Choose a username"}
        help_texts = {"username": "Up to 150 letters, numbers and @ . + - _"}
        error_messages = {
            "username": {
                "required": "Enter a username",
                "unique": "That username is taken",
                "invalid": "Enter a username using letters, numbers and @ . + - _ only",
                "max_length": "Enter a username of 150 characters or fewer",
            }
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].error_messages["required"] = "Enter a password"
        self.fields["password2"].error_messages["required"] = "Type the password again"
        self.fields["password1"].label = "Choose a password"
        self.fields[
            "password1"
        ].help_text = (
            "At least 12 characters, not a common password and not like your username or e-mail address"
        )
        self.fields["password2"].label = "Type the password again"
        self.fields["password2"].help_text = ""


def _join_invitation(token: str) -> MembershipInvitation | None:
    """A pending invitation to an address with no account yet, made within `JOIN_LINK_LIFETIME`."""
    invitation = (
        MembershipInvitation.objects.select_related("partnership")
        .filter(
            token=token,
            user=None,
            accepted_at=None,
            declined_at=None,
            created_at__gte=timezone.now() - JOIN_LINK_LIFETIME,
        )
        .exclude(email="")
        .first()
    )
    if invitation is None or get_user_model().objects.filter(email__iexact=invitation.email).exists():
        return None
    return invitation


@login_not_required
@never_cache
def join(request: HttpRequest, token: str) -> HttpResponse:
    """Set a password and join with the invited role; the link works once (the invitation is
    claimed by one conditional UPDATE) and for 14 days."""
    invitation = _join_invitation(token)
    if invitation is None:
        return render(request, "partnerships/join_used.html", status=410)
    form = JoinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save(commit=False)
            user.email = invitation.email
            user.save()
            claimed = MembershipInvitation.objects.filter(
                pk=invitation.pk, user=None, accepted_at=None, declined_at=None
            ).update(accepted_at=timezone.now(), user=user)
            if not claimed:
                transaction.set_rollback(True)
                return render(request, "partnerships/join_used.html", status=410)
            Membership.objects.create(
                user=user, partnership=invitation.partnership, role=invitation.role, agency=invitation.agency
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome. You are now a member of {invitation.partnership.name}")
        return redirect(invitation.partnership)
    return render(request, "partnerships/join.html", {"form": form, "invitation": invitation})


def _archive_page(
    request: HttpRequest, form: ArchiveForm, partnership: Any, thing: str, archived: bool
) -> HttpResponse:
    return render(
        request,
        "partnerships/archive_confirm.html",
        {
            "form": form,
            "partnership": partnership,
            "thing": thing,
            "archived": archived,
            "back_url": partnership.get_absolute_url(),
        },
    )


@partnership_view(MANAGE)
def partnership_edit(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = PartnershipForm(request.POST or None, instance=partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{partnership.name} has been saved")
        return redirect(partnership)
    return render(
        request,
        "partnerships/partnership_form.html",
        {"form": form, "partnership": partnership, "editing": True},
    )


@partnership_view(MANAGE)
def partnership_archive(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        partnership.archived = not partnership.archived
        partnership.save(update_fields=["archived"])
        done = "archived" if partnership.archived else "brought back from the archive"
        messages.success(request, f"{partnership.name} has been {done}")
        return redirect(partnership)
    return _archive_page(request, form, partnership, partnership.name, partnership.archived)


def _agency(access: PartnershipAccess, agency_id: int) -> Agency:
    from django.http import Http404

    agency = Agency.objects.filter(partnership=access.partnership, pk=agency_id).first()
    if agency is None:
        raise Http404("No agency found")
    return agency


@partnership_view(MANAGE)
def agency_edit(request: HttpRequest, access: PartnershipAccess, agency_id: int) -> HttpResponse:
    agency = _agency(access, agency_id)
    form = AgencyForm(request.POST or None, instance=agency, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"{agency.name} has been saved")
        return redirect(access.partnership)
    return render(
        request,
        "partnerships/agency_form.html",
        {"form": form, "partnership": access.partnership, "editing": True},
    )


@partnership_view(MANAGE)
def agency_archive(request: HttpRequest, access: PartnershipAccess, agency_id: int) -> HttpResponse:
    agency = _agency(access, agency_id)
    form = ArchiveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        agency.archived = not agency.archived
        agency.save(update_fields=["archived"])
        done = "archived" if agency.archived else "brought back from the archive"
        messages.success(request, f"{agency.name} has been {done}")
        return redirect(access.partnership)
    return _archive_page(request, form, access.partnership, agency.name, agency.archived)
