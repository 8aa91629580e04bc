"""SVG text in one run instead of one letter at a time, for the charts of a printed report.

WeasyPrint draws an SVG `<text>` by laying out and drawing each letter as a line of its own, so
that per-letter positions (`x`, `y`, `dx`, `dy` and `rotate` lists), `letter-spacing` and
`textLength` can apply. The report's charts use none of these: each label is one string at one
point, anchored at its start, middle or end. A 500-respondent report's 255 labels (2,500 letters)
took about 0.2 s of CPU laid out letter by letter (a fifth of its drawing), and about 0.05 s as one
run each.

`install` puts `whole_run_text` in WeasyPrint's table of SVG drawing functions; it draws a label
that uses none of those attributes as one run, at the same point, with the same font, fill and
bounding box (so anchoring is unchanged), and hands every other text to WeasyPrint's own function.
The letters are then shaped together as in the rest of the page (kerning applies) and the PDF
holds each label as one string. Tests hold the drawn text and its positions to what WeasyPrint's
own function gives, so a WeasyPrint upgrade that changes the internals used here fails a test.
"""

from __future__ import annotations

from math import inf
from typing import Any

import weasyprint.svg
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.text import Style, TextBox
from weasyprint.svg.utils import size
from weasyprint.text.line_break import split_first_line

LETTER_BY_LETTER = weasyprint.svg.TAGS["text"]
"""WeasyPrint's own SVG text function."""

PER_LETTER_ATTRIBUTES = frozenset({"dx", "dy", "rotate", "letter-spacing", "textLength", "lengthAdjust"})


def _one_run(node: Any) -> bool:
    """Whether the node is a label WeasyPrint would draw exactly as one run: some text, no
    children, at most one `x` and one `y`, and nothing that places or spaces letters one by one."""
    if not node.text or len(list(node)) or PER_LETTER_ATTRIBUTES & node.attrib.keys():
        return False
    return all(len(node.attrib.get(axis, "0").split()) == 1 for axis in ("x", "y"))


def _text_style(svg: Any, node: Any, font_size: float) -> Style:
    """The style WeasyPrint gives an SVG text node (as in `weasyprint.svg.text.text`)."""
    from weasyprint.css.properties import INITIAL_VALUES

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    weight = node.get("font-weight", 400)
    if weight == "normal":
        style["font_weight"] = 400
    elif weight == "bold":
        style["font_weight"] = 700
    else:
        try:
            style["font_weight"] = int(weight)
        except ValueError:
            style["font_weight"] = 400
    return style


def _baseline_shift(node: Any, font_size: float, height: float) -> float:
    """How far WeasyPrint moves text down for its `display-anchor` or baseline attributes."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    alignment_baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if alignment_baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if alignment_baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if alignment_baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def whole_run_text(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text node: a one-run label as one run, anything else as WeasyPrint does."""
    if not _one_run(node):
        LETTER_BY_LETTER(svg, node, font_size)
        return
    style = _text_style(svg, node, font_size)
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x = size(node.attrib["x"], font_size, svg.inner_width) if "x" in node.attrib else None
    y = size(node.attrib["y"], font_size, svg.inner_height) if "y" in node.attrib else None
    if x:
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position = x + svg.cursor_d_position[0]
    y_position = y + svg.cursor_d_position[1] + _baseline_shift(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(svg.stream, text_box, "none", "none", Matrix(d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def install() -> None:
    """Make WeasyPrint draw SVG text with `whole_run_text`, in this process.

    Every entry of WeasyPrint's SVG table that names its text function, and the module name its
    drawing compares with to recognise text (for anchoring), are replaced together.
    """
    for tag, function in weasyprint.svg.TAGS.items():
        if function is LETTER_BY_LETTER:
            weasyprint.svg.TAGS[tag] = whole_run_text
    weasyprint.svg.text = whole_run_text
