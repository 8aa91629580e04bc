"""A partnership reads role examples in its own nation's terms, never another nation's."""

import pytest

from joinedup.instrument.reference import NATIONS, load_role_groups

# Titles that exist in one nation's children's services only: seeing one of them elsewhere is the bug.
OWN_TERMS = {
    "scotland": ("Chief Social Work Officer", "child protection committee", "GIRFEC", "joint board"),
    "england": ("Director of Children's Services", "Safeguarding partner", "ICB", "early help plan"),
    "wales": (
        "Director of Social Services", "Regional Partnership Board", "Team Around the Family", "Flying Start"
    ),
    "northern-ireland": (
        "Health and Social Care Trust", "Safeguarding Board for Northern Ireland", "PSNI", "UNOCINI"
    ),
}


def examples(nation: str) -> str:
    return " ".join(group.examples for group in load_role_groups(nation))


def test_every_nation_of_the_partnership_model_has_its_own_examples() -> None:
    from joinedup.web.partnerships.models import Nation

    assert set(NATIONS) == set(Nation.values) == set(OWN_TERMS)


@pytest.mark.parametrize("nation", NATIONS)
def test_a_partnership_sees_its_own_nation_s_examples_and_no_other_s(nation: str) -> None:
    text = examples(nation)
    assert all(term in text for term in OWN_TERMS[nation]), text
    foreign = [
        term for other, terms in OWN_TERMS.items() if other != nation for term in terms if term in text
    ]
    assert not foreign

