"""Fixtures for the respondent's pages: an open round with a link per agency."""

from __future__ import annotations

import pytest

from joinedup.instrument import load_instrument
from joinedup.instrument.model import Instrument
from joinedup.web.partnerships.models import Invitation, Partnership, Round
from joinedup.web.partnerships.tests.builders import make_partnership, make_round


@pytest.fixture
def instrument() -> Instrument:
    return load_instrument("1")


@pytest.fixture
def partnership(db) -> Partnership:
    return make_partnership()


@pytest.fixture
def open_round(partnership) -> Round:
    return make_round(partnership)


@pytest.fixture
def agency_link(open_round) -> Invitation:
    return open_round.invitations.get(agency__name="Education")


@pytest.fixture
def any_agency_link(open_round) -> Invitation:
    return open_round.invitations.get(agency=None)
