"""Who may do what in a partnership: predicates for django-rules, derived from Membership.

Every view that shows partnership data asks these; a user with no membership
gets a 404, so the existence of another partnership is not revealed.
"""

from __future__ import annotations

from typing import Any

import rules

from .models import Membership, Partnership, Role


def _role(user: Any, partnership: Partnership | None) -> str | None:
    if partnership is None or not getattr(user, "is_authenticated", False):
        return None
    membership = Membership.objects.filter(user=user, partnership=partnership).only("role").first()
    return membership.role if membership else None


@rules.predicate
def is_member(user: Any, partnership: Partnership | None) -> bool:
    return _role(user, partnership) is not None


@rules.predicate
def is_coordinator(user: Any, partnership: Partnership | None) -> bool:
    return _role(user, partnership) == Role.COORDINATOR


@rules.predicate
def is_partner_lead_or_coordinator(user: Any, partnership: Partnership | None) -> bool:
    return _role(user, partnership) in {Role.COORDINATOR, Role.PARTNER_LEAD}


rules.add_perm("partnerships.view_partnership", is_member)
rules.add_perm("partnerships.manage_partnership", is_coordinator)
rules.add_perm("partnerships.record_structure", is_partner_lead_or_coordinator)
