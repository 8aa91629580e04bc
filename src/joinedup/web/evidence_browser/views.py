"""The public evidence browser: factors and their ratings, one factor in full, and the works cited."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.evidence import EvidenceBase, Factor, RatingLevel, Work

from .source import current_evidence_base

RATING_TAG_CLASSES: dict[RatingLevel, str] = {
    RatingLevel.STRONG: "govuk-tag--green",
    RatingLevel.MODERATE: "govuk-tag--blue",
    RatingLevel.LIMITED: "govuk-tag--yellow",
    RatingLevel.INCONCLUSIVE: "govuk-tag--purple",
    RatingLevel.GAP: "govuk-tag--grey",
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


def _rating_view(base: EvidenceBase, factor_id: str) -> dict[str, object]:
    rating = base.ratings[factor_id]
    return {"rating": rating, "tag_class": RATING_TAG_CLASSES[rating.level]}


@login_not_required
def factor_list(request: HttpRequest) -> HttpResponse:
    base = current_evidence_base()
    rows = [
        {
            "factor": factor,
            **_rating_view(base, factor.id),
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
    interventions = [
        {"item": item, "supporters": [{"key": key, "citation": base.cite(key)} for key in item.supported_by]}
        for item in base.interventions_for(factor.id)
    ]
    return render(
        request,
        "evidence_browser/factor_detail.html",
        {"factor": factor, **_rating_view(base, factor.id), "claims": claims, "interventions": interventions},
    )


@login_not_required
def work_list(request: HttpRequest) -> HttpResponse:
    base = current_evidence_base()
    rows = [
        {"work": work, "reference": base.harvard(work), "factors": base.factors_for(work.key)}
        for work in base.works
    ]
    return render(request, "evidence_browser/work_list.html", {"rows": rows})


@login_not_required
def work_detail(request: HttpRequest, key: str) -> HttpResponse:
    base = current_evidence_base()
    work = _work_or_404(base, key)
    claims = [
        {"claim": claim, "factor": base.factor(claim.factor), **_rating_view(base, claim.factor)}
        for claim in base.claims_by(work.key)
    ]
    return render(
        request,
        "evidence_browser/work_detail.html",
        {"work": work, "reference": base.harvard(work), "citation": base.cite(work), "claims": claims},
    )
