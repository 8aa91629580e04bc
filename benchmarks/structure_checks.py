"""How long the roles check takes on a large responsibility matrix, against a naive reference.

The check reads each task's cells from an index built once over the matrix. The naive
reference finds each task's cells by scanning every assignment again, which is the obvious
way to write it and grows with tasks × assignments. Both run on the same matrix, and the
script prints their medians and the ratio. Run: `.venv/bin/python benchmarks/structure_checks.py`.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import date

from joinedup.checks.records import RaciMatrix, RaciRole, RaciTask, RoleAssignment
from joinedup.checks.roles import check_roles

TASKS = 1_000
AGENCIES = 40
REPEATS = 3
TODAY = date(2025, 6, 1)


def build_matrix(seed: int = 1) -> RaciMatrix:
    chooser = random.Random(seed)
    agencies = tuple(f"Agency {i}" for i in range(AGENCIES))
    tasks = tuple(RaciTask(f"Task {i}", chooser.choice([None, "safeguarding"])) for i in range(TASKS))
    assignments = []
    for task in tasks:
        for agency in agencies:
            letter = chooser.choice(["", "", "R", "A", "C", "I"])
            if letter:
                assignments.append(RoleAssignment(task.name, agency, RaciRole(letter)))
    return RaciMatrix(agencies, tasks, tuple(assignments))


def naive_gap_count(matrix: RaciMatrix) -> int:
    """Tasks with no A, several A or no R, finding each task's cells by a full scan."""
    gaps = 0
    for task in matrix.tasks:
        letters = [a.role for a in matrix.assignments if a.task == task.name]
        accountable = letters.count(RaciRole.ACCOUNTABLE)
        gaps += (accountable != 1) + (RaciRole.RESPONSIBLE not in letters)
    return gaps


def median_seconds(run: Callable[[], object]) -> float:
    timings = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    rules = {"roles.no-accountable", "roles.several-accountable", "roles.no-responsible"}
    real = len([f for f in check_roles(build_matrix(), today=TODAY) if f.rule in rules])
    assert real == naive_gap_count(build_matrix()), "the two implementations disagree"
    fast = median_seconds(lambda: check_roles(build_matrix(), today=TODAY))
    slow = median_seconds(lambda: naive_gap_count(build_matrix()))
    build = median_seconds(build_matrix)
    print(f"matrix: {TASKS} tasks x {AGENCIES} agencies, {REPEATS} runs each (medians include building it)")
    print(f"building the matrix alone:      {build * 1000:8.1f} ms")
    print(f"check_roles (all five rules):   {fast * 1000:8.1f} ms")
    print(f"naive reference (gap rules):    {slow * 1000:8.1f} ms")
    print(f"ratio naive / check_roles:      {slow / fast:8.1f}x")


if __name__ == "__main__":
    main()
