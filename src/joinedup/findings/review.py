"""How last round's actions stand now: done or not, overdue or not, and whether their factor moved.

Whether a factor moved is read from the analysis's trend (Welch's test against the previous
round), so an action is never credited with a change the data cannot tell from noise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from joinedup.analysis.result import RoundResult
from joinedup.checks.records import ActionStatus
from joinedup.findings.actions import ActionPlanItem
from joinedup.findings.finding import Finding

Movement = Literal["improved", "declined", "no clear change", "not comparable", "no factor"]


@dataclass(frozen=True)
class ActionReview:
    """One action as the next round sees it.

    `change` is the factor's change in mean since `previous_round` (None when either round is
    too small to show); `finding_open` says whether the finding the action answers is still
    reported (None when the action names no finding).
    """

    action: ActionPlanItem
    status: ActionStatus
    overdue: bool
    moved: Movement
    change: float | None
    previous_round: str | None
    finding_open: bool | None


def _movement(
    action: ActionPlanItem, now: RoundResult, previous: RoundResult | None
) -> tuple[Movement, float | None]:
    if action.factor is None:
        return "no factor", None
    factor = next((result for result in now.factors if result.id == action.factor), None)
    if factor is None or factor.trend is None or previous is None:
        return "not comparable", None
    if factor.trend.previous_round != previous.round:
        return "not comparable", None
    return factor.trend.direction, factor.trend.change


def review_actions(
    actions: Sequence[ActionPlanItem],
    analysis_now: RoundResult,
    analysis_previous: RoundResult | None,
    *,
    today: date,
    findings_now: Sequence[Finding] | None = None,
) -> list[ActionReview]:
    """Each action's status and movement, in the order given.

    With `findings_now`, an action tied to a finding key learns whether that finding is still
    reported; a band finding counts as open only while its factor is not a strength.
    """
    open_keys = (
        None
        if findings_now is None
        else {finding.key for finding in findings_now if finding.kind != "strength"}
    )
    reviews: list[ActionReview] = []
    for action in actions:
        moved, change = _movement(action, analysis_now, analysis_previous)
        finding_open = None
        if open_keys is not None and action.finding_key:
            finding_open = action.finding_key in open_keys
        reviews.append(
            ActionReview(
                action=action,
                status=action.status,
                overdue=action.is_overdue(today),
                moved=moved,
                change=change,
                previous_round=analysis_previous.round if analysis_previous is not None else None,
                finding_open=finding_open,
            )
        )
    return reviews
