"""Fixtures for the core's tests: paths to the shared seed review and factor spec."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("JOINEDUP_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEED_REVIEW = SHARED_DIR / "seeds" / "000_6b8fe8992de42024.txt"
FACTORS_SPEC = SHARED_DIR / "spec" / "factors.yaml"
DATA_DIR = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def seed_review_text() -> str:
    if not SEED_REVIEW.exists():
        pytest.fail(f"The seed review is missing at {SEED_REVIEW}; set JOINEDUP_SHARED_DIR")
    return SEED_REVIEW.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def factors_spec_path() -> Path:
    if not FACTORS_SPEC.exists():
        pytest.fail(f"The factor spec is missing at {FACTORS_SPEC}; set JOINEDUP_SHARED_DIR")
    return FACTORS_SPEC
