"""The core registry of structure kinds: one entry per kind, and each entry's parts agree."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from joinedup.io.structure_export import write_sheets
from joinedup.io.structure_kinds import CHECKED_KINDS, RECORD_KINDS, STRUCTURE_KINDS, structure_kind
from joinedup.io.structure_layouts import KINDS, SHEETS

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "structure"


def test_the_registry_declares_every_kind_of_the_layouts_once_and_in_order():
    assert tuple(STRUCTURE_KINDS) == KINDS == tuple(SHEETS)
    for name, kind in STRUCTURE_KINDS.items():
        assert kind.name == name
        assert kind.sheets == SHEETS[name]


def test_each_sheet_holds_one_record_kind_and_no_record_kind_is_named_twice():
    names = [record.name for kind in STRUCTURE_KINDS.values() for record in kind.records]
    assert len(names) == len(set(names)) == len(RECORD_KINDS)
    for kind in STRUCTURE_KINDS.values():
        assert [record.sheet for record in kind.records] == list(kind.sheets)


def test_the_checked_kinds_are_those_with_a_check():
    assert [kind.name for kind in CHECKED_KINDS] == ["roles", "targets", "meetings", "funding"]


def test_an_unknown_kind_is_refused_naming_the_kinds_there_are():
    with pytest.raises(KeyError, match="roles, targets, meetings, funding, actions"):
        structure_kind("budgets")


@pytest.mark.parametrize("name", KINDS)
def test_every_kind_reads_its_example_and_writes_it_back_unchanged(name, tmp_path):
    """Each entry's reader, writer and sheet layouts agree: the example sheets read, written out
    through the kind's writer and read again give the same records."""
    kind = STRUCTURE_KINDS[name]
    main, *companions = kind.sheet_names
    today = date(2026, 1, 1)
    records = kind.read(EXAMPLES / f"{main}.csv", {c: EXAMPLES / f"{c}.csv" for c in companions}, today=today)
    assert records, "the example holds records of every kind"
    written = write_sheets(kind.to_sheets(records), tmp_path, "csv")
    assert [path.stem for path in written] == list(kind.sheet_names)
    again = kind.read(written[0], dict(zip(companions, written[1:], strict=True)), today=today)
    assert again == records
    if kind.check is not None:
        assert all(finding.check == name for finding in kind.check(records, today))
