"""The import permission as a django-rules predicate (found by rules' autodiscovery)."""

import rules

from .permissions import IMPORT_LEARNING, LEARNING_HUB_EDITORS_GROUP

rules.add_perm(
    IMPORT_LEARNING, rules.is_active & (rules.is_staff | rules.is_group_member(LEARNING_HUB_EDITORS_GROUP))
)
