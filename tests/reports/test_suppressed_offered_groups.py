"""The list of groups too small to show is drawn from every agency and role group offered, so a
group with one respondent and a group with none read alike: being named tells nobody answered."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from tests.findings.builders import ITEMS, crafted, frame

from joinedup.analysis import analyse
from joinedup.evidence import load_evidence_base
from joinedup.findings import build_findings
from joinedup.instrument import load_instrument
from joinedup.reports import build_report_data
from joinedup.reports.data import ReportData
from joinedup.reports.tables import suppression_table


def _responses() -> pd.DataFrame:
    """Three agencies of 20 practitioners, and one service manager from Education."""
    base = frame(crafted, "Round 1")
    one = base.head(1).assign(role_group="service-manager")
    return pd.concat([base, one], ignore_index=True)


@pytest.fixture(scope="module")
def data() -> ReportData:
    return build_report_data(
        analyse(_responses(), ITEMS),
        "P",
        "Round 1",
        evidence=load_evidence_base(),
        instrument=load_instrument(),
        today=date(2026, 12, 7),
        agencies=("Education", "Health", "Police", "Youth justice"),
        role_groups=("practitioner", "service-manager", "team-leader"),
    )


def _reasons(data: ReportData) -> dict[str, str]:
    return {str(row[0]): str(row[1]) for row in suppression_table(data).rows}


def test_a_role_group_of_one_and_a_role_group_of_none_are_listed_alike(data: ReportData) -> None:
    reasons = _reasons(data)
    one = "role group: Head of service or service manager"
    none = "role group: Team leader or first-line manager"
    assert one in reasons, reasons
    assert none in reasons, reasons
    assert reasons[one] == reasons[none]
    assert "none, or fewer than 5" in reasons[none]
    assert not [name for name in reasons if "service-manager" in name or "team-leader" in name]


def test_an_agency_with_no_answers_is_listed_like_the_hidden_ones(data: ReportData) -> None:
    assert "agency: Youth justice" in _reasons(data)


def test_the_unheard_finding_names_agencies_with_no_answers_and_says_none_may_have(data: ReportData) -> None:
    findings = build_findings(
        data.analysis, [], load_evidence_base(), agencies=("Education", "Health", "Police", "Youth justice")
    )
    unheard = next(finding for finding in findings if finding.key == "voice:missing")
    assert "Youth justice" in unheard.statement
    assert "none, or fewer than 5" in unheard.statement
