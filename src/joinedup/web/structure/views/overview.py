"""The structure overview: what the four checks find in the partnership's records."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from joinedup.web.partnerships.access import PartnershipAccess, partnership_view

from ..factors import factor_names
from ..findings import CHECK_NAMES, RecordLinker, structural_findings
from .common import today

SEVERITY_TAGS = {
    "high": "govuk-tag--red",
    "medium": "govuk-tag--orange",
    "low": "govuk-tag--yellow",
    "info": "govuk-tag--grey",
}


@partnership_view()
def overview(request: HttpRequest, access: PartnershipAccess) -> HttpResponse:
    partnership = access.partnership
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
