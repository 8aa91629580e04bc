"""The matrix form, the sheet import and the model accept and refuse the same RACI cells."""

from __future__ import annotations

from itertools import combinations

import pytest
from django.core.exceptions import ValidationError

from joinedup.io.structure_sheets import StructureImportFailed, read_roles
from joinedup.web.structure.forms import RaciGridForm, cell_field_name
from joinedup.web.structure.models import RaciCell, RaciTask

EVERY_COMBINATION = ["".join(letters) for size in range(1, 5) for letters in combinations("RACI", size)]


def _form_accepts(task: RaciTask, agency, letters: str) -> bool:
    form = RaciGridForm({cell_field_name(task, agency): letters}, tasks=[task], agencies=[agency])
    return form.is_valid()


def _sheet_accepts(tmp_path, agency_name: str, letters: str) -> bool:
    sheet = tmp_path / f"roles-{letters}.csv"
    sheet.write_text(f"task,{agency_name}\nReferrals,{letters}\n", encoding="utf-8")
    try:
        read_roles(sheet)
    except StructureImportFailed:
        return False
    return True


def _model_accepts(task: RaciTask, agency, letters: str) -> bool:
    try:
        RaciCell(task=task, agency=agency, letters=letters).full_clean()
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("letters", EVERY_COMBINATION)
def test_form_sheet_and_model_agree_on_every_combination_of_letters(partnership, agencies, tmp_path, letters):
    task = RaciTask.objects.create(partnership=partnership, name="Referrals")
    police = agencies["Police"]
    verdicts = {
        "form": _form_accepts(task, police, letters),
        "sheet": _sheet_accepts(tmp_path, police.name, letters),
        "model": _model_accepts(task, police, letters),
    }
    assert len(set(verdicts.values())) == 1, verdicts
    assert verdicts["form"] == (letters in {"R", "A", "C", "I", "RA"})
