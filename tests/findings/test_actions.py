"""SMART validation of agreed actions and the next round's review of them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.findings.builders import analysed, crafted, steady

from joinedup.checks.records import ActionItem, ActionStatus, ActionUpdate
from joinedup.evidence import load_evidence_base
from joinedup.findings import ActionPlanItem, build_findings, review_actions, validate_action

TODAY = date(2025, 6, 1)
AGENCIES = ("Education", "Health", "Police")
GOOD = ActionPlanItem(
    reference="AP1",
    what="Agree a three-year funding split between partners",
    owner="Health",
    due=date(2025, 12, 31),
    success_measure="Signed agreement in the board minutes",
    factor="funding",
    finding_key="band:funding",
)


def test_a_smart_action_passes():
    assert validate_action(GOOD, agencies=AGENCIES, today=TODAY) == []


def test_each_smart_rule_has_its_own_message():
    cases = {
        ("what", "words"): replace(GOOD, what="Fix funding"),
        ("owner", "agency that owns"): replace(GOOD, owner=" "),
        ("owner", "not a member agency"): replace(GOOD, owner="Fire service"),
        ("due", "Give a due date"): replace(GOOD, due=None),
        ("due", "must be in the future: after today, 1 June 2025"): replace(GOOD, due=TODAY),
        ("due", "within 24 months, by 1 June 2027"): replace(GOOD, due=date(2027, 6, 2)),
        ("success_measure", "success measure"): replace(GOOD, success_measure=""),
        ("factor", "not a factor id"): replace(GOOD, factor="money"),
    }
    for (field, expected), action in cases.items():
        errors = validate_action(action, agencies=AGENCIES, today=TODAY)
        assert len(errors) == 1, (expected, errors)
        assert errors[0].field == field and expected in errors[0].message, (expected, errors)


def test_exactly_24_months_ahead_is_allowed():
    assert validate_action(replace(GOOD, due=date(2027, 6, 1)), agencies=AGENCIES, today=TODAY) == []


@given(st.lists(st.text(alphabet="abc", min_size=1, max_size=4), min_size=0, max_size=9))
def test_specific_means_at_least_five_words(words):
    errors = validate_action(replace(GOOD, what=" ".join(words)), agencies=AGENCIES, today=TODAY)
    assert (len(errors) == 1) == (len(words) < 5)


def test_from_record_takes_the_latest_update_as_the_status():
    item = ActionItem(
        "AP3",
        "Run a joint induction day",
        "Police",
        ActionStatus.NOT_STARTED,
        date(2025, 3, 31),
        "joint-training",
        None,
        (
            ActionUpdate(date(2025, 2, 1), ActionStatus.IN_PROGRESS),
            ActionUpdate(date(2025, 3, 1), ActionStatus.DONE),
        ),
        success_measure="40 staff attend",
    )
    plan = ActionPlanItem.from_record(item)
    assert (plan.status, plan.success_measure, plan.finding_key) == (
        ActionStatus.DONE,
        "40 staff attend",
        None,
    )


def test_review_reports_status_overdue_movement_and_whether_the_finding_went_away():
    result = analysed(("Round 1", crafted), ("Round 2", steady))
    now, before = result.find("P", "Round 2"), result.find("P", "Round 1")
    findings = build_findings(now, [], load_evidence_base(), previous=before)
    actions = [
        replace(GOOD, status=ActionStatus.DONE),
        replace(GOOD, reference="AP2", factor="leadership", finding_key=None, due=date(2025, 5, 1)),
        replace(GOOD, reference="AP3", factor="shared-purpose", finding_key="band:shared-purpose"),
    ]
    reviews = review_actions(actions, now, before, today=TODAY, findings_now=findings)
    funding, leadership, purpose = reviews
    assert (funding.status, funding.overdue, funding.moved) == (ActionStatus.DONE, False, "improved")
    assert funding.change is not None and funding.change > 1
    assert funding.finding_open is True
    assert (leadership.overdue, leadership.moved, leadership.finding_open) == (True, "declined", None)
    assert (purpose.moved, purpose.previous_round) == ("no clear change", "Round 1")
    assert purpose.finding_open is True


def test_without_a_previous_round_nothing_can_be_said_to_have_moved():
    result = analysed(("Round 1", crafted))
    (review,) = review_actions([GOOD], result.find("P", "Round 1"), None, today=TODAY)
    assert (review.moved, review.change, review.previous_round, review.finding_open) == (
        "not comparable",
        None,
        None,
        None,
    )


@pytest.mark.parametrize("vague", ["better", "x", "improve", "Improved outcomes", "more joined up working"])
def test_a_vague_success_measure_is_refused(vague):
    errors = validate_action(replace(GOOD, success_measure=vague), agencies=AGENCIES, today=TODAY)
    assert [e.field for e in errors] == ["success_measure"]
    assert "someone could check" in errors[0].message


@pytest.mark.parametrize(
    "checkable",
    [
        "40 staff trained",
        "Every agency attends the board",
        "Referral form in use by March",
        "Signed agreement in the board minutes",
        "Re-referrals below 18%",
        "Protocol published on the website",
    ],
)
def test_a_measure_with_a_number_count_date_or_named_output_passes(checkable):
    assert validate_action(replace(GOOD, success_measure=checkable), agencies=AGENCIES, today=TODAY) == []


def test_an_action_may_leave_out_its_factor():
    assert validate_action(replace(GOOD, factor=None), agencies=AGENCIES, today=TODAY) == []
