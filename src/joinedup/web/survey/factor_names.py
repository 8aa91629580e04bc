"""Factor names as respondents read them, taken from the bundled evidence base.

The survey shows the bundled names even when a deployment adds its own evidence,
so that every partnership answering the same instrument version sees the same headings.
"""

from __future__ import annotations

from functools import cache

from joinedup.evidence import load_evidence_base


@cache
def factor_name(factor_id: str) -> str:
    return load_evidence_base().factor(factor_id).name
