"""Structure records and the action plan from files, for `report` and `findings`.

Every problem in every file is reported at once with exit code 2, and nothing is judged on
half the records.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from joinedup.cli._common import fail, fail_all

if TYPE_CHECKING:
    from joinedup.findings import ActionPlanItem
    from joinedup.reports import StructureRecords


def _structure_kinds() -> dict[str, tuple[str, ...]]:
    """Each kind's main sheet, then the companion sheets read with it (from the core registry's layouts).

    Read when records are, not on import: `joinedup report` imports this module, and its --help
    need not load the layouts.
    """
    from joinedup.io.structure_layouts import SHEETS

    return {kind: tuple(layout.name for layout in layouts) for kind, layouts in SHEETS.items()}


@dataclass(frozen=True)
class _Source:
    """Where one kind's records are: the main file and any companion files by sheet name."""

    main: Path
    companions: dict[str, Path] = field(default_factory=dict)


def _structure_sources(source: str) -> dict[str, _Source]:
    """Kind → where its records are, in a folder of CSVs or in one workbook's sheets."""
    from joinedup.io.safety import STRUCTURE_LIMITS
    from joinedup.io.tables import TableError, sheet_names

    kinds = _structure_kinds()
    path = Path(source)
    found: dict[str, _Source] = {}
    if path.is_dir():
        for kind, (main, *companions) in kinds.items():
            if (path / f"{main}.csv").is_file():
                present = [name for name in companions if (path / f"{name}.csv").is_file()]
                found[kind] = _Source(path / f"{main}.csv", {name: path / f"{name}.csv" for name in present})
        return found
    if not path.is_file():
        fail(f"{source}: no such file or folder")
    try:
        sheets = set(sheet_names(path, STRUCTURE_LIMITS))
    except TableError as error:
        fail(f"{source}: not a workbook that can be read ({error})")
    for kind, (main, *_companions) in kinds.items():
        if main in sheets:
            found[kind] = _Source(path)
    if not found:
        names = ", ".join(parts[0] for parts in kinds.values())
        fail(f"{source}: no sheet is named {names}")
    return found


def read_structure(
    structure: str | None, actions: str | None
) -> tuple[StructureRecords, tuple[ActionPlanItem, ...]]:
    """The structure records and the action plan; every problem in every file is reported at once."""
    from datetime import date

    from joinedup.findings import ActionPlanItem
    from joinedup.io.structure_kinds import structure_kind
    from joinedup.io.structure_sheets import StructureImportFailed
    from joinedup.reports import StructureRecords

    sources = _structure_sources(structure) if structure is not None else {}
    if actions is not None:
        if not Path(actions).is_file():
            fail(f"{actions}: no such file")
        sources["actions"] = _Source(Path(actions))
    errors: list[object] = []
    records = StructureRecords()
    plan: tuple[ActionPlanItem, ...] = ()
    for kind, source in sources.items():
        try:
            read = structure_kind(kind).read(source.main, source.companions, today=date.today())
        except StructureImportFailed as failure:
            errors += failure.errors
            continue
        if kind == "actions":
            plan = tuple(ActionPlanItem.from_record(item) for item in read)
        else:
            records = dataclasses.replace(records, **{kind: read})
    if errors:
        fail_all(f"{len(errors)} problem(s) in the structure records; nothing was read.", errors)
    return records, plan
