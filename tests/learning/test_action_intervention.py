"""The action plan's `intervention` column: it survives a round trip and names a real intervention."""

from datetime import date
from pathlib import Path

import pytest

from joinedup.checks.records import ActionItem, ActionStatus
from joinedup.io.structure_export import actions_sheets, write_sheets
from joinedup.io.structure_sheets import StructureImportFailed, parse_actions, read_actions
from joinedup.io.tables import read_table


def _write(sheets, folder: Path, fmt: str) -> dict[str, Path]:
    out = folder / ("sheets" if fmt == "csv" else "sheets.xlsx")
    written = write_sheets(sheets, out, fmt)
    if fmt == "xlsx":
        return {sheet.name: written[0] for sheet in sheets}
    return {path.stem: path for path in written}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_actions_intervention_survives_a_round_trip(tmp_path, fmt):
    plan = (
        ActionItem(
            "A1",
            "Run a joint induction course",
            "Health",
            ActionStatus.IN_PROGRESS,
            date(2026, 3, 31),
            "joint-training",
            intervention="joint-training",
        ),
        ActionItem("A2", "Name a lead for the referral form", "Police", ActionStatus.NOT_STARTED),
    )
    paths = _write(actions_sheets(plan), tmp_path, fmt)
    read = read_actions(paths["actions"], updates=paths["action_updates"])
    assert read == plan
    assert [a.intervention for a in read] == ["joint-training", None]


def test_an_unknown_intervention_is_refused_naming_row_column_and_value(tmp_path):
    plan = (ActionItem("A1", "Train", "Health", ActionStatus.DONE, intervention="juggling-lessons"),)
    paths = _write(actions_sheets(plan), tmp_path, "csv")
    with pytest.raises(StructureImportFailed) as refused:
        read_actions(paths["actions"])
    (error,) = refused.value.errors
    assert (error.row, error.column, error.value) == (2, "intervention", "juggling-lessons")
    assert "not an intervention id in the evidence base" in error.reason


def test_a_deployment_may_name_its_own_interventions(tmp_path):
    plan = (ActionItem("A1", "Train", "Health", ActionStatus.DONE, intervention="local-mentoring"),)
    paths = _write(actions_sheets(plan), tmp_path, "csv")
    table = read_table(paths["actions"])
    assert parse_actions(table, interventions={"local-mentoring"})[0].intervention == "local-mentoring"
    with pytest.raises(StructureImportFailed):
        parse_actions(table)


def test_an_action_refuses_an_intervention_that_is_not_an_id():
    with pytest.raises(ValueError, match="not an intervention id"):
        ActionItem("A1", "Train", "Health", ActionStatus.DONE, intervention="Joint Training!")
