"""With no action plan the board summary says so, rather than that no open action falls due."""

from __future__ import annotations

import dataclasses

from joinedup.reports import render_html
from joinedup.reports.data import ReportData


def test_without_an_action_plan_the_summary_says_there_is_none(report_data: ReportData) -> None:
    page = render_html(dataclasses.replace(report_data, actions=[]))
    assert "There is no action plan yet." in page
    assert "No open action falls due" not in page
    assert "There is no action plan yet." not in render_html(report_data)
