"""Findings never name an agency hidden by primary or secondary suppression, nor single out the small one."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from tests.findings.builders import ITEMS, crafted, frame

from joinedup.analysis import Suppressed, analyse
from joinedup.evidence import load_evidence_base
from joinedup.findings import Finding, build_findings


@pytest.fixture(scope="module")
def evidence():
    return load_evidence_base()


def round_with(*extra: tuple[str, int]) -> pd.DataFrame:
    """The crafted round (Education rates communication far higher than Health and Police) plus
    agencies of the given sizes, and Education cut to `Education`'s size when it is given."""
    sizes = dict(extra)
    base = frame(crafted, "Round 1")
    if "Education" in sizes:
        education = base[base["agency"] == "Education"].head(sizes.pop("Education"))
        base = pd.concat([base[base["agency"] != "Education"], education], ignore_index=True)
    added = [frame(crafted, "Round 1").head(size).assign(agency=name) for name, size in sizes.items()]
    return pd.concat([base, *added], ignore_index=True)


def text_of(finding: Finding) -> str:
    return " ".join((finding.statement, *finding.evidence_of))


def findings_for(responses: pd.DataFrame, evidence) -> list[Finding]:
    return build_findings(analyse(responses, ITEMS).find("P", "Round 1"), [], evidence)


def assert_hidden_never_named_alone(findings: list[Finding], hidden: set[str]) -> None:
    unheard = [finding for finding in findings if finding.key == "voice:missing"]
    assert len(unheard) == 1
    for name in hidden:
        assert name in unheard[0].statement
    for finding in findings:
        if finding.key != "voice:missing":
            assert not [name for name in hidden if name in text_of(finding)], finding


def test_an_agency_of_three_and_the_one_hidden_with_it_are_named_only_together(evidence):
    findings = findings_for(round_with(("Youth justice", 3)), evidence)
    assert_hidden_never_named_alone(findings, {"Youth justice", "Education"})
    unheard = next(finding for finding in findings if finding.key == "voice:missing")
    assert "3" not in text_of(unheard)
    assert not [finding for finding in findings if "across 3 agencies" in text_of(finding)]


def test_secondary_suppression_hides_an_agency_of_six_from_every_comparison(evidence):
    findings = findings_for(round_with(("Education", 6), ("Youth justice", 3)), evidence)
    assert_hidden_never_named_alone(findings, {"Youth justice", "Education"})
    assert not [finding for finding in findings if "rates it higher" in finding.statement], (
        "Health and Police answer alike; only the hidden Education differs"
    )


def test_a_comparison_that_took_in_a_hidden_agency_is_not_reported(evidence):
    """Even from an analysis that compared a hidden agency (an older JSON, say), no finding names it."""
    result = analyse(round_with(), ITEMS).find("P", "Round 1")
    communication = result.factor("communication")
    assert any("Education" in pair.groups for pair in communication.divergence.pairs)
    hidden_groups = {
        **communication.groups,
        "agency": {**communication.groups["agency"], "Education": Suppressed()},
    }
    tampered = replace(
        result,
        factors=[
            replace(factor, groups=hidden_groups) if factor.id == "communication" else factor
            for factor in result.factors
        ],
    )
    findings = build_findings(tampered, [], evidence)
    assert not [f for f in findings if f.factor == "communication" and "Education" in text_of(f)]
    assert not [f for f in findings if f.key == "divergence:communication"]
