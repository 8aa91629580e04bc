"""Writing structure sheets and reading them back: templates, round trips, fuzzed cells."""

import csv
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from tests.conftest import DATA_DIR

from joinedup.checks.record_rules import reading_problems, target_problems
from joinedup.checks.records import (
    ActionItem,
    ActionStatus,
    ActionUpdate,
    AgencyCompetence,
    AttendanceLevel,
    ContractType,
    FundingCertainty,
    FundingLine,
    FundingMechanism,
    FundingRecords,
    Meeting,
    MeetingAction,
    MeetingActionStatus,
    MeetingAttendance,
    MeetingRecords,
    MeetingType,
    Polarity,
    Post,
    RaciMatrix,
    RaciRole,
    RaciTask,
    RoleAssignment,
    Target,
    TargetReading,
    TargetRecords,
    UnfundedCost,
)
from joinedup.evidence.ids import FACTOR_IDS
from joinedup.io.structure_export import (
    GUIDE_SHEET,
    actions_sheets,
    funding_sheets,
    meetings_sheets,
    roles_sheets,
    targets_sheets,
    template_sheets,
    write_sheets,
)
from joinedup.io.structure_layouts import KINDS, SHEETS
from joinedup.io.structure_sheets import (
    StructureImportFailed,
    read_actions,
    read_funding,
    read_meetings,
    read_roles,
    read_targets,
)

EXAMPLES = DATA_DIR / "structure"
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

words = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFG 0123456789-'&,.=()£é", min_size=1, max_size=16)
    .map(str.strip)
    .filter(bool)
)
ids = st.text(alphabet="ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", min_size=1, max_size=5)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3))
amounts = st.floats(min_value=0, max_value=1e7, allow_nan=False).map(lambda v: round(v, 2))
formats = st.sampled_from(["csv", "xlsx"])
RESERVED_HEADERS = {"task", "competence", "meeting", "date", "type", "decisions"}


def _agencies(min_size=0):
    return st.lists(words, min_size=min_size, max_size=4, unique_by=lambda a: a.lower()).filter(
        lambda names: not {n.lower().replace(" ", "_") for n in names} & RESERVED_HEADERS
    )


def _paths(tmp_path: Path, sheets, fmt: str) -> dict[str, Path]:
    out = tmp_path / ("sheets" if fmt == "csv" else "sheets.xlsx")
    written = write_sheets(sheets, out, fmt)
    if fmt == "xlsx":
        return {sheet.name: written[0] for sheet in sheets}
    return {path.stem: path for path in written}


@st.composite
def targets(draw):
    references = draw(st.lists(ids, max_size=4, unique=True))
    built = tuple(
        Target(
            ref,
            draw(words),
            measure=draw(st.none() | words),
            unit=draw(st.none() | words),
            polarity=draw(st.none() | st.sampled_from(Polarity)),
            baseline=draw(st.none() | values),
            baseline_date=draw(st.none() | days),
            target_value=draw(st.none() | values),
            target_date=draw(st.none() | days),
            owner=draw(st.none() | words),
            responsible_party=draw(st.none() | words),
        )
        for ref in references
    )
    built = tuple(_within_the_rules(target) for target in built)
    keys = draw(
        st.lists(st.tuples(st.sampled_from(references), days, st.none() | words), unique=True, max_size=6)
        if references
        else st.just([])
    )
    readings = tuple(TargetReading(t, d, draw(values), who, draw(st.just("") | words)) for t, d, who in keys)
    by_reference = {target.reference: target for target in built}
    readings = tuple(
        r for r in readings if not reading_problems(by_reference[r.target], r.as_of, r.value, today=None)
    )
    return TargetRecords(built, readings)


def _within_the_rules(target: Target) -> Target:
    """The target with every field a record rule refuses left blank, as a sheet that is read
    back must hold (the rules themselves are tested in tests/checks/test_record_rules.py)."""
    broken = {problem.field for problem in target_problems(target)}
    return replace(target, **dict.fromkeys(broken))


@st.composite
def funding(draw):
    lines = []
    for ref in draw(st.lists(ids, max_size=4, unique=True)):
        start = draw(st.none() | days)
        end = draw(st.none() | days)
        if start and end and end < start:
            start, end = end, start
        lines.append(
            FundingLine(
                ref,
                draw(words),
                draw(words),
                draw(amounts),
                draw(st.sampled_from(FundingMechanism)),
                draw(st.sampled_from(FundingCertainty)),
                draw(st.none() | words),
                start,
                end,
            )
        )
    refs = [line.reference for line in lines]
    posts = tuple(
        Post(
            p,
            draw(words),
            draw(words),
            tuple(draw(st.lists(st.sampled_from(refs), min_size=1, max_size=2, unique=True))),
            draw(st.sampled_from(ContractType)),
            draw(st.none() | days),
        )
        for p in (draw(st.lists(ids, max_size=3, unique=True)) if refs else [])
    )
    costs = tuple(
        UnfundedCost(
            c,
            draw(words),
            draw(st.none() | amounts),
            tuple(draw(st.lists(words, max_size=2, unique=True))),
            draw(st.just("") | words),
        )
        for c in draw(st.lists(ids, max_size=3, unique=True))
    )
    return FundingRecords(tuple(lines), posts, costs)


@st.composite
def matrices(draw):
    agencies = tuple(draw(_agencies()))
    tasks = tuple(
        RaciTask(name, draw(st.none() | words)) for name in draw(st.lists(words, max_size=5, unique=True))
    )
    cell = st.sampled_from([(), ("R",), ("A",), ("C",), ("I",), ("R", "A")])
    assignments = tuple(
        RoleAssignment(task.name, agency, RaciRole(letter))
        for task in tasks
        for agency in agencies
        for letter in draw(cell)
    )
    competences = tuple(
        AgencyCompetence(agency, competence)
        for agency, competence in draw(
            st.lists(st.tuples(st.sampled_from(agencies), words), max_size=4, unique=True)
            if agencies
            else st.just([])
        )
    )
    return RaciMatrix(agencies, tasks, assignments, competences)


@st.composite
def meetings(draw):
    agencies = tuple(draw(_agencies()))
    built = []
    for ref in draw(st.lists(ids, max_size=4, unique=True)):
        attendance = tuple(
            MeetingAttendance(a, draw(st.sampled_from(AttendanceLevel)))
            for a in agencies
            if draw(st.booleans())
        )
        actions = tuple(
            MeetingAction(a, draw(words), draw(st.sampled_from(MeetingActionStatus)), draw(st.none() | words))
            for a in draw(st.lists(ids, max_size=2, unique=True))
        )
        decisions = tuple(draw(st.lists(words, max_size=3)))
        built.append(
            Meeting(ref, draw(days), draw(st.sampled_from(MeetingType)), attendance, decisions, actions)
        )
    return MeetingRecords(agencies, tuple(built))


@st.composite
def action_plans(draw):
    return tuple(
        ActionItem(
            ref,
            draw(words),
            draw(words),
            draw(st.sampled_from(ActionStatus)),
            draw(st.none() | days),
            draw(st.none() | st.sampled_from(FACTOR_IDS)),
            draw(st.none() | words),
            tuple(
                sorted(
                    (
                        ActionUpdate(d, draw(st.sampled_from(ActionStatus)), draw(st.just("") | words))
                        for d in draw(st.lists(days, max_size=3, unique=True))
                    ),
                    key=lambda u: u.on,
                )
            ),
            draw(st.just("") | words),
            draw(st.none() | days),
        )
        for ref in draw(st.lists(ids, max_size=4, unique=True))
    )


@FAST
@given(records=targets(), fmt=formats)
def test_targets_round_trip(tmp_path_factory, records, fmt):
    paths = _paths(tmp_path_factory.mktemp("t"), targets_sheets(records), fmt)
    assert read_targets(paths["targets"], readings=paths["readings"], today=date(2041, 1, 1)) == records


@FAST
@given(records=funding(), fmt=formats)
def test_funding_round_trip(tmp_path_factory, records, fmt):
    paths = _paths(tmp_path_factory.mktemp("f"), funding_sheets(records), fmt)
    assert (
        read_funding(paths["funding_lines"], posts=paths["posts"], costs=paths["unfunded_costs"]) == records
    )


@FAST
@given(matrix=matrices(), fmt=formats)
def test_roles_round_trip(tmp_path_factory, matrix, fmt):
    paths = _paths(tmp_path_factory.mktemp("r"), roles_sheets(matrix), fmt)
    read = read_roles(paths["roles"], competences=paths["competences"])
    assert (read.agencies, read.tasks, read.competences) == (
        matrix.agencies,
        matrix.tasks,
        matrix.competences,
    )
    assert set(read.assignments) == set(matrix.assignments)


@FAST
@given(records=meetings(), fmt=formats)
def test_meetings_round_trip(tmp_path_factory, records, fmt):
    paths = _paths(tmp_path_factory.mktemp("m"), meetings_sheets(records), fmt)
    assert read_meetings(paths["meetings"], actions=paths["meeting_actions"]) == records


@FAST
@given(plan=action_plans(), fmt=formats)
def test_action_plan_round_trip(tmp_path_factory, plan, fmt):
    paths = _paths(tmp_path_factory.mktemp("a"), actions_sheets(plan), fmt)
    assert read_actions(paths["actions"], updates=paths["action_updates"]) == plan


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_success_measure_and_creation_date_survive_a_round_trip(tmp_path, fmt):
    plan = (
        ActionItem(
            "A1",
            "Agree one referral form for all agencies",
            "Health",
            ActionStatus.IN_PROGRESS,
            date(2026, 3, 31),
            "communication",
            success_measure="Referrals returned for missing information fall below 5%",
            created_on=date(2025, 11, 3),
        ),
        ActionItem("A2", "Name a lead for joint training", "Police", ActionStatus.NOT_STARTED),
    )
    paths = _paths(tmp_path, actions_sheets(plan), fmt)
    read = read_actions(paths["actions"], updates=paths["action_updates"])
    assert read == plan
    assert [(a.success_measure, a.created_on) for a in read] == [
        ("Referrals returned for missing information fall below 5%", date(2025, 11, 3)),
        ("", None),
    ]


def test_the_actions_template_and_guide_have_the_new_columns(tmp_path):
    out = tmp_path / "actions.xlsx"
    write_sheets(template_sheets("actions"), out, "xlsx", guide="actions")
    workbook = load_workbook(out)
    header = [cell.value for cell in workbook["actions"][1]]
    assert header[-3:] == ["success_measure", "created_on", "intervention"]
    guided = {(row[0], row[1]) for row in workbook[GUIDE_SHEET].iter_rows(min_row=2, values_only=True)}
    assert {("actions", "success_measure"), ("actions", "created_on"), ("actions", "intervention")} <= guided


def test_one_workbook_holds_every_kind(tmp_path):
    roles = read_roles(EXAMPLES / "roles.csv", competences=EXAMPLES / "competences.csv")
    funded = read_funding(
        EXAMPLES / "funding_lines.csv", posts=EXAMPLES / "posts.csv", costs=EXAMPLES / "unfunded_costs.csv"
    )
    workbook = tmp_path / "partnership.xlsx"
    write_sheets([*roles_sheets(roles), *funding_sheets(funded)], workbook, "xlsx")
    assert read_roles(workbook) == roles
    assert read_funding(workbook) == funded


@pytest.mark.parametrize("kind", KINDS)
def test_blank_templates_have_every_sheet_and_read_back_empty(tmp_path, kind):
    out = tmp_path / f"{kind}.xlsx"
    write_sheets(template_sheets(kind), out, "xlsx", guide=kind)
    workbook = load_workbook(out)
    assert workbook.sheetnames == [layout.name for layout in SHEETS[kind]] + [GUIDE_SHEET]
    read_and_count = {
        "roles": lambda path: len(read_roles(path).tasks),
        "targets": lambda path: len(read_targets(path).targets),
        "meetings": lambda path: len(read_meetings(path).meetings),
        "funding": lambda path: len(read_funding(path).lines),
        "actions": lambda path: len(read_actions(path)),
    }
    assert read_and_count[kind](out) == 0


def test_csv_templates_are_one_file_per_sheet_with_a_bom(tmp_path):
    written = write_sheets(template_sheets("meetings", ["Health", "Police"]), tmp_path / "meetings", "csv")
    assert [p.name for p in written] == ["meetings.csv", "meeting_actions.csv"]
    assert written[0].read_bytes().startswith(b"\xef\xbb\xbf")
    assert written[0].read_text(encoding="utf-8-sig").strip() == "meeting,date,type,decisions,Health,Police"


def test_text_that_looks_like_a_formula_stays_text_in_a_workbook(tmp_path):
    matrix = RaciMatrix(
        ("Health",), (RaciTask("=1+1"),), (RoleAssignment("=1+1", "Health", RaciRole.RESPONSIBLE),)
    )
    out = tmp_path / "roles.xlsx"
    write_sheets(roles_sheets(matrix), out, "xlsx")
    assert load_workbook(out)["roles"]["A2"].data_type == "s"
    assert read_roles(out).tasks == (RaciTask("=1+1"),)


cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cells, min_size=6, max_size=6), max_size=4))
def test_any_cell_content_is_read_or_refused_cleanly(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("fuzz")
    lines, posts = folder / "funding_lines.csv", folder / "posts.csv"
    for path, header in (
        (lines, [c.name for c in SHEETS["funding"][0].columns][:6]),
        (posts, [c.name for c in SHEETS["funding"][1].columns]),
    ):
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
    try:
        read_funding(lines, posts=posts)
    except StructureImportFailed as failure:
        assert failure.errors
        assert all(error.file in {"funding_lines.csv", "posts.csv"} for error in failure.errors)
