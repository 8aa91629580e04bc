"""Agency names typed in a sheet, and a new agency's name, are matched by the core's one rule."""

from __future__ import annotations

from joinedup.web.partnerships.forms import AgencyForm
from joinedup.web.partnerships.models import Agency
from joinedup.web.structure.models import Target
from joinedup.web.structure.sheets import import_sheets


def test_a_sheet_naming_an_agency_with_other_case_spacing_or_and_is_stored_against_it(partnership, tmp_path):
    Agency.objects.create(partnership=partnership, name="Health & Social Care")
    sheet = tmp_path / "targets.csv"
    sheet.write_text(
        "reference,title,owner\nT1,Fewer repeat referrals,health and social care\nT2,Faster plans,POLICE.\n",
        encoding="utf-8",
    )
    import_sheets(partnership, "targets", sheet, {})
    owners = dict(Target.objects.filter(partnership=partnership).values_list("reference", "owner__name"))
    assert owners == {"T1": "Health & Social Care", "T2": "Police"}


def test_the_agency_form_refuses_a_name_an_import_could_not_tell_from_an_existing_agency(partnership):
    Agency.objects.create(partnership=partnership, name="Health & Social Care")
    form = AgencyForm({"name": "Health and social care", "agency_type": "police"}, partnership=partnership)
    assert not form.is_valid()
    assert form.errors["name"] == ["This partnership already has an agency with that name"]
