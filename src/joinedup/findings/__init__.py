"""Ranked findings and evidence-linked recommendations from analysis and checks.

`build_findings` turns one round's analysis and the structural checks into one ranked list;
`recommend` offers the evidence base's interventions for a finding; `validate_action` holds an
accepted recommendation to SMART rules; `review_actions` tells, a round later, what happened.
"""

from joinedup.findings.actions import ActionPlanItem, ActionProblem, validate_action
from joinedup.findings.build import build_findings, with_evidence
from joinedup.findings.finding import KIND_ORDER, Finding, GroupNumbers, Kind
from joinedup.findings.labels import (
    Extremes,
    Label,
    bounds_words,
    extremes,
    factor_label,
    interval_words,
    label_words,
)
from joinedup.findings.ranking import rank_key, ranked
from joinedup.findings.recommendations import Recommendation, merged_recommendations, recommend
from joinedup.findings.review import ActionReview, Movement, review_actions
from joinedup.findings.structure import finding_key, structure_findings
from joinedup.findings.survey import survey_findings

__all__ = [
    "KIND_ORDER",
    "ActionPlanItem",
    "ActionProblem",
    "ActionReview",
    "Extremes",
    "Finding",
    "GroupNumbers",
    "Kind",
    "Label",
    "Movement",
    "Recommendation",
    "bounds_words",
    "build_findings",
    "extremes",
    "factor_label",
    "finding_key",
    "interval_words",
    "label_words",
    "merged_recommendations",
    "rank_key",
    "ranked",
    "recommend",
    "review_actions",
    "structure_findings",
    "survey_findings",
    "validate_action",
    "with_evidence",
]
