"""Coordinator pages: partnerships, agencies, members, rounds and invitation links."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from .access import get_partnership, get_round
from .forms import AgencyForm, InvitedForm, MemberForm, PartnershipForm, RoundForm
from .models import Invitation, Membership, Partnership, Role, Round, RoundStatus

MANAGE = "partnerships.manage_partnership"


@login_required
def home(request: HttpRequest) -> HttpResponse:
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("partnership")
        .order_by("partnership__name")
    )
    return render(request, "partnerships/home.html", {"memberships": memberships})


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "partnership"
    slug, n = base, 2
    while Partnership.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@login_required
def partnership_create(request: HttpRequest) -> HttpResponse:
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


@login_required
def partnership_detail(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership(request, slug)
    return render(
        request,
        "partnerships/partnership_detail.html",
        {
            "partnership": partnership,
            "agencies": partnership.agencies.all(),
            "rounds": partnership.rounds.annotate(response_count=Count("responses")),
            "members": partnership.memberships.select_related("user").order_by("user__username"),
            "can_manage": request.user.has_perm(MANAGE, partnership),
            "can_record": request.user.has_perm("partnerships.record_structure", partnership),
        },
    )


@login_required
def agency_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership(request, slug, MANAGE)
    form = AgencyForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        agency = form.save()
        for open_round in partnership.rounds.exclude(status=RoundStatus.CLOSED):
            Invitation.objects.get_or_create(round=open_round, agency=agency)
        messages.success(request, f"{agency.name} has been added")
        return redirect(partnership)
    return render(request, "partnerships/agency_form.html", {"form": form, "partnership": partnership})


@login_required
def member_add(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership(request, slug, MANAGE)
    form = MemberForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["username"]
        Membership.objects.create(user=user, partnership=partnership, role=form.cleaned_data["role"])
        messages.success(request, f"{user.get_username()} has been added")
        return redirect(partnership)
    return render(request, "partnerships/member_form.html", {"form": form, "partnership": partnership})


@login_required
def round_create(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = get_partnership(request, slug, MANAGE)
    form = RoundForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form.is_valid():
        from joinedup.instrument import load_instrument

        with transaction.atomic():
            new_round = form.save(commit=False)
            new_round.instrument_fingerprint = load_instrument(new_round.instrument_version).fingerprint()
            new_round.save()
            Invitation.objects.bulk_create(
                Invitation(round=new_round, agency=a) for a in partnership.agencies.all()
            )
        messages.success(
            request, f"{new_round.name} has been created as a draft. Open it when you are ready."
        )
        return redirect(new_round)
    return render(request, "partnerships/round_form.html", {"form": form, "partnership": partnership})


def response_counts(a_round: Round) -> tuple[list[dict[str, object]], int | None]:
    """Responses per agency with small groups suppressed, and the total (hidden below the minimum)."""
    import numpy as np

    from joinedup.analysis.disclosure import suppress_small_groups

    invitations = list(a_round.invitations.select_related("agency"))
    counts = dict(
        a_round.responses.values("agency__name").annotate(n=Count("pk")).values_list("agency__name", "n")
    )
    for invitation in invitations:
        if invitation.agency:
            counts.setdefault(invitation.agency.name, 0)
    names = sorted(counts)
    values = np.array([counts[name] for name in names], dtype=np.int64)
    hidden = suppress_small_groups(values, np.ones(len(names), dtype=bool), a_round.min_group_size)
    invited = {i.agency.name: i.invited for i in invitations if i.agency is not None}
    rows: list[dict[str, object]] = [
        {"agency": name, "count": None if is_hidden else int(n), "invited": invited.get(name)}
        for name, n, is_hidden in zip(names, values, hidden, strict=True)
    ]
    total = int(values.sum())
    return rows, total if total >= a_round.min_group_size else None


@login_required
def round_detail(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    a_round = get_round(request, slug, round_id)
    rows, total = response_counts(a_round)
    invitations = a_round.invitations.select_related("agency").order_by("agency__name")
    links = [{"invitation": i, "url": request.build_absolute_uri(i.get_absolute_url())} for i in invitations]
    return render(
        request,
        "partnerships/round_detail.html",
        {
            "partnership": a_round.partnership,
            "round": a_round,
            "links": links,
            "counts": rows,
            "total": total,
            "can_manage": request.user.has_perm(MANAGE, a_round.partnership),
            "can_record": request.user.has_perm("partnerships.record_structure", a_round.partnership),
        },
    )


_TRANSITIONS = {
    "open": (RoundStatus.DRAFT, RoundStatus.OPEN),
    "close": (RoundStatus.OPEN, RoundStatus.CLOSED),
}


@login_required
@require_POST
def round_status(request: HttpRequest, slug: str, round_id: int, action: str) -> HttpResponse:
    a_round = get_round(request, slug, round_id, MANAGE)
    if action not in _TRANSITIONS:
        messages.error(request, "That change of status is not possible")
        return redirect(a_round)
    source, target = _TRANSITIONS[action]
    updated = Round.objects.filter(pk=a_round.pk, status=source).update(status=target)
    if updated:
        messages.success(request, f"{a_round.name} is now {target.label.lower()}")
    else:
        messages.error(
            request, f"{a_round.name} is {a_round.get_status_display().lower()}, so it cannot be {action}ed"
        )
    return redirect(a_round)


@login_required
def invitation_edit(request: HttpRequest, slug: str, round_id: int, invitation_id: int) -> HttpResponse:
    a_round = get_round(request, slug, round_id, MANAGE)
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
