"""The dashboard, the report downloads and turning recommendations into the action plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from joinedup.findings import Recommendation
from joinedup.reports import render_html, render_pdf, render_xlsx
from joinedup.reports.data import ReportData
from joinedup.reports.evidence_text import in_text
from joinedup.web.learning.services import practice_by_recommendation
from joinedup.web.partnerships.access import MANAGE, PartnershipAccess, partnership_view, round_for
from joinedup.web.partnerships.models import Partnership, Round

from .build_views import background_download
from .forms import AcceptRecommendationForm, SetAsideForm
from .models import Decision, RecommendationDecision
from .services import dashboard_report, report_data, reportable_rounds

FINDINGS_ON_DASHBOARD = 10
FORMATS: dict[str, tuple[str, Callable[[ReportData], str | bytes]]] = {
    "html": ("text/html; charset=utf-8", render_html),
    "pdf": ("application/pdf", render_pdf),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", render_xlsx),
}


def _chosen_round(request: HttpRequest, partnership: Partnership, rounds: list[Round]) -> Round | None:
    wanted = request.GET.get("round")
    if wanted:
        chosen = next((r for r in rounds if str(r.pk) == wanted), None)
        if chosen is None:
            raise Http404("No report for that round")
        return chosen
    return rounds[-1] if rounds else None


@partnership_view()
def dashboard(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
    rounds = reportable_rounds(list(partnership.rounds.order_by("opens_on", "pk")))
    chosen = _chosen_round(request, partnership, rounds)
    context: dict[str, object] = {"partnership": partnership, "rounds": rounds, "round": chosen}
    if chosen is not None:
        data, report = dashboard_report(chosen, today=timezone.localdate())
        decisions = {
            (d.finding_key, d.intervention): d
            for d in RecommendationDecision.objects.filter(partnership=partnership)
        }
        practice = practice_by_recommendation(data.practice)
        findings: list[dict[str, Any]] = [
            {
                "finding": finding,
                "recommendations": [
                    {
                        "recommendation": r,
                        "decision": decisions.get((finding.key, r.intervention)),
                        "practice": practice.get((r.intervention, finding.factor)),
                    }
                    for r in data.recommendations.get(finding.key, ())
                ],
            }
            for finding in data.findings
        ]
        shown = findings if request.GET.get("all") else findings[:FINDINGS_ON_DASHBOARD]
        context.update(
            report=report,
            data=data,
            citations=_citations(data),
            findings=findings,
            can_manage=access.can_manage,
            shown_findings=shown,
            hidden_findings=len(findings) - len(shown),
            comments_url=_comments_url(chosen, access),
        )
    return render(request, "reporting/dashboard.html", context)


@partnership_view()
def download(request: HttpRequest, access: PartnershipAccess, round_id: int, fmt: str) -> HttpResponse:
    a_round = round_for(access, round_id)
    if fmt not in FORMATS or a_round not in reportable_rounds([a_round]):
        raise Http404("No such report")
    if fmt != "html":
        return background_download(a_round, fmt)
    content_type, renderer = FORMATS[fmt]
    body = renderer(report_data(a_round, today=timezone.localdate()))
    response = HttpResponse(body, content_type=content_type)
    filename = f"{slugify(a_round.partnership.name)}-{slugify(a_round.name)}-report.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _recommendation(
    request: HttpRequest, a_round: Round, source: dict[str, str]
) -> tuple[str, Recommendation, str]:
    """The finding key, the recommendation and its factor named by the request, or 404."""
    finding_key, intervention = source.get("finding", ""), source.get("intervention", "")
    data = report_data(a_round, today=timezone.localdate())
    finding = next((f for f in data.findings if f.key == finding_key), None)
    chosen = next(
        (r for r in data.recommendations.get(finding_key, ()) if r.intervention == intervention), None
    )
    if finding is None or chosen is None:
        raise Http404("No such recommendation")
    return finding_key, chosen, finding.factor


@partnership_view(MANAGE)
def accept_recommendation(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    a_round = round_for(access, round_id)
    partnership = a_round.partnership
    source = request.POST if request.method == "POST" else request.GET
    finding_key, recommendation, factor = _recommendation(request, a_round, source)
    if RecommendationDecision.objects.filter(
        partnership=partnership, finding_key=finding_key, intervention=recommendation.intervention
    ).exists():
        messages.info(request, "That recommendation has already been decided")
        return redirect(_dashboard_url(a_round))
    today = timezone.localdate()
    form = AcceptRecommendationForm(
        request.POST if request.method == "POST" else None,
        partnership=partnership,
        factor=factor,
        today=today,
        initial={"what": f"{recommendation.title}: {recommendation.what_to_do}"[:300]},
    )
    if request.method == "POST" and form.is_valid():
        from joinedup.web.structure.forms import next_reference
        from joinedup.web.structure.models import ActionItem

        with transaction.atomic():
            action = ActionItem.objects.create(
                partnership=partnership,
                reference=next_reference(ActionItem.objects.filter(partnership=partnership), "A"),
                what=form.cleaned_data["what"],
                owner=form.cleaned_data["owner"],
                due=form.cleaned_data["due"],
                success_measure=form.cleaned_data["success_measure"],
                factor=factor,
                finding_key=finding_key,
                intervention=recommendation.intervention,
            )
            RecommendationDecision.objects.create(
                partnership=partnership,
                round=a_round,
                finding_key=finding_key,
                intervention=recommendation.intervention,
                decision=Decision.ACCEPTED,
                action=action,
            )
        messages.success(request, f"{action.reference} has been added to the action plan")
        return redirect(_dashboard_url(a_round))
    return render(
        request,
        "reporting/accept.html",
        {
            "form": form,
            "partnership": partnership,
            "round": a_round,
            "recommendation": recommendation,
            "finding_key": finding_key,
        },
    )


@partnership_view(MANAGE)
def reject_recommendation(request: HttpRequest, access: PartnershipAccess, round_id: int) -> HttpResponse:
    """Setting a recommendation aside: a confirmation page asks why, the reason is kept with the
    decision (it is read at the next review), and the page after offers an undo."""
    a_round = round_for(access, round_id)
    source = request.POST if request.method == "POST" else request.GET
    finding_key, recommendation, _ = _recommendation(request, a_round, source)
    if RecommendationDecision.objects.filter(
        partnership=a_round.partnership, finding_key=finding_key, intervention=recommendation.intervention
    ).exists():
        messages.info(request, "That recommendation has already been decided")
        return redirect(_dashboard_url(a_round))
    form = SetAsideForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision, _ = RecommendationDecision.objects.get_or_create(
            partnership=a_round.partnership,
            finding_key=finding_key,
            intervention=recommendation.intervention,
            defaults={"round": a_round, "decision": Decision.REJECTED, "reason": form.cleaned_data["reason"]},
        )
        return redirect("reporting:set_aside", a_round.partnership.slug, a_round.pk, decision.pk)
    return render(
        request,
        "reporting/set_aside.html",
        {
            "form": form,
            "partnership": a_round.partnership,
            "round": a_round,
            "recommendation": recommendation,
            "finding_key": finding_key,
        },
    )


def _set_aside_decision(a_round: Round, decision_id: int) -> RecommendationDecision:
    found = RecommendationDecision.objects.filter(
        partnership=a_round.partnership, pk=decision_id, decision=Decision.REJECTED
    ).first()
    if found is None:
        raise Http404("No recommendation set aside")
    return found


@partnership_view(MANAGE)
def set_aside(
    request: HttpRequest, access: PartnershipAccess, round_id: int, decision_id: int
) -> HttpResponse:
    """The page after setting a recommendation aside: what, why, and an undo."""
    a_round = round_for(access, round_id)
    decision = _set_aside_decision(a_round, decision_id)
    data = report_data(a_round, today=timezone.localdate())
    chosen = next(
        (
            r
            for r in data.recommendations.get(decision.finding_key, ())
            if r.intervention == decision.intervention
        ),
        None,
    )
    return render(
        request,
        "reporting/set_aside_done.html",
        {
            "partnership": a_round.partnership,
            "round": a_round,
            "decision": decision,
            "title": chosen.title if chosen else decision.intervention,
            "dashboard_url": _dashboard_url(a_round),
        },
    )


@require_POST
@partnership_view(MANAGE)
def set_aside_undo(
    request: HttpRequest, access: PartnershipAccess, round_id: int, decision_id: int
) -> HttpResponse:
    """Undo setting aside: the recommendation is open again on the dashboard, to add or set aside."""
    a_round = round_for(access, round_id)
    _set_aside_decision(a_round, decision_id).delete()
    messages.success(request, "The recommendation is back on the list, for you to decide again")
    return redirect(_dashboard_url(a_round) + "#findings")


def _citations(data: ReportData) -> dict[str, str]:
    """How each work that supports a recommended action is cited, e.g. "Craig et al. (2004)"."""
    keys = {key for items in data.recommendations.values() for item in items for key in item.action_works}
    return {key: in_text(data.evidence, key) for key in sorted(keys)}


def _comments_url(a_round: Round, access: PartnershipAccess) -> str | None:
    """The round's comments page, for those allowed to read comments."""
    if not access.can_record:
        return None
    return reverse("comments:round", args=[a_round.partnership.slug, a_round.pk])


def _dashboard_url(a_round: Round) -> str:
    return f"{reverse('reporting:dashboard', args=[a_round.partnership.slug])}?round={a_round.pk}"
