"""Shared fixtures for the tagger tests: the held-out test set and the default tagger."""

from __future__ import annotations

import pytest
from tests.conftest import DATA_DIR

from joinedup.tagging import Tagger, load_tagger
from joinedup.tagging.examples import LabelledText, parse_labelled_texts

TEST_SET = DATA_DIR / "tagging" / "comments.yaml"


@pytest.fixture(scope="session")
def held_out() -> list[LabelledText]:
    return parse_labelled_texts(TEST_SET.read_text(encoding="utf-8"), source=str(TEST_SET))


@pytest.fixture(scope="session")
def default_tagger() -> Tagger:
    return load_tagger()
