"""The structure overview: what the four checks find in the partnership's records."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..factors import factor_names
from ..findings import CHECK_NAMES, RecordLinker, structural_findings
from .common import today, viewable

SEVERITY_TAGS = {
    "high": "govuk-tag--red",
    "medium": "govuk-tag--orange",
    "low": "govuk-tag--yellow",
    "info": "govuk-tag--grey",
}


@login_required
def overview(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = viewable(request, slug)
    findings = structural_findings(partnership, today=today())
    names = factor_names()
    linker = RecordLinker(partnership)
    sections = [
        {
            "check": check,
            "name": name,
            "findings": [
                {
                    "finding": finding,
                    "severity": finding.severity.value,
                    "tag": SEVERITY_TAGS[finding.severity.value],
                    "factor": names[finding.factor],
                    "links": linker.links(finding),
                }
                for finding in findings
                if finding.check == check
            ],
        }
        for check, name in CHECK_NAMES.items()
    ]
    counts = {
        "tasks": partnership.raci_tasks.count(),
        "targets": partnership.targets.count(),
        "meetings": partnership.meetings.count(),
        "funding_lines": partnership.funding_lines.count(),
        "posts": partnership.posts.count(),
        "unfunded_costs": partnership.unfunded_costs.count(),
        "actions": partnership.action_items.count(),
    }
    return render(
        request,
        "structure/overview.html",
        {"partnership": partnership, "sections": sections, "counts": counts},
    )
