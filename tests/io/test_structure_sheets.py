"""Reading structure sheets: the example files, the row-and-column errors, all or nothing."""

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import DATA_DIR

from joinedup.checks.records import (
    ActionStatus,
    AttendanceLevel,
    ContractType,
    FundingCertainty,
    MeetingActionStatus,
    Polarity,
    RaciRole,
)
from joinedup.io.structure_sheets import (
    StructureImportFailed,
    read_actions,
    read_funding,
    read_meetings,
    read_roles,
    read_targets,
)
from joinedup.io.tables import TableError

EXAMPLES = DATA_DIR / "structure"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(
    failure: pytest.ExceptionInfo[TableError],
) -> list[tuple[str, int | None, str | None, str | None]]:
    return [(e.file, e.row, e.column, e.value) for e in failure.value.errors]


def test_example_roles_and_competences():
    matrix = read_roles(EXAMPLES / "roles.csv", competences=EXAMPLES / "competences.csv")
    assert matrix.agencies == ("Education", "Health", "Police", "Social care", "Voluntary sector")
    assert len(matrix.tasks) == 6
    assert matrix.roles_of("Single point of contact for referrals")["Social care"] == {
        RaciRole.ACCOUNTABLE,
        RaciRole.RESPONSIBLE,
    }
    assert matrix.tasks[3].competence == "health assessment"
    assert matrix.competences_of("Police") == {"investigation", "safeguarding"}


def test_example_targets_and_readings():
    records = read_targets(EXAMPLES / "targets.csv", readings=EXAMPLES / "readings.csv")
    first = records.targets[0]
    assert (first.polarity, first.baseline, first.baseline_date, first.target_value) == (
        Polarity.HIGHER_IS_BETTER,
        45.0,
        date(2024, 4, 1),
        80.0,
    )
    assert records.targets[1].responsible_party is None
    assert records.targets[2].measure is None
    assert len(records.readings) == 6
    assert {r.reported_by for r in records.readings_of("T3")} == {"Education", "Social care"}


def test_example_meetings_and_actions():
    records = read_meetings(EXAMPLES / "meetings.csv", actions=EXAMPLES / "meeting_actions.csv")
    assert len(records.meetings) == 7
    b1 = records.meetings[0]
    assert b1.decisions == ("Adopt the partnership plan", "Agree the terms of reference")
    assert b1.level_of("Voluntary sector") is AttendanceLevel.MANAGER
    assert records.meetings[3].level_of("Police") is None
    assert [a.status for a in records.meetings[1].actions] == [
        MeetingActionStatus.CARRIED_OVER,
        MeetingActionStatus.RAISED,
    ]


def test_example_funding_posts_and_costs():
    records = read_funding(
        EXAMPLES / "funding_lines.csv", posts=EXAMPLES / "posts.csv", costs=EXAMPLES / "unfunded_costs.csv"
    )
    assert records.line("F1").amount_per_year == 420_000.0
    assert records.line("F3").certainty is FundingCertainty.TIME_LIMITED
    assert records.posts[3].funded_by == ("F2", "F3")
    assert records.posts[0].contract is ContractType.PERMANENT
    assert records.unfunded_costs[0].agencies == ("Health", "Social care")
    assert records.unfunded_costs[1].amount_per_year is None


def test_example_action_plan():
    actions = read_actions(EXAMPLES / "actions.csv", updates=EXAMPLES / "action_updates.csv")
    assert [a.reference for a in actions] == ["AP1", "AP2", "AP3"]
    assert actions[2].current_status is ActionStatus.DONE
    assert [u.on for u in actions[2].updates] == [date(2025, 2, 20), date(2025, 3, 28)]
    assert actions[1].current_status is ActionStatus.NOT_STARTED


def test_an_action_plan_may_give_success_measures_and_creation_dates(tmp_path):
    path = _write(
        tmp_path,
        "actions.csv",
        "action,what,owner,status,success_measure,created_on\n"
        "A1,Agree one referral form,Health,not-started,Fewer referrals sent back,03/11/2025\n"
        "A2,Name a training lead,Police,done,,\n",
    )
    first, second = read_actions(path)
    assert (first.success_measure, first.created_on) == ("Fewer referrals sent back", date(2025, 11, 3))
    assert (second.success_measure, second.created_on) == ("", None)


def test_a_bad_creation_date_is_refused_with_row_and_column(tmp_path):
    path = _write(
        tmp_path, "actions.csv", "action,what,owner,status,created_on\nA1,Agree a form,Health,done,soon\n"
    )
    with pytest.raises(StructureImportFailed) as failure:
        read_actions(path)
    assert _errors(failure) == [("actions.csv", 2, "created_on", "soon")]


def test_companion_sheets_are_optional():
    assert read_targets(EXAMPLES / "targets.csv").readings == ()
    assert read_roles(EXAMPLES / "roles.csv").competences == ()


def test_headers_match_regardless_of_case_and_spacing(tmp_path):
    path = _write(
        tmp_path, "t.csv", "Reference,Title,Baseline Date,Target-Date\nT1,Attendance,31/03/2024,2026-03-31\n"
    )
    target = read_targets(path).targets[0]
    assert (target.baseline_date, target.target_date) == (date(2024, 3, 31), date(2026, 3, 31))


def test_bad_raci_cells_are_refused_with_row_and_column(tmp_path):
    path = _write(tmp_path, "roles.csv", "task,Health,Police\nReferrals,A,X\nTraining,R/C,A\n")
    with pytest.raises(StructureImportFailed) as failure:
        read_roles(path)
    assert _errors(failure) == [("roles.csv", 2, "Police", "X"), ("roles.csv", 3, "Health", "R/C")]
    assert 'roles.csv, row 2, column "Police": "X" is not a RACI cell' in str(failure.value)


def test_every_problem_in_every_sheet_is_reported_together(tmp_path):
    targets = _write(
        tmp_path,
        "targets.csv",
        "reference,title,polarity,baseline,baseline_date\nT1,A,up,forty,2024-13-01\nT1,B,,,\n,C,,,\n",
    )
    readings = _write(tmp_path, "readings.csv", "target,as_of,value\nT9,2025-01-01,3\nT1,2025-01-01,\n")
    with pytest.raises(StructureImportFailed) as failure:
        read_targets(targets, readings=readings)
    assert _errors(failure) == [
        ("targets.csv", 2, "polarity", "up"),
        ("targets.csv", 2, "baseline", "forty"),
        ("targets.csv", 2, "baseline_date", "2024-13-01"),
        ("targets.csv", 3, "reference", "T1"),
        ("targets.csv", 4, "reference", None),
        ("readings.csv", 2, "target", "T9"),
        ("readings.csv", 3, "value", None),
    ]
    reasons = [e.reason for e in failure.value.errors]
    assert "is not one of: higher, lower" in reasons
    assert "is already used on row 2; ids must be unique" in reasons


def test_missing_and_unknown_columns_are_named(tmp_path):
    path = _write(
        tmp_path, "lines.csv", "line,source,agency,amount,mechanism,certainty\nF1,x,y,3,pooled,bid\n"
    )
    with pytest.raises(StructureImportFailed) as failure:
        read_funding(path)
    assert _errors(failure) == [("lines.csv", 1, "amount", None), ("lines.csv", 1, "amount_per_year", None)]


def test_cross_references_between_sheets_are_checked(tmp_path):
    lines = _write(
        tmp_path,
        "lines.csv",
        "line,source,agency,amount_per_year,mechanism,certainty,start,end\n"
        "F1,Grant,Health,-5,grant,bid,2025-01-01,2024-01-01\n",
    )
    posts = _write(
        tmp_path, "posts.csv", "post,title,agency,funded_by,contract\nP1,Worker,Health,F1; F7,temporary\n"
    )
    with pytest.raises(StructureImportFailed) as failure:
        read_funding(lines, posts=posts)
    assert _errors(failure) == [
        ("lines.csv", 2, "amount_per_year", "-5"),
        ("lines.csv", 2, "end", "2024-01-01"),
        ("posts.csv", 2, "contract", "temporary"),
        ("posts.csv", 2, "funded_by", "F7"),
    ]


def test_meeting_sheet_errors(tmp_path):
    meetings = _write(
        tmp_path,
        "meetings.csv",
        "meeting,date,type,Health\nB1,2025-01-01,board,chief\nB2,2025-02-01,away day,\n",
    )
    actions = _write(
        tmp_path,
        "actions.csv",
        "meeting,action,description,status\nB3,A1,Do it,raised\nB1,A1,Do it,finished\n",
    )
    with pytest.raises(StructureImportFailed) as failure:
        read_meetings(meetings, actions=actions)
    assert sorted(_errors(failure)) == sorted(
        [
            ("meetings.csv", 2, "Health", "chief"),
            ("meetings.csv", 3, "type", "away day"),
            ("actions.csv", 2, "meeting", "B3"),
            ("actions.csv", 3, "status", "finished"),
        ]
    )


def test_competence_of_an_agency_not_in_the_matrix(tmp_path):
    roles = _write(tmp_path, "roles.csv", "task,Health\nReferrals,A/R\n")
    competences = _write(tmp_path, "competences.csv", "agency,competence\nFire service,rescue\n")
    with pytest.raises(StructureImportFailed) as failure:
        read_roles(roles, competences=competences)
    assert _errors(failure) == [("competences.csv", 2, "agency", "Fire service")]


def test_action_plan_factor_must_be_a_factor_id(tmp_path):
    path = _write(
        tmp_path, "actions.csv", "action,what,owner,status,factor\nAP1,Train,Health,done,teamwork\n"
    )
    with pytest.raises(StructureImportFailed) as failure:
        read_actions(path)
    assert _errors(failure) == [("actions.csv", 2, "factor", "teamwork")]


def test_unreadable_files_are_refused_together(tmp_path):
    with pytest.raises(StructureImportFailed) as failure:
        read_targets(tmp_path / "missing.csv", readings=_write(tmp_path, "empty.csv", ""))
    assert [e.file for e in failure.value.errors] == ["missing.csv", "empty.csv"]


def test_an_empty_matrix_reads_as_empty(tmp_path):
    matrix = read_roles(_write(tmp_path, "roles.csv", "task,competence\n"))
    assert (matrix.agencies, matrix.tasks) == ((), ())
