from __future__ import annotations

import pytest
from django.apps import apps

from joinedup.web.structure.demo import load_demo_structure
from joinedup.web.structure.findings import structural_findings

from .conftest import TODAY


def _row_counts() -> dict[str, int]:
    structure = apps.get_app_config("structure")
    return {model.__name__: model._default_manager.count() for model in structure.get_models()}


def test_the_demo_triggers_every_check_and_each_deliberate_gap(partnership):
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


def test_the_demo_needs_four_agencies(partnership):
    partnership.agencies.filter(name__in=["Police", "Social work"]).delete()

    with pytest.raises(ValueError, match="at least 4 agencies"):
        load_demo_structure(partnership, today=TODAY)
