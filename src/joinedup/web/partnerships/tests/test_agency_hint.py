"""The agency form's hint gives an example in the partnership's own nation's terms."""

from __future__ import annotations

import pytest

from joinedup.web.partnerships.forms import AgencyForm
from joinedup.web.partnerships.models import Nation, Partnership

OTHER_NATIONS_BODIES = {
    Nation.SCOTLAND: "NHS Ayrshire",
    Nation.ENGLAND: "NHS Trust",
    Nation.WALES: "University Health Board",
    Nation.NORTHERN_IRELAND: "Health and Social Care Trust",
}


@pytest.mark.parametrize("nation", list(Nation))
def test_the_agency_name_hint_names_a_body_of_the_partnerships_own_nation(nation: Nation) -> None:
    hint = str(AgencyForm(partnership=Partnership(name="P", nation=nation)).fields["name"].help_text)
    assert OTHER_NATIONS_BODIES[nation] in hint
    for other, body in OTHER_NATIONS_BODIES.items():
        if other != nation:
            assert body not in hint, (nation, hint)
