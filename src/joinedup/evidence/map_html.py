"""The evidence map as one self-contained HTML file that opens offline, with nothing fetched from anywhere.

Two views, as evidence-and-gap maps usually offer: a bubble grid of factors by kind of work
(bubble size = number of works, colour and shape = the confidence in the factor's evidence, so
colour is never the only cue) and the full factor × work matrix. Details open with <details>
elements, so the file needs no script; the data is also embedded as JSON for anyone who wants to reuse it.
"""

from __future__ import annotations

import json
import math
from html import escape

from joinedup.evidence.base import EvidenceBase
from joinedup.evidence.maps import map_cells, map_to_json
from joinedup.evidence.models import (
    COMPONENT_NAMES,
    CONFIDENCE_LABELS,
    PROVENANCE_LABELS,
    ConfidenceLevel,
    Direction,
    Kind,
    Work,
)

MAX_BUBBLE_RADIUS = 18.0
MIN_BUBBLE_RADIUS = 5.0

CONFIDENCE_STYLES: dict[ConfidenceLevel, tuple[str, str]] = {
    ConfidenceLevel.HIGH: ("#007a5e", "circle"),
    ConfidenceLevel.MODERATE: ("#0072b2", "square"),
    ConfidenceLevel.LOW: ("#b35c00", "triangle"),
    ConfidenceLevel.VERY_LOW: ("#6f777b", "ring"),
}
"""Okabe-Ito based colours, darkened for contrast on white, each with its own shape."""

DIRECTION_MARKS: dict[Direction, str] = {
    Direction.BARRIER: "B",
    Direction.FACILITATOR: "F",
    Direction.INCONCLUSIVE: "?",
}

_STYLE = """
body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;margin:0 auto;max-width:1200px;padding:1rem 2rem}
h1{font-size:2rem}h2{font-size:1.5rem;margin-top:2.5rem}
table{border-collapse:collapse;margin:1rem 0}th,td{border-bottom:1px solid #b1b4b6;padding:.4rem .5rem;
text-align:left;vertical-align:top}thead th{vertical-align:bottom}
.bubbles td{text-align:center;min-width:6rem}.scroll{overflow-x:auto}
.matrix th.work{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;font-size:.8rem;
white-space:nowrap}.matrix td{text-align:center;font-weight:bold;min-width:1.4rem}
.matrix td.general{color:#6f777b;font-weight:normal}
summary{cursor:pointer;list-style:none}summary::-webkit-details-marker{display:none}
details ul{text-align:left;font-size:.85rem;margin:.3rem 0;padding-left:1rem}
.legend{display:flex;flex-wrap:wrap;gap:1.5rem;list-style:none;padding:0}
.legend li{display:flex;align-items:center;gap:.4rem}
.note{color:#505a5f;max-width:46rem}
"""


def _shape(level: ConfidenceLevel, radius: float) -> str:
    """An SVG glyph for a confidence level; the shape carries the meaning as well as the colour."""
    colour, shape = CONFIDENCE_STYLES[level]
    size = 2 * MAX_BUBBLE_RADIUS + 4
    c = size / 2
    label = f'role="img" aria-label="{escape(CONFIDENCE_LABELS[level])} confidence"'
    fill = f'fill="{colour}"'
    if shape == "circle":
        body = f'<circle cx="{c}" cy="{c}" r="{radius:.1f}" {fill}/>'
    elif shape == "square":
        side = radius * 1.8
        corner = c - side / 2
        body = f'<rect x="{corner:.1f}" y="{corner:.1f}" width="{side:.1f}" height="{side:.1f}" {fill}/>'
    elif shape == "triangle":
        h = radius * 1.1
        body = f'<polygon points="{c},{c - h:.1f} {c + h:.1f},{c + h:.1f} {c - h:.1f},{c + h:.1f}" {fill}/>'
    else:
        body = f'<circle cx="{c}" cy="{c}" r="{radius:.1f}" fill="none" stroke="{colour}" stroke-width="2"/>'
    return f'<svg width="{size:.0f}" height="{size:.0f}" {label}>{body}</svg>'


def _radius(count: int, largest: int) -> float:
    """Area proportional to the number of works, so a bubble twice as big means twice as many."""
    if largest == 0:
        return MIN_BUBBLE_RADIUS
    return max(MIN_BUBBLE_RADIUS, MAX_BUBBLE_RADIUS * math.sqrt(count / largest))


def _legend() -> str:
    items = "".join(
        f"<li>{_shape(level, MAX_BUBBLE_RADIUS * 0.6)} {escape(CONFIDENCE_LABELS[level])} confidence</li>"
        for level in ConfidenceLevel
    )
    return f'<ul class="legend" aria-label="Confidence legend">{items}</ul>'


def _work_list(base: EvidenceBase, works: list[Work]) -> str:
    return "<ul>" + "".join(f"<li>{escape(base.harvard(work))}</li>" for work in works) + "</ul>"


def _bubble_grid(base: EvidenceBase) -> str:
    """Factors by kind of work; each cell lists the works of that kind that report the factor."""
    by_factor_kind: dict[tuple[str, Kind], list[Work]] = {}
    for factor in base.factors:
        for work in base.works_for(factor.id, include_general=False):
            by_factor_kind.setdefault((factor.id, work.kind), []).append(work)
    largest = max((len(works) for works in by_factor_kind.values()), default=0)
    head = "".join(f'<th scope="col">{escape(kind.value.capitalize())}</th>' for kind in Kind)
    rows = []
    for factor in base.factors:
        confidence = base.confidence[factor.id]
        cells = []
        for kind in Kind:
            works = by_factor_kind.get((factor.id, kind), [])
            if not works:
                cells.append('<td><span class="note">–</span></td>')
                continue
            glyph = _shape(confidence.level, _radius(len(works), largest))
            summary = f"<summary>{glyph}<br>{len(works)}</summary>"
            cells.append(f"<td><details>{summary}{_work_list(base, works)}</details></td>")
        rows.append(
            f'<tr><th scope="row">{escape(factor.name)}<br><span class="note">'
            f"{escape(confidence.label)} confidence; reported {confidence.times_reported} "
            f"time{'' if confidence.times_reported == 1 else 's'}</span></th>{''.join(cells)}</tr>"
        )
    return (
        f'<table class="bubbles"><thead><tr><th scope="col">Factor</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _matrix(base: EvidenceBase) -> str:
    """Every factor against every work: B barrier, F facilitator, ? inconclusive; grey if cited in general."""
    cells = {(cell.factor, cell.work): cell for cell in map_cells(base)}
    head = "".join(f'<th scope="col" class="work">{escape(base.cite(work))}</th>' for work in base.works)
    rows = []
    for factor in base.factors:
        tds = []
        for work in base.works:
            cell = cells.get((factor.id, work.key))
            if cell is None:
                tds.append("<td></td>")
                continue
            marks = "".join(DIRECTION_MARKS[d] for d in cell.directions)
            title = escape(f"{base.cite(work)}: {' '.join(cell.summaries)}")
            css = ' class="general"' if cell.general_only else ""
            tds.append(f'<td{css} title="{title}">{marks}</td>')
        rows.append(f'<tr><th scope="row">{escape(factor.name)}</th>{"".join(tds)}</tr>')
    return (
        f'<div class="scroll"><table class="matrix"><thead><tr><th scope="col">Factor</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _confidence_table(base: EvidenceBase) -> str:
    """Each factor's confidence with its four component judgements and their reasons."""
    rows = []
    for factor in base.factors:
        confidence = base.confidence[factor.id]
        components = "".join(
            f"<li>{escape(COMPONENT_NAMES[name])}: {escape(component.label.lower())}. "
            f"{escape(component.reason)}</li>"
            for name, component in confidence.components.items()
        )
        rows.append(
            f'<tr><th scope="row">{escape(factor.name)}</th><td>{escape(confidence.label)}</td>'
            f"<td>{confidence.times_reported}</td><td>{escape(confidence.reason)}<ul>{components}</ul></td></tr>"
        )
    return (
        '<table><thead><tr><th scope="col">Factor</th><th scope="col">Confidence</th>'
        '<th scope="col">Times reported</th><th scope="col">Why</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _interventions_table(base: EvidenceBase) -> str:
    """Every intervention with what kind of advice it is, its basis and caveats."""
    rows = []
    for item in base.interventions:
        caveats = "".join(f"<li>{escape(caveat)}</li>" for caveat in item.caveats)
        action = "; ".join(base.cite(key) for key in item.action_works) or "none"
        rows.append(
            f'<tr><th scope="row">{escape(item.title)}</th>'
            f"<td>{escape(PROVENANCE_LABELS[item.provenance])}</td>"
            f"<td>{escape(item.basis)}<ul>{caveats}</ul></td><td>{escape(action)}</td></tr>"
        )
    return (
        '<table><thead><tr><th scope="col">Action</th><th scope="col">Kind of advice</th>'
        '<th scope="col">Basis and caveats</th>'
        '<th scope="col">Works that support the action</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def render_map_html(base: EvidenceBase, title: str = "Evidence map: integrated children's services") -> str:
    """The whole map page; no external stylesheet, script, font or image."""
    data = json.dumps(map_to_json(base), ensure_ascii=False).replace("<", "\\u003c")
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="note">What evidence there is on each factor of integrated working, not how much each factor
matters. {len(base.works)} works, {len(base.factors)} factors. Each factor's confidence is in the
review's claim that the factor matters, graded on four components (methodological limitations,
coherence, adequacy, relevance) as GRADE-CERQual does; it is not a rating of whether any action
works. The reasons are given below the maps.</p>
<h2>Factors by kind of work</h2>
<p class="note">Bubble area is the number of works; colour and shape show the confidence in the factor.
Select a bubble to list its works.</p>
{_legend()}
{_bubble_grid(base)}
<h2>Factors by work</h2>
<p class="note">B: cited as a barrier when missing. F: cited as helping when present. ?: found
inconclusive. Grey: cited only for barriers in general. Hover a mark for the claim.</p>
{_matrix(base)}
<h2>Confidence and its reasons</h2>
{_confidence_table(base)}
<h2>What to do, and what kind of advice it is</h2>
{_interventions_table(base)}
<script type="application/json" id="evidence-map-data">{data}</script>
</body>
</html>
"""
