"""The one access layer: who may see or do what in a partnership, and how a view asks.

Every partnership page is a function view taking `slug`, wrapped in `partnership_view(PERMISSION)`.
The decorator reads the partnership and the user's membership in one query, remembers it for the
rest of the request, and refuses in one way everywhere:

- anonymous users and users who are not members get a 404, so another partnership's existence
  is not revealed (with LoginRequiredMiddleware an anonymous user is sent to sign in first);
- members whose role lacks the permission get a 403;
- everyone else gets the view called as `view(request, access, **kwargs)`.

A member's permissions follow from their role alone (`ROLE_PERMISSIONS`); a superuser who is not a
member is an outsider here too, since each partnership sees only its own data. Two permissions are
not about one partnership and come from the account instead:

- `EDIT_EVIDENCE`: staff, or a member of the Django group "Evidence editors". It guards the pages
  that write to the shared evidence base every partnership reads.
- `CREATE_PARTNERSHIP`: staff, or a member of the Django group "Partnership creators". Give it in
  the admin (Groups) to the people who set partnerships up; the demo coordinator has it.

The django-rules predicates in `rules.py` register the same permissions, so `user.has_perm(MANAGE,
partnership)` and `{% if perms... %}` agree with the decorator and share its cached membership.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeGuard

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from .models import Membership, Partnership, Role, Round

VIEW = "partnerships.view_partnership"
RECORD = "partnerships.record_structure"
MANAGE = "partnerships.manage_partnership"
DOWNLOAD_ROWS = "partnerships.download_responses"
EDIT_EVIDENCE = "evidence.edit_evidence"
CREATE_PARTNERSHIP = "partnerships.create_partnership"

EVIDENCE_EDITORS_GROUP = "Evidence editors"
PARTNERSHIP_CREATORS_GROUP = "Partnership creators"

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    str(Role.COORDINATOR): frozenset({VIEW, RECORD, MANAGE, DOWNLOAD_ROWS}),
    str(Role.PARTNER_LEAD): frozenset({VIEW, RECORD}),
    str(Role.VIEWER): frozenset({VIEW}),
}

REFUSALS: dict[str, str] = {
    RECORD: "Only coordinators and partner leads can do this",
    MANAGE: "Only coordinators can do this",
    DOWNLOAD_ROWS: "Only coordinators can download responses",
}

_CACHE_ATTRIBUTE = "_joinedup_memberships"


@dataclass(frozen=True)
class PartnershipAccess:
    """What a view is handed: the partnership, the user's membership in it and their role."""

    partnership: Partnership
    membership: Membership
    role: str

    def has(self, permission: str) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())

    @property
    def can_record(self) -> bool:
        return self.has(RECORD)

    @property
    def can_manage(self) -> bool:
        return self.has(MANAGE)

    @property
    def can_download_rows(self) -> bool:
        return self.has(DOWNLOAD_ROWS)


def _cache(user: Any) -> dict[Any, Membership | None]:
    """Memberships already read for this user object, keyed by partnership id and by slug.

    The user object lives as long as the request, so this is a per-request cache that rules
    predicates (which see only the user) and the decorator (which sees the request) share.
    """
    cache = getattr(user, _CACHE_ATTRIBUTE, None)
    if cache is None:
        cache = {}
        setattr(user, _CACHE_ATTRIBUTE, cache)
    return cache


def _signed_in(user: AbstractBaseUser | AnonymousUser) -> TypeGuard[User]:
    """A signed-in, active account: only such a user can be a member of anything."""
    return isinstance(user, User) and user.is_authenticated and user.is_active


def membership_for(
    user: AbstractBaseUser | AnonymousUser, partnership: Partnership | None
) -> Membership | None:
    """The user's membership of `partnership`, read at most once per request; None for outsiders."""
    if partnership is None or not _signed_in(user):
        return None
    cache = _cache(user)
    key = ("pk", partnership.pk)
    if key not in cache:
        found = Membership.objects.filter(user=user, partnership=partnership).select_related("agency").first()
        if found is not None:
            found.partnership = partnership
        cache[key] = found
    return cache[key]


def _membership_by_slug(user: AbstractBaseUser | AnonymousUser, slug: str) -> Membership | None:
    if not _signed_in(user):
        return None
    cache = _cache(user)
    key = ("slug", slug)
    if key not in cache:
        found = (
            Membership.objects.filter(user=user, partnership__slug=slug)
            .select_related("partnership", "agency")
            .first()
        )
        cache[key] = found
        if found is not None:
            cache[("pk", found.partnership_id)] = found
    return cache[key]


def access_for(
    request: HttpRequest, slug: str, permission: str = VIEW, refusal: str | None = None
) -> PartnershipAccess:
    """The user's access to the partnership `slug`: 404 for outsiders, 403 without `permission`.

    `refusal` is the sentence the 403 page shows; by default one naming who may do it.
    """
    membership = _membership_by_slug(request.user, slug)
    if membership is None:
        raise Http404("No partnership found")
    access = PartnershipAccess(membership.partnership, membership, membership.role)
    if not access.has(permission):
        raise PermissionDenied(refusal or REFUSALS.get(permission, "You do not have permission to do this"))
    return access


def partnership_view(
    permission: str = VIEW, *, refusal: str | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Wrap a view taking `slug` so it is called as `view(request, access, **kwargs)`."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponse:
            return view(request, access_for(request, slug, permission, refusal), **kwargs)

        return wrapped

    return decorate


def round_for(access: PartnershipAccess, round_id: int) -> Round:
    """The round `round_id` of the accessed partnership; 404 if it belongs to another one."""
    found = Round.objects.filter(partnership=access.partnership, pk=round_id).first()
    if found is None:
        raise Http404("No round found")
    found.partnership = access.partnership
    return found

