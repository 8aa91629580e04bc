"""A demo-like partnership: three rounds of synthetic responses, the example structure records and
action plan, and in the last round a small agency whose figures must never appear."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import pytest
from tests.conftest import DATA_DIR

from joinedup.analysis import analyse, generate_responses
from joinedup.evidence import load_evidence_base
from joinedup.findings import ActionPlanItem
from joinedup.instrument import load_instrument
from joinedup.io.structure_sheets import read_actions, read_funding, read_meetings, read_roles, read_targets
from joinedup.reports import ReportData, StructureRecords, build_report_data, render_html, render_xlsx

STRUCTURE_DIR = DATA_DIR / "structure"
AGENCIES = ("Education", "Health", "Police", "Social care", "Voluntary sector")
PARTNERSHIP, ROUND = "Partnership 01", "Round 3"
SMALL_AGENCY = "Youth offending team"
SMALL_MEAN = "1.33"
TODAY = date(2025, 6, 1)


@dataclass(frozen=True)
class ReportInputs:
    responses: pd.DataFrame
    invitations: pd.DataFrame
    structure: StructureRecords
    plan: list[ActionPlanItem]


def small_agency_rows(template: pd.DataFrame) -> pd.DataFrame:
    """Three respondents scoring 1, 1 and 2 on every factor: a mean of 1.33 on each."""
    instrument = load_instrument()
    rows = template.head(3).copy()
    rows["agency"] = SMALL_AGENCY
    for person, level in enumerate((1.0, 1.0, 2.0)):
        for item in instrument.items:
            rows.iloc[person, rows.columns.get_loc(item.id)] = 6.0 - level if item.reverse else level
    return rows


def structure_records() -> StructureRecords:
    return StructureRecords(
        roles=read_roles(STRUCTURE_DIR / "roles.csv", competences=STRUCTURE_DIR / "competences.csv"),
        targets=read_targets(STRUCTURE_DIR / "targets.csv", readings=STRUCTURE_DIR / "readings.csv"),
        meetings=read_meetings(STRUCTURE_DIR / "meetings.csv", actions=STRUCTURE_DIR / "meeting_actions.csv"),
        funding=read_funding(
            STRUCTURE_DIR / "funding_lines.csv",
            posts=STRUCTURE_DIR / "posts.csv",
            costs=STRUCTURE_DIR / "unfunded_costs.csv",
        ),
    )


def action_plan() -> list[ActionPlanItem]:
    items = read_actions(STRUCTURE_DIR / "actions.csv", updates=STRUCTURE_DIR / "action_updates.csv")
    return [ActionPlanItem.from_record(item) for item in items]


@pytest.fixture(scope="session")
def report_inputs() -> ReportInputs:
    instrument = load_instrument()
    synthetic = generate_responses(
        instrument.items, responses=900, partnerships=1, rounds=3, seed=7, agencies=AGENCIES
    )
    last_round = synthetic.responses[synthetic.responses["round"] == ROUND]
    responses = pd.concat([synthetic.responses, small_agency_rows(last_round)], ignore_index=True)
    return ReportInputs(responses, synthetic.invitations, structure_records(), action_plan())


def make_report_data(inputs: ReportInputs, invitations: pd.DataFrame | None = None) -> ReportData:
    instrument = load_instrument()
    result = analyse(
        inputs.responses,
        instrument.items,
        invitations=inputs.invitations if invitations is None else invitations,
        instrument_version=instrument.version,
    )
    return build_report_data(
        result,
        PARTNERSHIP,
        ROUND,
        evidence=load_evidence_base(),
        instrument=instrument,
        today=TODAY,
        structure=inputs.structure,
        actions=inputs.plan,
    )


@pytest.fixture(scope="session")
def report_data(report_inputs: ReportInputs) -> ReportData:
    return make_report_data(report_inputs)


@pytest.fixture(scope="session")
def report_html(report_data: ReportData) -> str:
    return render_html(report_data)


@pytest.fixture(scope="session")
def report_xlsx(report_data: ReportData) -> bytes:
    return render_xlsx(report_data)
