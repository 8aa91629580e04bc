"""The roles check: gaps and overloads in the responsibility (RACI) matrix.

A task nobody answers for, or that several agencies each think they answer for, is the role
ambiguity the evidence links to failed integration; so is an agency doing work beyond the
competence it declares, and a task on which so many agencies must be consulted that
nothing moves.
"""

from __future__ import annotations

from datetime import date

from joinedup.checks.finding import CheckFinding, RecordRef, Severity
from joinedup.checks.records import RaciMatrix, RaciRole, RaciTask

CHECK = "roles"


def _cell(task: str, agency: str) -> RecordRef:
    return {"kind": "raci-cell", "task": task, "agency": agency}


def _task(task: str) -> RecordRef:
    return {"kind": "raci-task", "task": task}


def _holders(cells: dict[str, frozenset[RaciRole]], role: RaciRole) -> list[str]:
    return sorted(agency for agency, roles in cells.items() if role in roles)


def _accountability_gaps(task: RaciTask, cells: dict[str, frozenset[RaciRole]]) -> list[CheckFinding]:
    accountable = _holders(cells, RaciRole.ACCOUNTABLE)
    responsible = _holders(cells, RaciRole.RESPONSIBLE)
    findings: list[CheckFinding] = []
    if not accountable:
        findings.append(
            CheckFinding(
                CHECK,
                "accountability",
                Severity.HIGH,
                f"No agency is accountable (A) for “{task.name}”: nobody answers for it if it is not done.",
                [_task(task.name)],
                rule="roles.no-accountable",
            )
        )
    elif len(accountable) > 1:
        findings.append(
            CheckFinding(
                CHECK,
                "accountability",
                Severity.MEDIUM,
                f"{len(accountable)} agencies are each accountable (A) for “{task.name}” "
                f"({', '.join(accountable)}): shared accountability tends to become nobody's. "
                "Agree one.",
                [_cell(task.name, agency) for agency in accountable],
                rule="roles.several-accountable",
            )
        )
    if not responsible:
        findings.append(
            CheckFinding(
                CHECK,
                "roles-responsibilities",
                Severity.HIGH,
                f"No agency is responsible (R) for doing “{task.name}”.",
                [_task(task.name)],
                rule="roles.no-responsible",
            )
        )
    return findings


def _beyond_competence(
    matrix: RaciMatrix, task: RaciTask, cells: dict[str, frozenset[RaciRole]]
) -> list[CheckFinding]:
    if task.competence is None:
        return []
    findings: list[CheckFinding] = []
    for agency in _holders(cells, RaciRole.RESPONSIBLE):
        declared = matrix.competences_of(agency)
        if declared and task.competence not in declared:
            findings.append(
                CheckFinding(
                    CHECK,
                    "roles-responsibilities",
                    Severity.MEDIUM,
                    f"{agency} is responsible (R) for “{task.name}”, which needs “{task.competence}”, "
                    f"but declares only: {', '.join(sorted(declared))}.",
                    [_cell(task.name, agency)],
                    rule="roles.beyond-competence",
                )
            )
    return findings


def _consultation_overload(
    matrix: RaciMatrix, task: RaciTask, cells: dict[str, frozenset[RaciRole]], share: float
) -> list[CheckFinding]:
    consulted = _holders(cells, RaciRole.CONSULTED)
    if not matrix.agencies or len(consulted) <= share * len(matrix.agencies):
        return []
    return [
        CheckFinding(
            CHECK,
            "roles-responsibilities",
            Severity.LOW,
            f"{len(consulted)} of {len(matrix.agencies)} agencies must be consulted (C) on “{task.name}”: "
            "so much consultation slows the task down; inform (I) those who need only to know.",
            [_cell(task.name, agency) for agency in consulted],
            rule="roles.consultation-overload",
        )
    ]


def check_roles(matrix: RaciMatrix, *, today: date, consultation_share: float = 0.5) -> list[CheckFinding]:
    """Find tasks with no accountable agency, several, or none responsible; agencies responsible
    beyond the competence they declare; and tasks with consultation overload.

    `consultation_share` (default 0.5): a task is overloaded when more than this share of the
    member agencies are Consulted on it. The competence test only applies to tasks that name a
    competence and to agencies that declare at least one. `today` is part of every check's
    signature; the matrix has no dates, so it does not change this check's answer.
    """
    del today
    if not matrix.tasks or not matrix.agencies:
        return [
            CheckFinding(
                CHECK,
                "roles-responsibilities",
                Severity.HIGH,
                "The responsibility matrix is empty: record the partnership's tasks and who is "
                "responsible, accountable, consulted and informed for each.",
                [],
                rule="roles.empty-matrix",
            )
        ]
    findings: list[CheckFinding] = []
    for task in matrix.tasks:
        cells = matrix.roles_of(task.name)
        findings += _accountability_gaps(task, cells)
        findings += _beyond_competence(matrix, task, cells)
        findings += _consultation_overload(matrix, task, cells, consultation_share)
    return findings
