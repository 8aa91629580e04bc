"""The permissions as django-rules predicates, so `user.has_perm` and templates agree with the access layer.

Per-partnership permissions follow from the user's Membership (read once per request through
`access.membership_for`); evidence editing and partnership creation follow from the account.
"""

from __future__ import annotations

from typing import Any

import rules

from .access import (
    CREATE_PARTNERSHIP,
    DOWNLOAD_ROWS,
    EDIT_EVIDENCE,
    EVIDENCE_EDITORS_GROUP,
    MANAGE,
    PARTNERSHIP_CREATORS_GROUP,
    RECORD,
    ROLE_PERMISSIONS,
    VIEW,
    membership_for,
)
from .models import Partnership


def _role_grants(permission: str) -> rules.Predicate:
    @rules.predicate(name=f"role grants {permission}")
    def grants(user: Any, partnership: Partnership | None) -> bool:
        membership = membership_for(user, partnership)
        return membership is not None and permission in ROLE_PERMISSIONS.get(membership.role, frozenset())

    return grants


for _permission in (VIEW, RECORD, MANAGE, DOWNLOAD_ROWS):
    rules.add_perm(_permission, _role_grants(_permission))

rules.add_perm(
    EDIT_EVIDENCE, rules.is_active & (rules.is_staff | rules.is_group_member(EVIDENCE_EDITORS_GROUP))
)
rules.add_perm(
    CREATE_PARTNERSHIP, rules.is_active & (rules.is_staff | rules.is_group_member(PARTNERSHIP_CREATORS_GROUP))
)
