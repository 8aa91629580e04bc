"""Coordinator pages: partnerships, agencies, members, rounds and invitation links."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from joinedup.web.signed_in import SignedInRequest
from joinedup.web.tasks import send_email_task

from .access import CREATE_PARTNERSHIP, MANAGE, PartnershipAccess, partnership_view, round_for
from .forms import AgencyForm, InvitedForm, MemberForm, PartnershipForm, RoundForm
from .models import (
    CLOSING_GRACE,
    Invitation,
    InvitationRecipient,
    Membership,
    MembershipInvitation,
    Partnership,
    Role,
    Round,
    RoundStatus,
)


def home(request: SignedInRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user, partnership__archived=False)
        .select_related("partnership")
        .order_by("partnership__name")
    )
    return render(
        request,
        "partnerships/home.html",
        {
            "memberships": memberships,
            "invitations": _pending_for(request.user),
            "can_create": request.user.has_perm(CREATE_PARTNERSHIP),
        },
    )


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "partnership"
    slug, n = base, 2
    while Partnership.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@permission_required(CREATE_PARTNERSHIP, raise_exception=True)
def partnership_create(request: SignedInRequest) -> HttpResponse:
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            partnership = form.save(commit=False)
            partnership.slug = _unique_slug(partnership.name)
            partnership.save()
            Membership.objects.create(user=request.user, partnership=partnership, role=Role.COORDINATOR)
        messages.success(request, f"{partnership.name} has been created. Add its member agencies next.")
        return redirect(partnership)
    return render(request, "partnerships/partnership_form.html", {"form": form})


@partnership_view()
def partnership_detail(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "agencies": partnership.agencies.filter(archived=False),
            "archived_agencies": partnership.agencies.filter(archived=True),
            "rounds": partnership.rounds.filter(archived=False).annotate(response_count=Count("responses")),
            "archived_rounds": partnership.rounds.filter(archived=True),
            "members": partnership.memberships.select_related("user").order_by("user__username"),
            "access": access,
            "can_manage": access.can_manage,
            "can_record": access.can_record,
        },
    )


@partnership_view(MANAGE)
def agency_add(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = AgencyForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        agency = form.save()
        for open_round in partnership.rounds.exclude(status=RoundStatus.CLOSED).filter(archived=False):
            Invitation.objects.get_or_create(round=open_round, agency=agency)
        messages.success(request, f"{agency.name} has been added")
        return redirect(partnership)
    return render(request, "partnerships/agency_form.html", {"form": form, "partnership": partnership})


def _pending_for(user: Any) -> QuerySet[MembershipInvitation]:
    """Invitations waiting for this account: made to it, or to its e-mail address before it existed."""
    offered = Q(user=user)
    if user.email:
        offered |= Q(user__isnull=True, email__iexact=user.email)
    return MembershipInvitation.objects.filter(offered, accepted_at=None, declined_at=None).select_related(
        "partnership", "created_by"
    )


def _send_invitation_email(request: HttpRequest, invitation: MembershipInvitation, address: str) -> None:
    """An account holder is asked to sign in and accept; an address with no account gets a
    single-use link to set a password and join (`people.join`)."""
    inviter = invitation.created_by.get_username() if invitation.created_by else "A coordinator"
    if invitation.user is None:
        join_url = request.build_absolute_uri(reverse("partnerships:join", args=[invitation.token]))
        action = f"Choose a username and password to join (the link works once, for 14 days): {join_url}"
        # There is no account to decline from: ignoring the e-mail lets the link lapse.
        unexpected = (
            "If you were not expecting this, ignore this message: nobody joins without choosing a password."
        )
    else:
        home_url = request.build_absolute_uri(reverse("partnerships:home"))
        action = f"Sign in to accept or decline: {home_url}"
        unexpected = "If you were not expecting this, decline it or ignore this message."
    send_email_task.enqueue(
        f"You have been invited to join {invitation.partnership.name}",
        (
            f"{inviter} has invited you to join {invitation.partnership.name} as "
            f"{invitation.get_role_display().lower()}.\n\n"
            f"{action}\n\n{unexpected}"
        ),
        [address],
    )


@partnership_view(MANAGE)
def member_add(request: SignedInRequest, access: PartnershipAccess) -> HttpResponse:
    """Invite someone by username or e-mail address; nobody joins until they accept.

    Whatever was entered, the answer is the same message naming what was entered, so the page
    cannot be used to find out which usernames or addresses have accounts.
    """
    partnership = access.partnership
    form = MemberForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        user, email = form.invitee()
        already = (
            user is not None
            and (
                Membership.objects.filter(user=user, partnership=partnership).exists()
                or _pending_for(user).filter(partnership=partnership).exists()
            )
        ) or (
            email != ""
            and MembershipInvitation.objects.filter(
                partnership=partnership, user=None, email__iexact=email, accepted_at=None, declined_at=None
            ).exists()
        )
        if (user is not None or email) and not already:
            invitation = MembershipInvitation.objects.create(
                partnership=partnership,
                user=user,
                email=email,
                role=form.cleaned_data["role"],
                agency=form.cleaned_data["agency"],
                created_by=request.user,
            )
            address = user.email if user is not None else email
            if address:
                transaction.on_commit(lambda: _send_invitation_email(request, invitation, address))
        messages.success(
            request,
            f"If an account exists for {form.cleaned_data['who']}, they have been invited. "
            "They join the partnership when they accept.",
        )
        return redirect(partnership)
    return render(request, "partnerships/member_form.html", {"form": form, "partnership": partnership})


@require_POST
def invitation_respond(request: SignedInRequest, token: str, answer: str) -> HttpResponse:
    """Accept (which creates the membership) or decline an invitation made to the signed-in account."""
    invitation = _pending_for(request.user).filter(token=token).first()
    if invitation is None or answer not in {"accept", "decline"}:
        raise Http404("No invitation found")
    now = timezone.now()
    if answer == "decline":
        MembershipInvitation.objects.filter(pk=invitation.pk, accepted_at=None, declined_at=None).update(
            declined_at=now
        )
        messages.success(request, f"You have declined the invitation to {invitation.partnership.name}")
        return redirect("partnerships:home")
    with transaction.atomic():
        claimed = MembershipInvitation.objects.filter(
            pk=invitation.pk, accepted_at=None, declined_at=None
        ).update(accepted_at=now, user=request.user)
        if claimed:
            Membership.objects.get_or_create(
                user=request.user,
                partnership=invitation.partnership,
                defaults={"role": invitation.role, "agency": invitation.agency},
            )
    messages.success(request, f"You are now a member of {invitation.partnership.name}")
    return redirect(invitation.partnership)


@partnership_view(MANAGE)
def round_create(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    form = RoundForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        from joinedup.instrument import load_instrument

        with transaction.atomic():
            new_round = form.save(commit=False)
            new_round.instrument_fingerprint = load_instrument(new_round.instrument_version).fingerprint()
            new_round.save()
            Invitation.objects.bulk_create(
                [Invitation(round=new_round, agency=a) for a in partnership.agencies.filter(archived=False)]
                + [Invitation(round=new_round, agency=None)]
            )
        messages.success(
            request, f"{new_round.name} has been created as a draft. Open it when you are ready."
        )
        return redirect(new_round)
    return render(request, "partnerships/round_form.html", {"form": form, "partnership": partnership})


def _rate(count: int | None, invited: int | None) -> str | None:
    """The response rate in whole per cent, only where the count is shown and the number invited known."""
    if count is None or not invited:
        return None
    return f"{round(100 * count / invited)}%"


def response_counts(a_round: Round) -> tuple[list[dict[str, object]], int | None]:
    """Responses per agency with small groups suppressed, and the total (hidden below the minimum).

    The agencies listed and the minimum group size, and so secondary suppression, are the
    analysis's (`counted_agencies`, `analysis_min_group`); a round with no answers yet lists the
    agencies it invited, all hidden."""
    import numpy as np

    from joinedup.analysis.disclosure import suppress_small_groups
    from joinedup.web.reporting.services import analysis_min_group, counted_agencies

    invitations = list(a_round.invitations.select_related("agency"))
    counts = dict(
        a_round.responses.values("agency__name").annotate(n=Count("pk")).values_list("agency__name", "n")
    )
    listed = counted_agencies(a_round) if counts else [i.agency.name for i in invitations if i.agency]
    names = sorted(set(listed) | set(counts))
    counts = {name: counts.get(name, 0) for name in names}
    values = np.array([counts[name] for name in names], dtype=np.int64)
    min_group = analysis_min_group(a_round)
    hidden = suppress_small_groups(values, np.ones(len(names), dtype=bool), min_group)
    invited = {i.agency.name: i.invited for i in invitations if i.agency is not None}
    rows: list[dict[str, object]] = [
        {
            "agency": name,
            "count": None if is_hidden else int(n),
            "invited": invited.get(name),
            "rate": _rate(None if is_hidden else int(n), invited.get(name)),
        }
        for name, n, is_hidden in zip(names, values, hidden, strict=True)
    ]
    total = int(values.sum())
    return rows, total if total >= min_group else None


@partnership_view()
def round_detail(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """The round's page; the survey links (and their Copy buttons) only for those who send them,
    coordinators and partner leads.

    A viewer sees the response counts but never a link: a link lets anyone answer as that agency.
    """
    a_round = round_for(access, round_id)
    rows, total = response_counts(a_round)
    links = []
    imported = a_round.has_imports()
    if access.can_record and a_round.status != RoundStatus.CLOSED and not imported:
        invitations = a_round.invitations.select_related("agency").order_by("agency__name")
        links = [
            {"invitation": i, "url": request.build_absolute_uri(i.get_absolute_url())} for i in invitations
        ]
    return render(
        request,
        "partnerships/round_detail.html",
        {
            "partnership": a_round.partnership,
            "round": a_round,
            "links": links,
            "imported": imported,
            "counts": rows,
            "total": total,
            "closed": a_round.status == RoundStatus.CLOSED,
            "in_grace": a_round.in_grace(),
            "grace_ends": a_round.closed_at + CLOSING_GRACE if a_round.closed_at else None,
            "emailed": InvitationRecipient.objects.filter(invitation__round=a_round).count(),
            "access": access,
            "can_manage": access.can_manage,
            "can_record": access.can_record,
        },
    )


@partnership_view(MANAGE)
def invitation_edit(
    request: HttpRequest, access: PartnershipAccess, round_id: int, invitation_id: int
) -> HttpResponse:
    a_round = round_for(access, round_id)
    invitation = a_round.invitations.select_related("agency").filter(pk=invitation_id).first()
    if invitation is None:
        raise Http404("No invitation found")
    form = InvitedForm(request.POST or None, initial={"invited": invitation.invited})
    if request.method == "POST" and form.is_valid():
        invitation.invited = form.cleaned_data["invited"]
        invitation.save(update_fields=["invited"])
        messages.success(
            request, f"The number invited from {invitation.agency or 'any agency'} has been saved"
        )
        return redirect(a_round)
    return render(
        request,
        "partnerships/invitation_form.html",
        {"form": form, "partnership": a_round.partnership, "round": a_round, "invitation": invitation},
    )
