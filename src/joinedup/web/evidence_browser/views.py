"""The public evidence browser: factors and the confidence in their evidence, one factor, the works."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.evidence import (
    COMPONENT_NAMES,
    PROVENANCE_LABELS,
    ConfidenceLevel,
    EvidenceBase,
    Factor,
    Provenance,
    Work,
)
from joinedup.web.learning.display import intervention_title
from joinedup.web.learning.services import latest_pooled, practice_evidence

from .source import current_evidence_base

CONFIDENCE_TAG_CLASSES: dict[ConfidenceLevel, str] = {
    ConfidenceLevel.HIGH: "govuk-tag--green",
    ConfidenceLevel.MODERATE: "govuk-tag--blue",
    ConfidenceLevel.LOW: "govuk-tag--yellow",
    ConfidenceLevel.VERY_LOW: "govuk-tag--grey",
}

PROVENANCE_TAG_CLASSES: dict[Provenance, str] = {
    Provenance.TESTED_REMEDY: "govuk-tag--green",
    Provenance.REPORTED_REMEDY: "govuk-tag--blue",
    Provenance.INVERSE_OF_BARRIER: "govuk-tag--yellow",
    Provenance.JOINEDUP_SUGGESTION: "govuk-tag--grey",
}


def _factor_or_404(base: EvidenceBase, factor_id: str) -> Factor:
    try:
        return base.factor(factor_id)
    except KeyError:
        raise Http404(f"No factor with id {factor_id!r}") from None


def _work_or_404(base: EvidenceBase, key: str) -> Work:
    try:
        return base.work(key)
    except KeyError:
        raise Http404(f"No work with key {key!r}") from None


def _confidence_view(base: EvidenceBase, factor_id: str) -> dict[str, object]:
    confidence = base.confidence[factor_id]
    return {"confidence": confidence, "tag_class": CONFIDENCE_TAG_CLASSES[confidence.level]}


def _works(base: EvidenceBase, keys: list[str]) -> list[dict[str, str]]:
    return [{"key": key, "citation": base.cite(key)} for key in keys]


@login_not_required
def factor_list(request: HttpRequest) -> HttpResponse:
    base = current_evidence_base()
    rows = [
        {
            "factor": factor,
            **_confidence_view(base, factor.id),
            "interventions": len(base.interventions_for(factor.id)),
        }
        for factor in base.factors
    ]
    return render(
        request,
        "evidence_browser/factor_list.html",
        {"rows": rows, "work_count": len(base.works)},
    )


@login_not_required
def factor_detail(request: HttpRequest, factor_id: str) -> HttpResponse:
    base = current_evidence_base()
    factor = _factor_or_404(base, factor_id)
    claims = [
        {"claim": claim, "work": base.work(claim.work), "citation": base.cite(claim.work)}
        for claim in base.claims_for(factor.id)
    ]
    practice = {item.intervention: item for item in practice_evidence(latest_pooled(), factor=factor.id)}
    interventions = [
        {
            "item": item,
            "provenance": PROVENANCE_LABELS[item.provenance],
            "provenance_class": PROVENANCE_TAG_CLASSES[item.provenance],
            "factor_works": _works(base, item.factor_works),
            "action_works": _works(base, item.action_works),
            "practice": practice.pop(item.id, None),
        }
        for item in base.interventions_for(factor.id)
    ]
    confidence = base.confidence[factor.id]
    components = [
        {"name": COMPONENT_NAMES[name], "judgement": component}
        for name, component in confidence.components.items()
    ]
    return render(
        request,
        "evidence_browser/factor_detail.html",
        {
            "factor": factor,
            **_confidence_view(base, factor.id),
            "components": components,
            "guidance": _works(base, confidence.guidance),
            "claims": claims,
            "interventions": interventions,
            "other_practice": [
                {"title": intervention_title(base, item.intervention), "practice": item}
                for item in practice.values()
            ],
        },
    )


@login_not_required
def work_list(request: HttpRequest) -> HttpResponse:
    base = current_evidence_base()
    rows = [
        {
            "work": work,
            "reference": base.harvard(work),
            "factors": base.factors_for(work.key),
            "inferred": [flag.field.value for flag in work.inferred],
        }
        for work in base.works
    ]
    return render(request, "evidence_browser/work_list.html", {"rows": rows})


@login_not_required
def work_detail(request: HttpRequest, key: str) -> HttpResponse:
    base = current_evidence_base()
    work = _work_or_404(base, key)
    claims = [
        {"claim": claim, "factor": base.factor(claim.factor), **_confidence_view(base, claim.factor)}
        for claim in base.claims_by(work.key)
    ]
    return render(
        request,
        "evidence_browser/work_detail.html",
        {
            "work": work,
            "reference": base.harvard(work),
            "citation": base.cite(work),
            "claims": claims,
            "inferred": work.inferred,
            "related": _works(base, [related.key for related in base.related_works(work.key)]),
        },
    )
