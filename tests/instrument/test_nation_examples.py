"""A partnership reads role examples in its own nation's terms, never another nation's."""

from joinedup.instrument.reference import load_role_groups

SCOTTISH_ONLY = ("Chief Social Work Officer", "child protection committee", "GIRFEC", "joint board")
ENGLISH_ONLY = ("Director of Children's Services", "Safeguarding partner", "ICB", "early help plan")


def test_an_england_partnership_sees_no_scottish_examples() -> None:
    text = " ".join(group.examples for group in load_role_groups("england"))
    assert "Director of Children's Services" in text
    assert not [term for term in SCOTTISH_ONLY if term in text]


def test_a_scotland_partnership_sees_no_english_examples() -> None:
    text = " ".join(group.examples for group in load_role_groups("scotland"))
    assert "Chief Social Work Officer" in text
    assert not [term for term in ENGLISH_ONLY if term in text]
