"""A reliability finding follows alpha's whole Feldt 95% interval, not alpha alone: a low alpha
from a handful of answers has an interval too wide to say the statements do not hang together."""

from __future__ import annotations

import numpy as np
import pandas as pd
from tests.findings.builders import ITEMS, frame, steady

from joinedup.analysis import analyse
from joinedup.findings.survey import LOW_ALPHA, survey_findings

FUNDING = [item for item in ITEMS if item.factor == "funding"]


def _with_funding_alpha_near(loading: float, per_agency: int, seed: int = 3) -> pd.DataFrame:
    """Steady answers, with funding's three items a shared trait plus noise: alpha about 0.5."""
    data = frame(steady, "Round 1", per_agency=per_agency)
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=len(data))
    for item in FUNDING:
        raw = 3 + loading * trait + rng.normal(size=len(data))
        value = np.clip(np.rint(raw), 1, 5)
        data[item.id] = (6.0 - value if item.reverse else value).astype(np.float64)
    return data


def _funding(data: pd.DataFrame):
    result = analyse(data, ITEMS)
    (round_result,) = result.rounds
    factor = next(f for f in round_result.factors if f.id == "funding")
    findings = {f.key: f for f in survey_findings(round_result, {"funding": "Funding"})}
    return factor, findings.get("reliability:funding")


def test_a_low_alpha_from_few_answers_with_a_wide_interval_is_no_finding():
    factor, finding = _funding(_with_funding_alpha_near(0.6, per_agency=4, seed=1))
    assert factor.alpha is not None and factor.alpha < LOW_ALPHA
    assert factor.alpha_ci is not None and factor.alpha_ci[1] >= LOW_ALPHA
    assert finding is None


def test_a_clearly_low_alpha_from_many_answers_is_a_finding_with_its_interval_in_words():
    factor, finding = _funding(_with_funding_alpha_near(0.6, per_agency=150))
    assert factor.alpha_ci is not None and factor.alpha_ci[1] < LOW_ALPHA
    assert finding is not None
    low, high = factor.alpha_ci
    assert f"between {low:.2f} and {high:.2f}" in finding.statement
    assert f"95% CI {low:.2f} to {high:.2f}" in finding.evidence_of[0]
