"""Fixtures for the response service, the file import and the export.

The agency names match those in the survey-tool fixture files of `tests/data/survey_exports`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from joinedup.web.partnerships.models import Partnership, Role, Round

from .builders import add_member, make_partnership, make_round, make_user

SURVEY_EXPORTS = Path(__file__).resolve().parents[5] / "tests" / "data" / "survey_exports"
FIXTURE_AGENCIES = ("Education", "NHS Fife", "Police Scotland", "Social Work")


@pytest.fixture
def fife(db) -> Partnership:
    return make_partnership(name="Fife Children's Services", slug="fife", agencies=FIXTURE_AGENCIES)


@pytest.fixture
def spring(fife) -> Round:
    return make_round(fife, name="Spring")


@pytest.fixture
def autumn(fife) -> Round:
    return make_round(fife, name="Autumn")


@pytest.fixture
def coordinator_client(client, fife):
    user = make_user("coordinator")
    add_member(fife, user, Role.COORDINATOR)
    client.force_login(user)
    return client


@pytest.fixture
def viewer_client(client, fife):
    user = make_user("viewer")
    add_member(fife, user, Role.VIEWER)
    client.force_login(user)
    return client


@pytest.fixture
def outsider_client(client, fife):
    other = make_partnership(name="Elsewhere", slug="elsewhere", agencies=["Police"])
    user = make_user("outsider")
    add_member(other, user, Role.COORDINATOR)
    client.force_login(user)
    return client
