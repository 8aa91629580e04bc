"""Shared fixtures for the tagger tests: both held-out test sets and the default tagger.

The test sets are read here only to check the tagger; nothing in them is used to train it,
choose its thresholds or tune anything else.
"""

from __future__ import annotations

import pytest
from tests.conftest import DATA_DIR

from joinedup.tagging import Tagger, load_tagger
from joinedup.tagging.examples import LabelledText, labelled_directory, read_labelled_files

TEST_SET = DATA_DIR / "tagging" / "comments.yaml"
HELD_OUT_REGISTERS = DATA_DIR / "tagging" / "heldout"


@pytest.fixture(scope="session")
def held_out() -> tuple[LabelledText, ...]:
    """The original test set: comments, minutes and lessons-learned notes."""
    return read_labelled_files([(str(TEST_SET), TEST_SET)])


@pytest.fixture(scope="session")
def held_out_registers() -> tuple[LabelledText, ...]:
    """The held-out set of the four registers, written without sight of the training examples."""
    return labelled_directory(HELD_OUT_REGISTERS)


@pytest.fixture(scope="session")
def default_tagger() -> Tagger:
    return load_tagger()
