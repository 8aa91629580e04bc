"""The two-partnership world shared by the partition tests (URL walk, crawl, form walk)."""

from __future__ import annotations

import pytest

from .partition_fixtures import World, build_world


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    """A and B; the evidence review pages get a folder of their own to write to."""
    (tmp_path / "evidence").mkdir()
    settings.JOINEDUP_EVIDENCE_DIR = str(tmp_path / "evidence")
    return build_world()
