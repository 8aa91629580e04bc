"""The report as one self-contained, accessible HTML file: inline CSS (with a print stylesheet
that WeasyPrint also reads), inline SVG charts each followed by its data table, headings for the
three self-evaluation questions, a skip link and a table of contents.

How a chart appears in the page is passed in as `drawing`: inline SVG here, a picture with its
alt text when the same page is printed to PDF (see `joinedup.reports.pdf`).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from importlib import resources
from importlib.abc import InspectLoader
from types import CodeType
from typing import Any

import jinja2
from jinja2 import Environment, PackageLoader, StrictUndefined, Template, select_autoescape
from markupsafe import Markup, escape

from joinedup.analysis.result import FactorResult, Suppressed
from joinedup.checks.finding import Severity
from joinedup.evidence import PROVENANCE_LABELS
from joinedup.findings import (
    ActionReview,
    Finding,
    Recommendation,
    bounds_words,
    extremes,
    factor_label,
    interval_words,
    label_words,
)
from joinedup.findings.survey import MIN_DIVERGENCE_GROUP
from joinedup.formatting import long_date
from joinedup.learning.pool import PRACTICE_CAVEAT, practice_by_action, practice_sentence
from joinedup.reports import charts, tables
from joinedup.reports.data import ReportData
from joinedup.reports.evidence_text import cited_works, in_text
from joinedup.reports.tables import ReportTable

SUMMARY_SIZE = 3
LABEL_ORDER = ("concern", "borderline", "unclear", "strength")
DUE_SOON_DAYS = 90
RECOMMENDED_FINDINGS = 8
_LONG_TEXT = 60
_WRAP_LINES = 2.5
_BREAKABLE_WORD = 16
_BREAK_EVERY = 8
_TABLE_LETTERS = 90
"""Roughly how many letters of a table's bold headings fit across a printed A4 page."""
_CELL_PADDING_LETTERS = 1.5
"""A cell's right padding (0.5rem) and a bold heading's wider letters, in letters."""
_LONG_WORD = re.compile(rf"[^\s]{{{_BREAKABLE_WORD + 1},}}")

ChartDrawing = Callable[[charts.Chart], str]
"""Gives the markup that shows a chart in the page (the template does not escape it)."""


@dataclass(frozen=True)
class FactorSection:
    """What the report shows about one factor."""

    result: FactorResult
    name: str
    facilitator: str
    label: str
    confidence: str
    confidence_reason: str
    evidence_note: str | None
    works: list[str]
    interventions: list[tuple[str, str, str, str, str]]
    """(title, what to do, kind of advice, basis, caveats) for each intervention on the factor."""
    groups: ReportTable
    items: ReportTable
    items_chart: charts.Chart | None
    comment_count: int | None
    quotes: list[str]


def cell_text(value: tables.Cell, column: str = "") -> str:
    """A table cell as the reader sees it: "suppressed" for hidden figures, a dash for figures that
    do not exist, money (a column headed "(£)") as pounds with thousands separators, pence only
    where there are any, other numbers to two decimals (percentages to one)."""
    if isinstance(value, Suppressed):
        return "suppressed"
    if value is None:
        return "–"
    if column.endswith("(£)") and isinstance(value, int | float):
        return f"£{value:,.0f}" if float(value).is_integer() else f"£{value:,.2f}"
    if isinstance(value, float):
        return f"{value:.1f}" if column.endswith("(%)") else f"{value:.2f}"
    return str(value)


def format_cell(value: tables.Cell, column: str = "") -> Markup:
    """A table cell as HTML: hidden figures marked as suppressed, missing ones titled as such."""
    if isinstance(value, Suppressed):
        return Markup('<span class="suppressed">suppressed</span>')
    if value is None:
        return Markup('<span class="missing" title="not available">–</span>')
    return breakable(cell_text(value, column))


def breakable(text: str) -> Markup:
    """`text` as HTML with a line-break opportunity (`<wbr>`) every `_BREAK_EVERY` letters of each
    word longer than `_BREAKABLE_WORD`: an agency named without spaces then wraps inside the
    column `column_widths` gave it, where a printed table would otherwise let it run over its
    neighbours. Shorter words, and so nearly every report, are left exactly as they were."""
    if not _LONG_WORD.search(text):
        return escape(text)
    pieces = []
    for part in re.split(r"(\s+)", text):
        if len(part) <= _BREAKABLE_WORD:
            pieces.append(escape(part))
        else:
            chunks = (part[i : i + _BREAK_EVERY] for i in range(0, len(part), _BREAK_EVERY))
            pieces.append(Markup("<wbr>").join(escape(chunk) for chunk in chunks))
    return Markup("").join(pieces)


def column_widths(table: ReportTable) -> list[float]:
    """Each column's share of the table's width in percent, from what it holds: at least its
    longest word, and more for long text, which then wraps over a few lines rather than one
    word a line.

    The print layout fixes column widths from these instead of measuring every cell, which is
    much faster, and keeps a column of statements from being squeezed by a column of ids.
    A word counts for at most `_BREAKABLE_WORD` letters: the print style breaks longer ones
    (an agency named without spaces), which would otherwise take the page from every other
    column and squeeze "suppressed" and the figures out of theirs.

    Shares in proportion to those needs alone left a short column of a wide table narrower than
    its longest word ("Confidence" printed over "Times reported"), so each column first keeps
    room for its longest word in a table `_TABLE_LETTERS` letters wide and only the rest is
    shared out in proportion.
    """
    needs = []
    floors = []
    for position, column in enumerate(table.columns):
        texts = [column, *(cell_text(row[position], column) for row in table.rows)]
        words = [[len(word) for word in re.split(r"[\s-]+", text)] for text in texts]
        longest_word = min(max(length for lengths in words for length in lengths), _BREAKABLE_WORD)
        longest_text = max(
            len(text) - sum(max(length - _BREAKABLE_WORD, 0) for length in lengths)
            for text, lengths in zip(texts, words, strict=True)
        )
        needs.append(max(longest_word, min(longest_text, _LONG_TEXT) / _WRAP_LINES, 1))
        floors.append(longest_word + _CELL_PADDING_LETTERS)
    if sum(floors) >= _TABLE_LETTERS:
        widths = floors
    else:
        pinned: set[int] = set()
        while True:
            room = _TABLE_LETTERS - sum(floors[i] for i in pinned)
            shared = sum(need for i, need in enumerate(needs) if i not in pinned)
            short = {
                i for i, need in enumerate(needs) if i not in pinned and need * room / shared < floors[i]
            }
            if not short:
                break
            pinned |= short
        widths = [floors[i] if i in pinned else need * room / shared for i, need in enumerate(needs)]
    total = sum(widths)
    return [round(width / total * 100, 1) for width in widths]


def is_number(value: tables.Cell) -> bool:
    return isinstance(value, int | float | Suppressed)


def numeric_columns(table: ReportTable) -> list[bool]:
    """For each column, whether its heading stands right-aligned over right-aligned figures: the
    column holds a figure and nothing but figures or gaps. The first column heads its rows, whose
    cells are left-aligned whatever they hold, so its heading stays left."""
    return [
        position > 0
        and any(is_number(row[position]) for row in table.rows)
        and all(row[position] is None or is_number(row[position]) for row in table.rows)
        for position in range(len(table.columns))
    ]


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("joinedup.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["cell"] = format_cell
    environment.filters["breakable"] = breakable
    environment.filters["bounds"] = bounds_words
    environment.filters["govuk_date"] = long_date
    environment.filters["column_widths"] = column_widths
    environment.filters["numeric_columns"] = numeric_columns
    environment.tests["number"] = is_number
    return environment


REPORT_TEMPLATE = "report.html.j2"
COMPILED_TEMPLATE_MODULE = "joinedup.reports.report_template_compiled"
"""The report template compiled to Python by Jinja, shipped so that a command need not compile it.

Compiling the template cost a tenth of a second of CPU on every report (issue 13). The module is
written by `python -m joinedup.reports.compile_template` and ends with the key of what it was
compiled from (`_template_key`); it is used only while that key matches, so an edited template
or another Jinja version is compiled afresh (and a test fails until the module is rewritten).
"""
_KEY_LINE = "# compiled from template key "


def _template_key(environment: Environment, source: str) -> str:
    """What Jinja's output for the report depends on: the template, Jinja's version and the
    environment's syntax, autoescaping, filters and tests."""
    settings = (
        jinja2.__version__,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.keep_trailing_newline,
        environment.newline_sequence,
        bool(environment.autoescape(REPORT_TEMPLATE)) if callable(environment.autoescape) else None,
        sorted(environment.filters),
        sorted(environment.tests),
    )
    return hashlib.sha256(f"{settings!r}\n{source}".encode()).hexdigest()


def compiled_template_text() -> str:
    """The Python module Jinja makes of the report template, with its key as the last line.

    The key comes last so the Python lines keep the numbers Jinja's debug information maps to
    template lines; the module is run the way Jinja runs compiled code, never imported."""
    environment = _environment()
    source, filename, _ = environment.loader.get_source(environment, REPORT_TEMPLATE)  # type: ignore[union-attr]
    code = environment.compile(source, REPORT_TEMPLATE, filename, raw=True)
    return f"{code}\n# ruff: noqa\n# mypy: ignore-errors\n{_KEY_LINE}{_template_key(environment, source)}\n"


def _with_filename(code: CodeType, filename: str) -> CodeType:
    """The code with every function in it naming `filename`, as Jinja's own compiling does."""
    constants = tuple(
        _with_filename(constant, filename) if isinstance(constant, CodeType) else constant
        for constant in code.co_consts
    )
    return code.replace(co_filename=filename, co_consts=constants)


def _shipped_code(key: str, filename: str) -> CodeType | None:
    """The shipped compiled template (from Python's bytecode cache when there is one), or None
    when it is missing or was compiled from anything other than `key`."""
    spec = importlib.util.find_spec(COMPILED_TEMPLATE_MODULE)
    loader = spec.loader if spec is not None else None
    if not isinstance(loader, InspectLoader):
        return None
    text = loader.get_source(COMPILED_TEMPLATE_MODULE)
    if text is None or not text.endswith(f"{_KEY_LINE}{key}\n"):
        return None
    code = loader.get_code(COMPILED_TEMPLATE_MODULE)
    return None if code is None else _with_filename(code, filename)


@cache
def report_template() -> Template:
    """The report template, from the shipped compiled module while it matches, else compiled now.

    Either way the template is made as Jinja's loader makes it (`Template.from_code` with the
    environment's globals), so the two render the same."""
    environment = _environment()
    source, filename, _ = environment.loader.get_source(environment, REPORT_TEMPLATE)  # type: ignore[union-attr]
    code = _shipped_code(_template_key(environment, source), filename or "<template>")
    if code is None:
        return environment.get_template(REPORT_TEMPLATE)
    return environment.template_class.from_code(environment, code, environment.make_globals(None))


def inline_svg(chart: charts.Chart) -> str:
    return chart.svg


@cache
def stylesheet() -> str:
    return resources.files("joinedup.reports").joinpath("templates/report.css").read_text(encoding="utf-8")


def _factor_sections(data: ReportData) -> list[FactorSection]:
    texts = {item.id: item.text for item in data.instrument.items}
    sections = []
    for factor in data.analysis.factors:
        definition = data.evidence.factor(factor.id)
        confidence = data.evidence.confidence[factor.id]
        comments = data.comments.get(factor.id) if data.comments is not None else None
        sections.append(
            FactorSection(
                result=factor,
                name=definition.name,
                facilitator=definition.facilitator,
                label=label_words(factor),
                confidence=confidence.label,
                confidence_reason=confidence.reason,
                evidence_note=definition.evidence_note,
                works=[
                    in_text(data.evidence, work.key) for work in data.evidence.works_for(factor.id, False)
                ],
                interventions=[
                    (
                        item.title,
                        item.what_to_do,
                        PROVENANCE_LABELS[item.provenance],
                        item.basis,
                        " ".join(item.caveats),
                    )
                    for item in data.evidence.interventions_for(factor.id)
                ],
                groups=tables.ReportTable(
                    "",
                    f"{definition.name} by agency",
                    tables.GROUP_COLUMNS,
                    tuple(tables.factor_groups_rows(factor, "agency")),
                ),
                items=tables.ReportTable(
                    "",
                    f"Answers to the statements on {definition.name}",
                    tables.ITEM_COLUMNS,
                    tuple(tables.factor_item_rows(data, factor)),
                ),
                items_chart=charts.item_bars(factor, definition.name, texts),
                comment_count=comments.count if comments is not None else None,
                quotes=list(comments.examples) if comments is not None else [],
            )
        )
    return sections


SUMMARY_LIST = 5
"""At most this many factors are named under each label on the board summary, so it fits its pages."""


def _named(data: ReportData, factors: list[FactorResult]) -> list[tuple[str, str]]:
    return [(data.evidence.factor(factor.id).name, interval_words(factor)) for factor in factors]


def top_actions(data: ReportData, size: int = SUMMARY_SIZE) -> list[Recommendation]:
    """The actions that matter most: the first suggestion for each of the most pressing findings
    that have one, then further suggestions in rank order if fewer findings have any."""
    lists = [data.recommendations.get(finding.key, ()) for finding in data.findings]
    chosen = [items[0] for items in lists if items][:size]
    rest = [item for items in lists for item in items[1:]]
    return (chosen + rest)[:size]


def _summary(data: ReportData) -> dict[str, Any]:
    shown = [factor for factor in data.analysis.factors if factor_label(factor) is not None]
    by_label: dict[str, list[FactorResult]] = {label: [] for label in LABEL_ORDER}
    for factor in sorted(shown, key=lambda factor: (factor.mean or 0.0, factor.id)):
        by_label[factor_label(factor) or "unclear"].append(factor)
    by_label["strength"].reverse()
    apart = extremes(data.analysis.factors, SUMMARY_SIZE)
    due_by = data.generated_on + timedelta(days=DUE_SOON_DAYS)
    due: list[ActionReview] = [
        review
        for review in data.actions
        if review.overdue
        or (
            review.action.due is not None
            and review.action.due <= due_by
            and review.status.value in {"not-started", "in-progress"}
        )
    ]
    statements = {finding.key: finding.statement for finding in data.findings}
    return {
        "counts": {label: len(factors) for label, factors in by_label.items()},
        "shown": len(shown),
        "listed": {label: _named(data, factors[:SUMMARY_LIST]) for label, factors in by_label.items()},
        "more": {label: max(len(factors) - SUMMARY_LIST, 0) for label, factors in by_label.items()},
        "separable": apart.separable,
        "strongest": list(apart.strongest),
        "weakest": list(apart.weakest),
        "disagreements": [f for f in data.findings if f.key.startswith("divergence:")][:SUMMARY_SIZE],
        "non_response": [f for f in data.findings if f.label == "non-response"][:SUMMARY_SIZE],
        "gaps": [f for f in data.findings if f.kind == "structure" and f.severity > Severity.INFO][
            :SUMMARY_SIZE
        ],
        "due": sorted(
            due, key=lambda review: (review.action.due or data.generated_on, review.action.reference)
        ),
        "due_by": due_by,
        "actions": [
            (item, [statements[key] for key in item.answers or (item.finding,) if key in statements])
            for item in top_actions(data)
        ],
        "answers_shown": SUMMARY_SIZE,
    }


def _recommended(data: ReportData) -> list[Finding]:
    return [finding for finding in data.findings if data.recommendations.get(finding.key)][
        :RECOMMENDED_FINDINGS
    ]


def _structure_charts(data: ReportData) -> dict[str, Any]:
    structure = data.structure
    targets = []
    if structure.targets is not None:
        for position, target in enumerate(structure.targets.targets, start=1):
            readings = structure.targets.readings_of(target.reference)
            targets.append(charts.target_chart(target, readings, f"target-{position}"))
    return {
        "raci": charts.raci_heatmap(structure.roles, tables.raci_gaps(data)) if structure.roles else None,
        "targets": targets,
        "attendance": charts.attendance_chart(structure.meetings, data.generated_on)
        if structure.meetings
        else None,
        "funding": charts.funding_timeline(structure.funding, data.generated_on)
        if structure.funding
        else None,
    }


def report_context(data: ReportData, *, drawing: ChartDrawing = inline_svg) -> dict[str, Any]:
    """Everything the template reads; the dashboard can render the same charts from it."""
    names = {factor.id: factor.name for factor in data.evidence.factors}
    rounds = tables.rounds_shown(data)
    return {
        "data": data,
        "drawing": drawing,
        "css": stylesheet(),
        "names": names,
        "summary": _summary(data),
        "profile": charts.factor_profile(data.analysis, names),
        "heatmap": charts.group_heatmap(data.analysis, names),
        "trend": charts.trend_chart(rounds, names),
        "factors_table": tables.factors_table(data),
        "agencies_table": tables.groups_wide_table(data, "agency"),
        "trends_table": tables.trends_table(data),
        "factor_sections": _factor_sections(data),
        "answer_key": charts.answer_key(),
        "structure": _structure_charts(data),
        "raci_table": tables.raci_table(data),
        "targets_table": tables.targets_table(data),
        "attendance_table": tables.attendance_table(data),
        "funding_table": tables.funding_table(data),
        "responses_table": tables.responses_table(data),
        "role_groups_table": tables.role_groups_table(data),
        "suppression_table": tables.suppression_table(data),
        "reliability_table": tables.reliability_table(data),
        "ratings_table": tables.ratings_table(data),
        "actions_table": tables.actions_table(data),
        "recommended": _recommended(data),
        "statements": {finding.key: finding.statement for finding in data.findings},
        "ranks": {finding.key: rank for rank, finding in enumerate(data.findings, start=1)},
        "min_divergence": MIN_DIVERGENCE_GROUP,
        "works": [data.evidence.harvard(work) for work in cited_works(data)],
        "cite": lambda key: in_text(data.evidence, key),
        "practice": _practice(data),
        "practice_caveat": PRACTICE_CAVEAT,
    }


def _practice(data: ReportData) -> dict[tuple[str, str], str]:
    """Practice-based evidence in words by (intervention, factor); empty without pooled results."""
    if data.practice is None:
        return {}
    return {key: practice_sentence(entry) for key, entry in practice_by_action(data.practice).items()}


def render_html(data: ReportData, *, drawing: ChartDrawing = inline_svg) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    return report_template().render(report_context(data, drawing=drawing))
