"""Scores, reliability, divergence, trends and disclosure control for self-assessment responses.

The public entry point is `analyse(frame, items, ...)`; `generate_responses` makes
realistic synthetic data in the same frame shape.
"""

from joinedup.analysis.disclosure import check_min_group, min_group_for, suppress_small_groups
from joinedup.analysis.encoding import ResponseDataError
from joinedup.analysis.engine import analyse
from joinedup.analysis.items import ItemLike, ItemSpec
from joinedup.analysis.result import (
    SCHEMA_VERSION,
    AgencyResponses,
    AnalysisResult,
    Consensus,
    Divergence,
    DunnPair,
    FactorResult,
    GroupCount,
    GroupFigure,
    ItemResult,
    Responses,
    RoundResult,
    Suppressed,
    Thresholds,
    Trend,
)
from joinedup.analysis.synthetic import SyntheticData, generate_responses, synthetic_item_bank

__all__ = [
    "SCHEMA_VERSION",
    "AgencyResponses",
    "AnalysisResult",
    "Consensus",
    "Divergence",
    "DunnPair",
    "FactorResult",
    "GroupCount",
    "GroupFigure",
    "ItemLike",
    "ItemResult",
    "ItemSpec",
    "ResponseDataError",
    "Responses",
    "RoundResult",
    "Suppressed",
    "SyntheticData",
    "Thresholds",
    "Trend",
    "analyse",
    "check_min_group",
    "generate_responses",
    "min_group_for",
    "suppress_small_groups",
    "synthetic_item_bank",
]
