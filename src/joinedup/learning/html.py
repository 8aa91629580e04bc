"""The pooled learning results as one self-contained HTML page (`joinedup learning pool --format html`)."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from joinedup.learning.pool import MIN_PARTNERSHIPS, PRACTICE_CAVEAT, practice_sentence

_STYLE = (
    "body{font-family:Arial,sans-serif;margin:2em;max-width:60em;color:#0b0c0c}"
    "table{border-collapse:collapse;margin-bottom:2em}th,td{border-bottom:1px solid #b1b4b6;"
    "padding:.4em .8em;text-align:left}td.n{text-align:right}"
    ".inset{border-left:10px solid #b1b4b6;padding:.5em 1em}"
)


def pooled_html(pooled: Mapping[str, Any]) -> str:
    """Benchmarks and practice evidence as a page, with the rules and the caveat stated."""
    rows = "".join(
        f"<tr><td>{escape(factor)}</td><td class=n>{b['partnerships']}</td><td class=n>{b['p25']:.1f}</td>"
        f"<td class=n>{b['p50']:.1f}</td><td class=n>{b['p75']:.1f}</td></tr>"
        for factor, b in pooled["benchmarks"].items()
    )
    practice = "".join(
        f"<tr><td>{escape(entry['intervention'])}</td><td>{escape(entry['factor'])}</td>"
        f"<td>{escape(practice_sentence(entry))}</td></tr>"
        for entry in pooled["practice"]
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Pooled learning across partnerships</title><style>{_STYLE}</style></head><body>"
        "<h1>Pooled learning across partnerships</h1>"
        f"<p>Every figure describes at least {MIN_PARTNERSHIPS} partnerships, each counted once. "
        "Quartiles are rounded to one decimal and no minimum or maximum is shown, so no single "
        "partnership's figure can be read off.</p>"
        "<h2>Benchmarks</h2>"
        + (
            "<table><thead><tr><th>Factor</th><th>Partnerships</th><th>Lower quartile</th><th>Median</th>"
            f"<th>Upper quartile</th></tr></thead><tbody>{rows}</tbody></table>"
            if rows
            else f"<p>No factor is reported by {MIN_PARTNERSHIPS} or more partnerships yet.</p>"
        )
        + "<h2>Practice-based evidence</h2>"
        f'<div class="inset">{escape(PRACTICE_CAVEAT)}</div>'
        + (
            "<table><thead><tr><th>Intervention</th><th>Factor</th><th>What happened</th></tr></thead>"
            f"<tbody>{practice}</tbody></table>"
            if practice
            else f"<p>No intervention has been adopted by {MIN_PARTNERSHIPS} or more partnerships yet.</p>"
        )
        + "</body></html>\n"
    )
