from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from joinedup.checks.records import AgencyCompetence, RaciMatrix, RaciRole, RaciTask, RoleAssignment
from joinedup.checks.roles import check_roles

TODAY = date(2025, 6, 1)
AGENCIES = ("Education", "Health", "Police", "Social care")
GAP_RULES = {"roles.no-accountable", "roles.several-accountable", "roles.no-responsible"}


def _matrix(cells: dict[str, dict[str, str]], competences=(), task_competence=None) -> RaciMatrix:
    tasks = tuple(RaciTask(name, (task_competence or {}).get(name)) for name in cells)
    assignments = tuple(
        RoleAssignment(task, agency, RaciRole(letter))
        for task, row in cells.items()
        for agency, letters in row.items()
        for letter in letters
    )
    return RaciMatrix(AGENCIES, tasks, assignments, tuple(competences))


def _rules(findings):
    return sorted(f.rule for f in findings)


def test_a_well_formed_task_raises_nothing():
    matrix = _matrix({"Referrals": {"Social care": "AR", "Health": "C", "Police": "I"}})
    assert check_roles(matrix, today=TODAY) == []


def test_task_with_no_accountable_agency():
    findings = check_roles(_matrix({"Referrals": {"Health": "R"}}), today=TODAY)
    assert _rules(findings) == ["roles.no-accountable"]
    assert findings[0].factor == "accountability"
    assert findings[0].records == [{"kind": "raci-task", "task": "Referrals"}]


def test_task_with_two_accountable_agencies_names_both_cells():
    findings = check_roles(_matrix({"Referrals": {"Health": "AR", "Police": "A"}}), today=TODAY)
    assert _rules(findings) == ["roles.several-accountable"]
    assert [r["agency"] for r in findings[0].records] == ["Health", "Police"]


def test_task_with_no_responsible_agency():
    findings = check_roles(_matrix({"Chairing the TAC": {"Education": "A"}}), today=TODAY)
    assert _rules(findings) == ["roles.no-responsible"]
    assert findings[0].factor == "roles-responsibilities"


def test_task_with_empty_row_has_both_gaps():
    assert _rules(check_roles(_matrix({"Joint training plan": {}}), today=TODAY)) == [
        "roles.no-accountable",
        "roles.no-responsible",
    ]


def test_responsible_outside_declared_competence():
    matrix = _matrix(
        {"Health assessment": {"Police": "R", "Health": "AR"}},
        competences=[
            AgencyCompetence("Police", "investigation"),
            AgencyCompetence("Health", "health assessment"),
        ],
        task_competence={"Health assessment": "health assessment"},
    )
    findings = check_roles(matrix, today=TODAY)
    assert _rules(findings) == ["roles.beyond-competence"]
    assert findings[0].records == [{"kind": "raci-cell", "task": "Health assessment", "agency": "Police"}]


def test_agency_without_declared_competences_is_not_judged():
    matrix = _matrix(
        {"Health assessment": {"Police": "AR"}}, task_competence={"Health assessment": "health assessment"}
    )
    assert check_roles(matrix, today=TODAY) == []


def test_consultation_overload_needs_more_than_half():
    half = _matrix({"Plan": {"Health": "AR", "Police": "C", "Education": "C"}})
    assert check_roles(half, today=TODAY) == []
    over = _matrix({"Plan": {"Health": "AR", "Police": "C", "Education": "C", "Social care": "C"}})
    assert _rules(check_roles(over, today=TODAY)) == ["roles.consultation-overload"]


def test_consultation_share_is_adjustable():
    matrix = _matrix({"Plan": {"Health": "AR", "Police": "C"}})
    assert _rules(check_roles(matrix, today=TODAY, consultation_share=0.2)) == ["roles.consultation-overload"]


def test_empty_matrix_is_itself_a_finding():
    for matrix in (RaciMatrix((), (), ()), RaciMatrix(AGENCIES, (), ())):
        findings = check_roles(matrix, today=TODAY)
        assert _rules(findings) == ["roles.empty-matrix"]


cell_letters = st.sets(st.sampled_from("RACI"), max_size=2).map(lambda letters: "".join(sorted(letters)))
matrices = st.lists(st.lists(cell_letters, min_size=len(AGENCIES), max_size=len(AGENCIES)), max_size=8)


def _task_of(finding):
    return {ref["task"] for ref in finding.records}


@given(rows=matrices)
def test_no_gap_is_reported_for_a_task_with_one_a_and_at_least_one_r(rows):
    cells = {f"task {i}": dict(zip(AGENCIES, row, strict=True)) for i, row in enumerate(rows)}
    findings = check_roles(_matrix(cells), today=TODAY)
    for task, row in cells.items():
        accountable = sum("A" in letters for letters in row.values())
        responsible = sum("R" in letters for letters in row.values())
        gaps = [f for f in findings if f.rule in GAP_RULES and task in _task_of(f)]
        if accountable == 1 and responsible >= 1:
            assert gaps == []
        else:
            assert gaps, f"{task} {row} should have a gap"


@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(AGENCIES),
            st.sampled_from(AGENCIES),
            st.lists(st.sampled_from(["", "C", "I"]), min_size=len(AGENCIES), max_size=len(AGENCIES)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_tasks_built_with_one_a_and_one_r_never_have_a_gap(rows):
    cells = {}
    for index, (accountable, responsible, others) in enumerate(rows):
        row = dict(zip(AGENCIES, others, strict=True))
        row[accountable] = "A"
        row[responsible] = "AR" if responsible == accountable else "R"
        cells[f"task {index}"] = row
    findings = check_roles(_matrix(cells), today=TODAY)
    assert [f for f in findings if f.rule in GAP_RULES] == []
