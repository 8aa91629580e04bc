"""The action plan's items and the SMART rules an accepted recommendation must meet.

An item is what a coordinator agreed: what will be done, by which agency, by when, and how
the partnership will know it worked; `finding_key` ties it to the finding it answers so the
next round can tell whether that finding went away.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from joinedup.checks.funding import add_months
from joinedup.checks.records import ActionItem, ActionStatus
from joinedup.evidence.ids import FACTOR_IDS

MIN_WHAT_WORDS = 5
LONGEST_DUE_MONTHS = 24
OPEN_STATUSES = frozenset({ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS})


@dataclass(frozen=True)
class ActionPlanItem:
    """One agreed action; `status` is its current status."""

    reference: str
    what: str
    owner: str
    due: date | None
    success_measure: str
    factor: str | None
    finding_key: str | None = None
    status: ActionStatus = ActionStatus.NOT_STARTED

    @classmethod
    def from_record(cls, item: ActionItem) -> ActionPlanItem:
        """From the structure records' action item; the record's status is its latest update's."""
        return cls(
            reference=item.reference,
            what=item.what,
            owner=item.owner,
            due=item.due,
            success_measure=item.success_measure,
            factor=item.factor,
            finding_key=item.finding,
            status=item.current_status,
        )

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status in OPEN_STATUSES


@dataclass(frozen=True)
class ActionProblem:
    """One way an action falls short of SMART; `field` names the `ActionPlanItem` field to fix,
    so a form can show the message beside the right input."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def validate_action(action: ActionPlanItem, *, agencies: Collection[str], today: date) -> list[ActionProblem]:
    """Every way the action falls short of SMART, as sentences for the form; empty when it is fine.

    `today` is the day the action is agreed: the due date must come after it and no more than
    two years later, so that the action is reviewed within the partnership's planning cycle.
    """
    errors: list[ActionProblem] = []
    words = len(action.what.split())
    if words < MIN_WHAT_WORDS:
        errors.append(
            ActionProblem(
                "what",
                f"Say specifically what will be done, in at least {MIN_WHAT_WORDS} words (this has {words}).",
            )
        )
    if not action.owner.strip():
        errors.append(ActionProblem("owner", "Name the agency that owns the action."))
    elif action.owner not in agencies:
        errors.append(
            ActionProblem("owner", f"The owner {action.owner!r} is not a member agency of the partnership.")
        )
    if action.due is None:
        errors.append(ActionProblem("due", "Give a due date."))
    elif action.due <= today:
        errors.append(
            ActionProblem(
                "due", f"The due date {action.due.isoformat()} must be after today ({today.isoformat()})."
            )
        )
    elif action.due > add_months(today, LONGEST_DUE_MONTHS):
        errors.append(
            ActionProblem(
                "due", f"The due date {action.due.isoformat()} is more than {LONGEST_DUE_MONTHS} months away."
            )
        )
    if not action.success_measure.strip():
        errors.append(
            ActionProblem(
                "success_measure", "Say how the partnership will know the action worked (a success measure)."
            )
        )
    if action.factor is None or action.factor not in FACTOR_IDS:
        errors.append(
            ActionProblem(
                "factor", f"Choose the factor the action addresses: {action.factor!r} is not a factor id."
            )
        )
    return errors
