from __future__ import annotations

import pytest
from django.apps import apps

from joinedup.web.partnerships.models import Agency
from joinedup.web.structure.demo import load_demo_structure
from joinedup.web.structure.findings import structural_findings

from .conftest import TODAY


def _row_counts() -> dict[str, int]:
    structure = apps.get_app_config("structure")
    return {model.__name__: model._default_manager.count() for model in structure.get_models()}


EIGHT_AGENCIES = (
    ("Children's social work", "social-work"),
    ("Schools", "education"),
    ("Health visiting", "health"),
    ("School nursing", "health"),
    ("CAMHS", "health"),
    ("Police Scotland", "police"),
    ("Third sector alliance", "third-sector"),
    ("Children's Reporter", "other-services"),
)


@pytest.fixture(params=["five agencies by name", "eight agencies in groups"])
def demo_partnership(request, partnership):
    if request.param == "eight agencies in groups":
        partnership.agencies.all().delete()
        for name, group in EIGHT_AGENCIES:
            Agency.objects.create(partnership=partnership, name=name, coarse_group=group)
    return partnership


def test_the_demo_triggers_every_check_and_each_deliberate_gap(demo_partnership):
    partnership = demo_partnership
    load_demo_structure(partnership, today=TODAY)

    rules = {finding.rule for finding in structural_findings(partnership, today=TODAY)}

    assert {rule.split(".")[0] for rule in rules} == {"roles", "targets", "meetings", "funding"}
    assert {
        "roles.no-accountable",
        "roles.several-accountable",
        "roles.beyond-competence",
        "roles.consultation-overload",
        "targets.missing-fields",
        "targets.off-track",
        "targets.partners-disagree",
        "meetings.attendance-falling",
        "meetings.not-attending",
        "meetings.seniority-drift",
        "meetings.no-decisions",
        "meetings.carried-over",
        "funding.post-outlives-funding",
        "funding.permanent-post-on-temporary-money",
        "funding.line-ending",
        "funding.pooled-without-legal-basis",
        "funding.no-agreed-payer",
    } <= rules


def test_the_demo_also_has_healthy_records(partnership):
    load_demo_structure(partnership, today=TODAY)

    findings = structural_findings(partnership, today=TODAY)
    named_targets = {
        ref.get("target")
        for f in findings
        if f.check == "targets"
        for ref in f.records
        if isinstance(ref, dict)
    }
    named_posts = {
        ref.get("post")
        for f in findings
        if f.check == "funding"
        for ref in f.records
        if isinstance(ref, dict)
    }

    assert "T1" not in named_targets
    assert {"P2", "P4"}.isdisjoint(named_posts)
    assert partnership.action_items.count() == 5
    assert partnership.action_items.filter(updates__isnull=False).distinct().count() >= 3


def test_loading_the_demo_twice_creates_nothing_new(partnership):
    load_demo_structure(partnership, today=TODAY)
    first = _row_counts()

    load_demo_structure(partnership, today=TODAY)

    assert _row_counts() == first
    assert first["Target"] == 3 and first["HistoricalTarget"] == 3


def test_the_demo_needs_five_agencies(partnership):
    partnership.agencies.filter(name="Police").delete()

    with pytest.raises(ValueError, match="at least 5 agencies"):
        load_demo_structure(partnership, today=TODAY)


def test_the_leading_roles_go_to_the_agency_of_the_matching_group(demo_partnership):
    load_demo_structure(demo_partnership, today=TODAY)

    referrals = demo_partnership.raci_tasks.get(name="Single point of contact for referrals")
    grouped = demo_partnership.agencies.exclude(coarse_group="").exists()
    expected = "Children's social work" if grouped else "Education"
    assert referrals.cells.get(letters="A").agency.name == expected
