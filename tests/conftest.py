"""Fixtures for the core's tests: paths to the shared seed review and factor spec.

The seed review and the factor spec live beside the repository (in `../shared`), not in it,
so a bare clone does not have them. There the tests that read them are skipped with the
reason; under CI (`CI=true`) their absence is a failure, so CI always runs them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("JOINEDUP_SHARED_DIR", REPO_ROOT.parent / "shared"))
SEED_REVIEW = SHARED_DIR / "seeds" / "000_6b8fe8992de42024.txt"
FACTORS_SPEC = SHARED_DIR / "spec" / "factors.yaml"
DATA_DIR = Path(__file__).resolve().parent / "data"


def require_shared(path: Path, what: str) -> Path:
    """`path` if it exists; otherwise skip the test, or fail it under CI."""
    if path.exists():
        return path
    message = f"{what} is missing at {path}; set JOINEDUP_SHARED_DIR to the folder that holds it"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seed_review_path() -> Path:
    return require_shared(SEED_REVIEW, "The seed review")


@pytest.fixture(scope="session")
def seed_review_text(seed_review_path: Path) -> str:
    return seed_review_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def factors_spec_path() -> Path:
    return require_shared(FACTORS_SPEC, "The factor spec")
