"""How long one round's report takes for 500 respondents, each beside a naive reference.

The targets: the HTML report (charts, tables and template) in under 1 s and the PDF in under 5 s,
as medians of 5 runs in this process (`benchmarks/cold_start.py` times whole `joinedup report`
processes against issue 13's 1.5 s and 4 s). Wall-clock and CPU time are both printed, with the
load average before and after, since on a shared 2-core machine the wall clock also counts time
spent waiting for a core.

HTML: the real charts are SVG written directly (`joinedup.reports.charts`). The naive reference is
the same report with the 16 statement charts drawn the way matplotlib usually is: ticks, tick
labels, `barh` per answer level and a legend, saved as SVG.

PDF: the real PDF hands WeasyPrint each chart as an SVG picture of a few dozen shapes and labels.
The naive reference gives WeasyPrint the naive HTML, whose matplotlib SVG charts it must lay out
path by path.
Run: `.venv/bin/python benchmarks/report.py`.
"""

from __future__ import annotations

import io
import os
import resource
import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from weasyprint import HTML

from joinedup.analysis import analyse, generate_responses
from joinedup.analysis.result import FactorResult
from joinedup.evidence import load_evidence_base
from joinedup.findings import ActionPlanItem
from joinedup.instrument import load_instrument
from joinedup.io.structure_sheets import read_actions, read_funding, read_meetings, read_roles, read_targets
from joinedup.reports import ReportData, StructureRecords, build_report_data, render_html, render_pdf
from joinedup.reports.charts import ANSWER_COLOURS, DONT_KNOW_COLOUR, Chart
from joinedup.reports.html import inline_svg

STRUCTURE = Path(__file__).resolve().parent.parent / "tests" / "data" / "structure"
AGENCIES = ("Education", "Health", "Police", "Social care", "Voluntary sector")
TODAY = date(2025, 6, 1)
REPEATS = 5


def _cpu_seconds() -> float:
    """CPU time of this process and of any finished children."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def median_times(run: Callable[[], object], repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `repeats` runs."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), _cpu_seconds()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(_cpu_seconds() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def naive_item_bars(factor: FactorResult, texts: dict[str, str]) -> str:
    """The statement chart written the usual way, for comparison."""
    figure = Figure(figsize=(7.2, 0.4 + 0.45 * len(factor.items)))
    axes = figure.add_subplot()
    counts = np.array(
        [
            [(item.distribution or {}).get(key, 0) for key in ("1", "2", "3", "4", "5", "dont_know")]
            for item in factor.items
        ],
        dtype=float,
    )
    shares = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1) * 100
    left = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
    labels = [texts[item.id] for item in factor.items]
    for level, colour in enumerate([*ANSWER_COLOURS, DONT_KNOW_COLOUR]):
        axes.barh(labels, shares[:, level], left=left if level < 5 else 106, color=colour, label=str(level))
        left = left + shares[:, level]
    axes.legend(ncols=6)
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg")
    return buffer.getvalue()


def build(responses: int = 1500) -> tuple[ReportData, int]:
    instrument = load_instrument()
    synthetic = generate_responses(
        instrument.items, responses=responses, partnerships=1, rounds=3, seed=11, agencies=AGENCIES
    )
    result = analyse(synthetic.responses, instrument.items, invitations=synthetic.invitations)
    structure = StructureRecords(
        read_roles(STRUCTURE / "roles.csv", competences=STRUCTURE / "competences.csv"),
        read_targets(STRUCTURE / "targets.csv", readings=STRUCTURE / "readings.csv"),
        read_meetings(STRUCTURE / "meetings.csv", actions=STRUCTURE / "meeting_actions.csv"),
        read_funding(
            STRUCTURE / "funding_lines.csv",
            posts=STRUCTURE / "posts.csv",
            costs=STRUCTURE / "unfunded_costs.csv",
        ),
    )
    plan = [ActionPlanItem.from_record(a) for a in read_actions(STRUCTURE / "actions.csv")]
    data = build_report_data(
        result,
        "Partnership 01",
        "Round 3",
        evidence=load_evidence_base(),
        instrument=instrument,
        today=TODAY,
        structure=structure,
        actions=plan,
    )
    return data, data.analysis.n or 0


def html_with_naive_charts(data: ReportData) -> str:
    """The HTML report with its statement charts drawn the usual way."""
    texts = {item.id: item.text for item in data.instrument.items}
    factors = {f"items-{factor.id}": factor for factor in data.analysis.factors}

    def drawing(chart: Chart) -> str:
        factor = factors.get(chart.id)
        return naive_item_bars(factor, texts) if factor is not None else inline_svg(chart)

    return render_html(data, drawing=drawing)


def naive_pdf(data: ReportData) -> bytes | None:
    """WeasyPrint given the naive HTML, matplotlib's inline SVG statement charts and all."""
    return HTML(string=html_with_naive_charts(data), base_url=None).write_pdf()


def line(label: str, times: tuple[float, float], note: str = "") -> None:
    wall, cpu = times
    print(f"{label:22s} wall {wall:6.2f} s   cpu {cpu:6.2f} s   {note}")


def main() -> None:
    data, respondents = build()
    render_pdf(data)
    load_before = os.getloadavg()
    html = median_times(lambda: render_html(data))
    naive_html = median_times(lambda: html_with_naive_charts(data))
    pdf = median_times(lambda: render_pdf(data))
    reference_pdf = median_times(lambda: naive_pdf(data))
    load_after = os.getloadavg()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"round of {respondents} respondents, {len(data.findings)} findings, medians of {REPEATS} runs")
    print(
        "load average (1, 5, 15 min): before "
        + ", ".join(f"{value:.2f}" for value in load_before)
        + "; after "
        + ", ".join(f"{value:.2f}" for value in load_after)
    )
    line("HTML report", html, "(target < 1 s)")
    line("  naive reference", naive_html, f"ratio {naive_html[1] / html[1]:.1f}x (cpu)")
    line("PDF report", pdf, "(target < 5 s)")
    line("  naive reference", reference_pdf, f"ratio {reference_pdf[1] / pdf[1]:.1f}x (cpu)")
    print(f"peak memory (RSS)      {peak:.0f} MB")


if __name__ == "__main__":
    main()
