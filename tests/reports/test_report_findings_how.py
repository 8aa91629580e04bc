"""A finding's "How we worked this out" says something: a structural gap found from no record at all
(an empty responsibility matrix, no current funding) has no figures or records to quote, and the
report used to print "How we worked this out: ." before its evidence note."""

from __future__ import annotations

import re
from dataclasses import replace

from joinedup.checks.finding import Severity
from joinedup.findings import Finding
from joinedup.reports import render_html
from joinedup.reports.printing import print_document

HOW = re.compile(
    r'<details class="how"><summary>How we worked this out</summary> <span>(.*?)</span></details>', re.S
)


def _finding(key: str, factor: str, evidence_of: tuple[str, ...]) -> Finding:
    return Finding(
        key=key,
        factor=factor,
        severity=Severity.INFO,
        kind="structure",
        statement=f"Statement of {key}.",
        evidence_of=evidence_of,
        weight=1.0,
    )


def _item(document: str, key: str) -> str:
    """What the finding's list item holds after its statement."""
    found = re.search(rf"Statement of {key}\.(.*?)</li>", document, re.S)
    assert found is not None
    return found.group(1)


def test_how_we_worked_it_out_is_shown_only_with_something_to_say(report_data):
    factor = report_data.analysis.factors[0].id
    findings = [
        _finding("quoted", factor, ("funding line: line F1", "post: post P2")),
        _finding("recordless", factor, ()),
        _finding("bare", "", ()),
    ]
    data = replace(report_data, findings=findings)
    for document in (render_html(data), print_document(data)[0]):
        assert [how.split(" Evidence on")[0] for how in HOW.findall(_item(document, "quoted"))] == [
            "funding line: line F1; post: post P2."
        ]
        (recordless,) = HOW.findall(_item(document, "recordless"))
        assert recordless.startswith("Evidence on ")
        assert "How we worked this out" not in _item(document, "bare")


def test_no_finding_of_the_demo_report_explains_itself_with_a_bare_full_stop(report_html):
    explanations = HOW.findall(report_html)
    assert len(explanations) > 10
    assert not [how for how in explanations if not how.strip() or how.lstrip().startswith(".")]
