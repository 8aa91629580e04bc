"""The action plan's items and the SMART rules every new action must meet.

An item is what a coordinator agreed: what will be done, by which agency, by when, and how
the partnership will know it worked; `finding_key` ties it to the finding it answers so the
next round can tell whether that finding went away. The same rules apply whether the action
is typed in directly or accepted from a recommendation.

A success measure is one a person could check at the review: it holds a number or a count
("40 staff trained", "every agency", "no more than 2"), a date or month ("by March"), or a
named output ("signed agreement", "protocol published", "minutes"). Vague hopes ("better",
"improve", "x", "more joined up") are refused.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from joinedup.checks.funding import add_months
from joinedup.checks.record_rules import long_date
from joinedup.checks.records import ActionItem, ActionStatus
from joinedup.evidence.ids import FACTOR_IDS

MIN_WHAT_WORDS = 5
MIN_MEASURE_WORDS = 2
_COUNT_WORDS = frozenset(
    [
        "every",
        "all",
        "each",
        "none",
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "fifty",
        "hundred",
        "half",
        "quarter",
        "third",
        "twice",
        "double",
    ]
)
_DATE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "quarter",
        "term",
        "year",
        "month",
        "week",
        "monthly",
        "weekly",
        "annually",
        "quarterly",
        "termly",
    ]
)
_OUTPUT_WORDS = frozenset(
    [
        "agreement",
        "agreed",
        "signed",
        "protocol",
        "policy",
        "procedure",
        "plan",
        "strategy",
        "report",
        "published",
        "minutes",
        "minuted",
        "register",
        "dashboard",
        "audit",
        "audited",
        "review",
        "reviewed",
        "contract",
        "pathway",
        "guidance",
        "toolkit",
        "leaflet",
        "form",
        "checklist",
        "charter",
        "memorandum",
        "mou",
        "terms",
        "framework",
        "schedule",
        "budget",
        "appointed",
        "recruited",
        "trained",
        "attended",
        "completed",
        "launched",
        "approved",
        "adopted",
    ]
)
_TOKEN = re.compile(r"[a-z]+|\d")
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


def is_checkable(measure: str) -> bool:
    """Whether a person could check the measure: it has a number, a count, a date or a named
    output, in at least two words."""
    tokens = _TOKEN.findall(measure.lower())
    words = [token for token in tokens if not token.isdigit()]
    if len(measure.split()) < MIN_MEASURE_WORDS:
        return False
    return any(token.isdigit() for token in tokens) or any(
        word in _COUNT_WORDS or word in _DATE_WORDS or word in _OUTPUT_WORDS for word in words
    )


def validate_action(action: ActionPlanItem, *, agencies: Collection[str], today: date) -> list[ActionProblem]:
    """Every way the action falls short of SMART, as sentences for the form; empty when it is fine.

    `today` is the day the action is agreed: the due date must come after it and no more than
    two years later, so that the action is reviewed within the partnership's planning cycle.
    The factor may be left out (an action can answer a structural gap); one given must exist.
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
            ActionProblem("due", f"The due date must be in the future: after today, {long_date(today)}.")
        )
    elif action.due > add_months(today, LONGEST_DUE_MONTHS):
        errors.append(
            ActionProblem(
                "due",
                f"The due date must be within {LONGEST_DUE_MONTHS} months, by "
                f"{long_date(add_months(today, LONGEST_DUE_MONTHS))}.",
            )
        )
    if not action.success_measure.strip():
        errors.append(
            ActionProblem(
                "success_measure", "Say how the partnership will know the action worked (a success measure)."
            )
        )
    elif not is_checkable(action.success_measure):
        errors.append(
            ActionProblem(
                "success_measure",
                "Give a success measure someone could check: a number or count, a date, or a named "
                "output, like '40 staff trained by March' or 'signed agreement in the board minutes'.",
            )
        )
    if action.factor is not None and action.factor not in FACTOR_IDS:
        errors.append(
            ActionProblem(
                "factor", f"Choose the factor the action addresses: {action.factor!r} is not a factor id."
            )
        )
    return errors
