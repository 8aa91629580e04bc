"""Factor names for tags and checkboxes, in the canonical order.

Names come from the bundled evidence base, as in the survey, so a tag reads the same
on the respondent's page, the coordinator's page and the report.
"""

from __future__ import annotations

from functools import cache

from joinedup.evidence import load_evidence_base
from joinedup.evidence.ids import FACTOR_IDS


@cache
def factor_names() -> dict[str, str]:
    """Factor id → name, in the order of `FACTOR_IDS`."""
    base = load_evidence_base()
    return {factor_id: base.factor(factor_id).name for factor_id in FACTOR_IDS}


def named(factor_ids: list[str]) -> list[dict[str, str]]:
    """Tags as templates show them: id and name, in canonical order whatever order they were stored in."""
    names = factor_names()
    chosen = set(factor_ids)
    return [{"id": factor_id, "name": name} for factor_id, name in names.items() if factor_id in chosen]
