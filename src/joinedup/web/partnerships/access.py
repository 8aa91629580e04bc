"""Fetching a partnership for a request, refusing anyone who is not a member."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from .models import Partnership, Round


def partnerships_for(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Partnership]:
    if not user.is_authenticated:
        return Partnership.objects.none()
    return Partnership.objects.filter(memberships__user=user).distinct()


def get_partnership(
    request: HttpRequest, slug: str, permission: str = "partnerships.view_partnership"
) -> Partnership:
    """The partnership named by `slug` if the user holds `permission` on it; 404 otherwise."""
    partnership = Partnership.objects.filter(slug=slug).first()
    if partnership is None or not request.user.has_perm(permission, partnership):
        raise Http404("No partnership found")
    return partnership


def get_round(
    request: HttpRequest, slug: str, round_id: int, permission: str = "partnerships.view_partnership"
) -> Round:
    partnership = get_partnership(request, slug, permission)
    found = Round.objects.filter(partnership=partnership, pk=round_id).select_related("partnership").first()
    if found is None:
        raise Http404("No round found")
    return found
