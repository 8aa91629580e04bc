"""A p-value below 0.001 is worded "p < 0.001", never "p = 0.000"."""

from __future__ import annotations

from joinedup.findings.survey import p_text


def test_a_tiny_p_value_is_worded_as_below_a_thousandth() -> None:
    assert p_text(0.00001) == "p < 0.001"
    assert p_text(0.0007) == "p < 0.001"
    assert p_text(0.001) == "p = 0.001"
    assert p_text(0.0314) == "p = 0.031"


def test_the_report_never_prints_p_as_zero(report_html: str) -> None:
    assert "p = 0.000" not in report_html
    assert "p &lt; 0.001" in report_html
