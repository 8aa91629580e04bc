"""Hand-made responses whose findings are known in advance, shared by the findings and report tests."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from joinedup.analysis import AnalysisResult, ItemSpec, analyse, synthetic_item_bank
from joinedup.evidence.ids import FACTOR_IDS

ITEMS: tuple[ItemSpec, ...] = synthetic_item_bank(FACTOR_IDS, per_factor=3)
AGENCIES = ("Education", "Health", "Police")
Answer = Callable[[str, str, int], float]


def steady(factor: str, agency: str, person: int) -> float:
    """A partnership that is borderline on everything but where the tests look."""
    return float(3 + person % 2)


def crafted(factor: str, agency: str, person: int) -> float:
    """Funding is a clear concern, leadership a clear strength, agencies split on communication,
    joint training is mostly "don't know"."""
    if factor == "funding":
        return float(1 + person % 2)
    if factor == "leadership":
        return 5.0
    if factor == "communication":
        return 5.0 if agency == "Education" else 1.0
    if factor == "joint-training":
        return 0.0 if person % 10 < 4 else 4.0
    return steady(factor, agency, person)


def frame(answer: Answer, round_label: str, per_agency: int = 20, partnership: str = "P") -> pd.DataFrame:
    rows = []
    for agency in AGENCIES:
        for person in range(per_agency):
            row: dict[str, object] = {
                "partnership": partnership,
                "round": round_label,
                "agency": agency,
                "role_group": "practitioner",
            }
            for item in ITEMS:
                value = answer(item.factor, agency, person)
                row[item.id] = 6.0 - value if item.reverse and value else value
            rows.append(row)
    result = pd.DataFrame(rows)
    for item in ITEMS:
        result[item.id] = result[item.id].astype(np.float64)
    return result


def analysed(*rounds: tuple[str, Answer]) -> AnalysisResult:
    """The analysis of one partnership's rounds, each answered by its own rule."""
    return analyse(pd.concat([frame(answer, label) for label, answer in rounds], ignore_index=True), ITEMS)
