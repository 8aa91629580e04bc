from __future__ import annotations

import pytest

from joinedup.instrument.reference import (
    NATIONS,
    load_agency_list,
    load_agency_types,
    load_role_group_list,
    load_role_groups,
)


def test_the_agencies_named_in_the_brief_are_all_listed() -> None:
    ids = {agency.id for agency in load_agency_types()}
    expected = {
        "la-schools",
        "la-social-work",
        "la-early-help",
        "la-housing",
        "la-youth-justice",
        "nhs-health-visiting",
        "nhs-school-nursing",
        "nhs-camhs",
        "nhs-paediatrics",
        "nhs-gp",
        "police-scotland",
        "police-england",
        "childrens-reporter",
        "voluntary-organisation",
    }
    assert expected <= ids


@pytest.mark.parametrize("nation", NATIONS)
def test_each_nation_sees_only_its_own_agencies_and_roles(nation: str) -> None:
    agencies = load_agency_types(nation)
    roles = load_role_groups(nation)
    assert agencies and roles
    assert all(nation in agency.nations for agency in agencies)
    assert all(nation in role.nations for role in roles)


def test_scotland_and_england_differ_where_their_systems_differ() -> None:
    scottish = {a.id for a in load_agency_types("scotland")}
    english = {a.id for a in load_agency_types("england")}
    assert "childrens-reporter" in scottish - english
    assert "la-youth-justice" in english - scottish
    assert "named-person" in {r.id for r in load_role_groups("scotland")} - {
        r.id for r in load_role_groups("england")
    }


def test_every_coarse_group_is_declared_and_used() -> None:
    for listing, entries in (
        (load_agency_list(), load_agency_types()),
        (load_role_group_list(), load_role_groups()),
    ):
        declared = {group.id for group in listing.coarse_groups}
        assert {entry.coarse_group for entry in entries} == declared


def test_coarse_groups_are_broader_than_the_groups_they_hold() -> None:
    assert len(load_agency_list().coarse_groups) * 4 <= len(load_agency_types())
    assert len(load_role_group_list().coarse_groups) * 2 <= len(load_role_groups())


def test_an_unknown_nation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown nation 'atlantis'"):
        load_agency_types("atlantis")
    with pytest.raises(ValueError, match="unknown nation"):
        load_role_groups("atlantis")


def test_a_coarse_group_that_is_not_declared_is_refused() -> None:
    document = load_agency_list().model_dump()
    document["agency_types"][0]["coarse_group"] = "nowhere"
    with pytest.raises(ValueError, match="'nowhere'"):
        type(load_agency_list()).model_validate(document)
