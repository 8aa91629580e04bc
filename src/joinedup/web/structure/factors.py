"""Factor names for pages and forms, from the evidence base the deployment uses."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from joinedup.evidence.ids import FACTOR_IDS
from joinedup.evidence.loading import load_evidence_base


def factor_names() -> dict[str, str]:
    """Factor id → name, in the canonical order; a deployer's evidence folder may rename factors."""
    folder = settings.JOINEDUP_EVIDENCE_DIR
    base = load_evidence_base(Path(folder) if folder else None)
    return {factor_id: base.factor(factor_id).name for factor_id in FACTOR_IDS}


def factor_choices() -> list[tuple[str, str]]:
    return list(factor_names().items())
