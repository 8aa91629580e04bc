"""The report's charts: SVG drawn directly, each with a title and a text description for screen
readers (the data itself sits in a table beside every chart).

The charts are simple (bars, dots, intervals, grids of cells), so they are written as SVG elements
here rather than drawn with a plotting library: importing matplotlib and drawing 19 figures took
most of an HTML report's time, and its SVG (every glyph and tick a path) was too heavy for
WeasyPrint to lay out, so the PDF needed a second, raster drawing of each chart. The SVG written
here is light enough for both: the browser shows it inline, and the PDF places the very same
drawing as a vector picture (see `joinedup.reports.pdf`), so print and screen cannot differ.

Output is deterministic: ids derive from the chart's own id, numbers are rounded to two decimals
and no date or software is written, so the same data always gives the same bytes. Every piece of
text is escaped as it is written: names come from users, and a `<` or `$` in a task or agency
name is drawn as typed, never read as markup.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from joinedup.analysis.result import FactorResult, GroupFigure, RoundResult, Suppressed
from joinedup.checks.records import (
    AttendanceLevel,
    FundingRecords,
    MeetingRecords,
    RaciMatrix,
    RaciRole,
    Target,
    TargetReading,
)
from joinedup.checks.targets import expected_on_path
from joinedup.formatting import label as name_of
from joinedup.formatting import long_date, plural
from joinedup.instrument.responses import SCALE_LABELS

FONT_FAMILY = "'Liberation Sans', 'DejaVu Sans', Arial, sans-serif"
FONT_SIZE = 8.0
BAND_COLOURS = {"concern": "#f9dcd6", "borderline": "#fdf1cf", "strength": "#dbeedd"}
ANSWER_COLOURS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac")
DONT_KNOW_COLOUR = "#8c8c8c"
INK = "#0b0c0c"
MUTED = "#505a5f"
SUPPRESSED_FILL = "#eeeeee"
_ROW_INCHES = 0.24
_LABEL_WIDTH = 44
_POINTS_PER_INCH = 72.0
_LINE_SPACING = 1.2
_TICK_LENGTH = 3.5
_CHAR_WIDTH = 0.55
"""An average Liberation Sans character's width in ems: enough to space a key's entries."""

_RD_BU = (
    (0x67, 0x00, 0x1F),
    (0xB2, 0x18, 0x2B),
    (0xD6, 0x60, 0x4D),
    (0xF4, 0xA5, 0x82),
    (0xFD, 0xDB, 0xC7),
    (0xF7, 0xF7, 0xF7),
    (0xD1, 0xE5, 0xF0),
    (0x92, 0xC5, 0xDE),
    (0x43, 0x93, 0xC3),
    (0x21, 0x66, 0xAC),
    (0x05, 0x30, 0x61),
)
"""ColorBrewer's 11-class red-blue diverging scheme, red for low."""
_RD_BU_LEVELS = 256


def red_blue(fraction: float) -> str:
    """The colour at `fraction` (0 to 1) of the red-blue scale, in 256 steps as matplotlib's
    RdBu colour map quantises it, so heat maps keep the colours they had when matplotlib drew them."""
    level = min(max(int(fraction * _RD_BU_LEVELS), 0), _RD_BU_LEVELS - 1)
    position = level / (_RD_BU_LEVELS - 1) * (len(_RD_BU) - 1)
    lower = min(int(position), len(_RD_BU) - 2)
    weight = position - lower
    channels = (
        (start + (end - start) * weight) / 255
        for start, end in zip(_RD_BU[lower], _RD_BU[lower + 1], strict=True)
    )
    return "#" + "".join(format(round(channel * 255), "02x") for channel in channels)


def _mean_colour(mean: float) -> str:
    """A mean on the 1 to 5 scale as a heat-map colour."""
    return red_blue((mean - 1) / 4)


def _number(value: float) -> str:
    """A coordinate for the SVG: at most two decimals, no trailing zeros, never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class Canvas:
    """An SVG drawing measured in points (1/72 inch) from its top left corner.

    Each method appends one element; the style attribute always ends with the fill colour (and,
    for shapes, the stroke after it), the form the accessibility tests read colours from.

    With `attributes` the same properties are written as presentation attributes (`fill="…"`)
    instead, for print: WeasyPrint parses each element's style attribute with a CSS parser, but
    reads presentation attributes as they are, and draws both alike.
    """

    def __init__(self, size: tuple[float, float], chart_id: str, *, attributes: bool = False) -> None:
        self.width = size[0] * _POINTS_PER_INCH
        self.height = size[1] * _POINTS_PER_INCH
        self.id = chart_id
        self.attributes = attributes
        self.defs: list[str] = []
        self.parts: list[str] = []

    def _style(self, declarations: str) -> str:
        """The properties ("name: value; ...") as the element's style attribute or, for print,
        as presentation attributes."""
        if not self.attributes:
            return f'style="{declarations}"'
        pairs = (declaration.split(": ", 1) for declaration in declarations.split("; "))
        return " ".join(f'{name}="{value}"' for name, value in pairs)

    def rect(
        self,
        x: float,
        y: float,
        width: float,
        height: float,
        fill: str,
        stroke: str | None = None,
        stroke_width: float = 0.5,
    ) -> None:
        """A rectangle; a negative width or height is drawn from the other side."""
        if width < 0:
            x, width = x + width, -width
        if height < 0:
            y, height = y + height, -height
        self.parts.append(
            f'<rect x="{_number(x)}" y="{_number(y)}" width="{_number(width)}" height="{_number(height)}" '
            f"{self._style(_paint(fill, stroke, stroke_width))}/>"
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str,
        width: float = 0.8,
        dashed: bool = False,
    ) -> None:
        dash = "; stroke-dasharray: 3.7 1.6" if dashed else ""
        self.parts.append(
            f'<line x1="{_number(x1)}" y1="{_number(y1)}" x2="{_number(x2)}" y2="{_number(y2)}" '
            f"{self._style(f'fill: none; stroke: {stroke}; stroke-width: {_number(width)}{dash}')}/>"
        )

    def polyline(self, points: Sequence[tuple[float, float]], stroke: str, width: float = 1.0) -> None:
        self.parts.append(
            f'<polyline points="{_points(points)}" '
            + self._style(
                f"fill: none; stroke: {stroke}; stroke-width: {_number(width)}; stroke-linejoin: round"
            )
            + "/>"
        )

    def polygon(self, points: Sequence[tuple[float, float]], fill: str) -> None:
        self.parts.append(f'<polygon points="{_points(points)}" {self._style(f"fill: {fill}")}/>')

    def circle(
        self,
        x: float,
        y: float,
        diameter: float,
        fill: str,
        stroke: str | None = None,
        stroke_width: float = 0.5,
    ) -> None:
        self.parts.append(
            f'<circle cx="{_number(x)}" cy="{_number(y)}" r="{_number(diameter / 2)}" '
            f"{self._style(_paint(fill, stroke, stroke_width))}/>"
        )

    def cross(self, x: float, y: float, size: float, stroke: str) -> None:
        """An × of `size` points across, as the mark of an absence."""
        half = size / 2
        self.parts.append(
            f'<path d="M{_number(x - half)} {_number(y - half)}L{_number(x + half)} {_number(y + half)}'
            f'M{_number(x - half)} {_number(y + half)}L{_number(x + half)} {_number(y - half)}" '
            f"{self._style(f'fill: none; stroke: {stroke}; stroke-width: 1')}/>"
        )

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = FONT_SIZE,
        anchor: str = "start",
        align: str = "center",
        colour: str = INK,
        italic: bool = False,
        rotate: float = 0.0,
    ) -> None:
        """Text at (x, y), one `<tspan>` a line; `anchor` is where x falls (start, middle, end)
        and `align` where y falls (top, center, bottom) on the block of lines.

        The baselines are worked out here rather than left to `dominant-baseline`, so the
        browser and WeasyPrint place the text alike.
        """
        lines = text.split("\n")
        spacing = size * _LINE_SPACING
        block = spacing * (len(lines) - 1)
        first = {
            "top": y + size * 0.8,
            "center": y - block / 2 + size * 0.35,
            "bottom": y - block - size * 0.2,
        }[align]
        turn = f' transform="rotate({_number(rotate)} {_number(x)} {_number(y)})"' if rotate else ""
        slant = "font-style: italic; " if italic else ""
        style = f"font-size: {_number(size)}px; text-anchor: {anchor}; {slant}fill: {colour}"
        if len(lines) == 1:
            body = html.escape(text, quote=False)
        else:
            body = "".join(
                f'<tspan x="{_number(x)}" y="{_number(first + spacing * number)}">'
                f"{html.escape(line, quote=False)}</tspan>"
                for number, line in enumerate(lines)
            )
        self.parts.append(
            f'<text x="{_number(x)}" y="{_number(first)}"{turn} {self._style(style)}>{body}</text>'
        )

    def hatch(self) -> str:
        """The id of this drawing's diagonal hatching, defined on first use.

        As visible as the hatching matplotlib drew in the printed report: 1 pt lines about 6 pt
        apart, each drawn in the middle of its tile (a line on the tile's edge loses half its
        width to clipping), in a grey with more than 3:1 contrast against the suppressed fill
        (#767676 on #eeeeee is 3.9:1), and sparse enough for the "suppressed" label to be read.
        """
        pattern = f"{self.id}-hatch"
        if not self.defs:
            self.defs.append(
                f'<pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
                'patternTransform="rotate(45)">'
                '<line x1="3" y1="0" x2="3" y2="6" '
                + self._style("fill: none; stroke: #767676; stroke-width: 1")
                + "/>"
                "</pattern>"
            )
        return pattern

    def svg(self, title: str, description: str) -> str:
        """The drawing as inline-ready SVG, labelled by its own `<title>` and `<desc>`, ending in a
        line break as matplotlib's did, so the page around a chart is unchanged."""
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_number(self.width)}pt" '
            f'height="{_number(self.height)}pt" viewBox="0 0 {_number(self.width)} {_number(self.height)}" '
            f'id="{self.id}" role="img" aria-labelledby="{self.id}-title {self.id}-desc" '
            f'font-family="{FONT_FAMILY}">'
            f'<title id="{self.id}-title">{html.escape(title)}</title>'
            f'<desc id="{self.id}-desc">{html.escape(description)}</desc>'
            f'{defs}<rect width="100%" height="100%" {self._style("fill: #ffffff")}/>'
            + "".join(self.parts)
            + "</svg>\n"
        )


def _paint(fill: str, stroke: str | None, width: float) -> str:
    if stroke is None:
        return f"fill: {fill}"
    return f"fill: {fill}; stroke: {stroke}; stroke-width: {_number(width)}"


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_number(x)},{_number(y)}" for x, y in points)


@dataclass(frozen=True)
class Chart:
    """A chart ready to show; `description` says in words what it shows, `size` is in inches.

    `draw` puts the chart on an empty canvas of that size; `svg` calls it on first use only.
    """

    id: str
    title: str
    description: str
    size: tuple[float, float]
    draw: Callable[[Canvas], None] = field(repr=False, compare=False)
    printed: Chart | None = field(default=None, repr=False, compare=False)
    """The drawing a printed report shows instead, where print can say the same with less:
    WeasyPrint lays out SVG text one letter at a time, so every letter a chart need not draw
    saves the PDF time. None when print and screen show the same drawing."""

    @property
    def alt(self) -> str:
        """The text that stands for the picture: its title, then what it shows."""
        return f"{self.title}. {self.description}"

    @cached_property
    def svg(self) -> str:
        """Inline SVG labelled by its own `<title>` and `<desc>`."""
        canvas = Canvas(self.size, self.id)
        self.draw(canvas)
        return canvas.svg(self.title, self.description)

    @cached_property
    def print_svg(self) -> str:
        """The same drawing for WeasyPrint, its properties as presentation attributes."""
        canvas = Canvas(self.size, self.id, attributes=True)
        self.draw(canvas)
        return canvas.svg(self.title, self.description)


@dataclass(frozen=True)
class Plot:
    """The plotting area of a canvas, with margins in inches, and its data scales.

    `low`/`high` give the data values at the left and right edges; `bottom`/`top` those at the
    lower and upper edges (rows put the first row at the top with `bottom=n - 0.5, top=-0.5`).
    """

    canvas: Canvas
    left_inches: float
    bottom_inches: float = 0.45
    top_inches: float = 0.15
    right_inches: float = 0.2
    low: float = 0.0
    high: float = 1.0
    bottom: float = 0.0
    top: float = 1.0

    @property
    def left_edge(self) -> float:
        return self.left_inches * _POINTS_PER_INCH

    @property
    def right_edge(self) -> float:
        return self.canvas.width - self.right_inches * _POINTS_PER_INCH

    @property
    def top_edge(self) -> float:
        return self.top_inches * _POINTS_PER_INCH

    @property
    def bottom_edge(self) -> float:
        return self.canvas.height - self.bottom_inches * _POINTS_PER_INCH

    def x(self, value: float) -> float:
        """The horizontal position of a data value, in points."""
        return self.left_edge + (value - self.low) / (self.high - self.low) * (
            self.right_edge - self.left_edge
        )

    def y(self, value: float) -> float:
        """The vertical position of a data value, in points."""
        return self.top_edge + (self.top - value) / (self.top - self.bottom) * (
            self.bottom_edge - self.top_edge
        )

    def rows(self, labels: Sequence[str], size: float = FONT_SIZE) -> None:
        """Row labels on the left, each level with its row."""
        x = self.left_edge - 0.01 * (self.right_edge - self.left_edge)
        for row, label in enumerate(labels):
            self.canvas.text(x, self.y(row), label, size=size, anchor="end")

    def columns(self, labels: Sequence[str], size: float = 7) -> None:
        """Column labels underneath, at a slant, each ending under its column."""
        y = self.bottom_edge + 0.02 * (self.bottom_edge - self.top_edge) + 2
        for column, label in enumerate(labels):
            self.canvas.text(self.x(column), y, label, size=size, anchor="end", align="top", rotate=-35)

    def scale(self, ticks: Sequence[float], labels: Sequence[str], title: str = "") -> None:
        """An x scale: a baseline, tick marks and their labels, and an optional title below.

        A label may start with a line break to sit a line lower than the others.
        """
        canvas, base = self.canvas, self.bottom_edge
        canvas.line(self.left_edge, base, self.right_edge, base, MUTED)
        for tick, label in zip(ticks, labels, strict=True):
            x = self.x(tick)
            canvas.line(x, base, x, base + _TICK_LENGTH, MUTED)
            lines = label.split("\n")
            for number, line in enumerate(lines):
                if line:
                    canvas.text(
                        x,
                        base + _TICK_LENGTH + 1.5 + number * 7 * _LINE_SPACING,
                        line,
                        size=7,
                        anchor="middle",
                        align="top",
                    )
        if title:
            middle = (self.left_edge + self.right_edge) / 2
            canvas.text(middle, base + _TICK_LENGTH + 16, title, anchor="middle", align="top")

    def date_scale(self, first: date, last: date) -> None:
        ticks = _date_ticks(first, last) or [first, last]
        self.scale([float(tick.toordinal()) for tick in ticks], [tick.strftime("%b %Y") for tick in ticks])

    def cells(self, rows: int, columns: int, colours: Sequence[str], edge: str = "#ffffff") -> None:
        """A grid of coloured cells, row by row, the plot's scales set to fit it."""
        for index, colour in enumerate(colours):
            row, column = divmod(index, columns)
            self.cell(row, column, colour, edge)

    def cell(self, row: int, column: int, fill: str, edge: str | None, width: float = 0.8) -> None:
        left, right = self.x(column - 0.5), self.x(column + 0.5)
        upper, lower = self.y(row - 0.5), self.y(row + 0.5)
        self.canvas.rect(left, upper, right - left, lower - upper, fill, edge, width)

    def bar(
        self, row: float, start: float, length: float, height: float, fill: str, edge: str, width: float
    ) -> None:
        """A horizontal bar on a row, `height` in rows."""
        left, right = self.x(start), self.x(start + length)
        upper, lower = self.y(row - height / 2), self.y(row + height / 2)
        self.canvas.rect(left, upper, right - left, lower - upper, fill, edge, width)


def grid_plot(canvas: Canvas, rows: int, columns: int, left_inches: float, **margins: float) -> Plot:
    """A plot whose scales put cell (row, column) centred on whole numbers, the first row on top."""
    return Plot(
        canvas,
        left_inches,
        low=-0.5,
        high=columns - 0.5,
        bottom=rows - 0.5,
        top=-0.5,
        **margins,
    )


def _key(canvas: Canvas, entries: Sequence[tuple[str, str]], y_inches: float, left_inches: float) -> None:
    """A one-line colour key, its middle `y_inches` above the bottom of the drawing."""
    x = left_inches * _POINTS_PER_INCH
    y = canvas.height - y_inches * _POINTS_PER_INCH
    swatch = 0.1 * _POINTS_PER_INCH
    for colour, label in entries:
        canvas.rect(x, y - swatch / 2, swatch, swatch, colour, MUTED, 0.4)
        canvas.text(x + 0.14 * _POINTS_PER_INCH, y, label, size=7)
        x += 0.3 * _POINTS_PER_INCH + _CHAR_WIDTH * 7 * len(label)


def _wrap(text: str, width: int = _LABEL_WIDTH, lines: int = 2) -> str:
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(rest, width, placeholder="…")]
    return "\n".join(wrapped)


def _date_ticks(first: date, last: date) -> list[date]:
    """Ticks on the first of January, or also of July, or of every quarter, by the span."""
    years = last.year - first.year
    months = (1,) if years > 3 else (1, 7) if years > 1 else (1, 4, 7, 10)
    return [
        date(year, month, 1)
        for year in range(first.year, last.year + 2)
        for month in months
        if first <= date(year, month, 1) <= last
    ]


_SCORE_TICKS = ([1.0, 2.0, 3.0, 4.0, 5.0], ["1", "2", "3", "4", "5"])


# --- survey --------------------------------------------------------------------------------


def factor_profile(result: RoundResult, names: dict[str, str], chart_id: str = "factor-profile") -> Chart:
    """Dot plot of every factor's mean with its 95% interval, over the three bands."""
    factors = result.factors
    shown = [f for f in factors if not f.suppressed and f.mean is not None]
    title = f"Factor profile, {result.round}"
    if shown:
        best, worst = max(shown, key=lambda f: f.mean or 0), min(shown, key=lambda f: f.mean or 0)
        summary = (
            f"Highest: {names[best.id]} at {best.mean:.2f}. Lowest: {names[worst.id]} at {worst.mean:.2f}."
        )
    else:
        summary = "No factor has enough answers to show."
    description = (
        f"Dot plot of the mean score of {len(factors)} factors on the 1 to 5 scale, with 95% confidence "
        f"intervals, over bands: concern below 3, borderline 3 to 4, strength 4 and above. {summary}"
    )

    def draw(canvas: Canvas) -> None:
        plot = Plot(
            canvas, 2.9, bottom_inches=0.6, top_inches=0.3, low=1, high=5, bottom=len(factors) - 0.5, top=-0.5
        )
        for band, (low, high) in {"concern": (1, 3), "borderline": (3, 4), "strength": (4, 5)}.items():
            canvas.rect(
                plot.x(low),
                plot.top_edge,
                plot.x(high) - plot.x(low),
                plot.bottom_edge - plot.top_edge,
                BAND_COLOURS[band],
            )
            canvas.text(
                plot.x((low + high) / 2),
                plot.y(-0.7),
                band,
                size=7,
                anchor="middle",
                colour=MUTED,
                align="bottom",
            )
        for row, factor in enumerate(factors):
            if factor.ci is not None:
                canvas.line(plot.x(factor.ci[0]), plot.y(row), plot.x(factor.ci[1]), plot.y(row), INK, 1.2)
            if factor.mean is not None:
                canvas.circle(plot.x(factor.mean), plot.y(row), 4.5, INK)
            if factor.suppressed:
                canvas.text(plot.x(1.05), plot.y(row), "suppressed", size=7, colour=MUTED, italic=True)
        plot.rows([_wrap(names[f.id], 48, 1) for f in factors])
        plot.scale(*_SCORE_TICKS, "Mean score (1 strongly disagree to 5 strongly agree)")

    return Chart(chart_id, title, description, (7.2, 0.9 + _ROW_INCHES * len(factors)), draw)


def group_heatmap(
    result: RoundResult, names: dict[str, str], kind: str = "agency", chart_id: str = "agency-heatmap"
) -> Chart:
    """Factors × groups, coloured by mean; suppressed cells hatched and labelled, never blank."""
    groups: list[str] = []
    for factor in result.factors:
        groups += [name for name in factor.groups.get(kind, {}) if name not in groups]
    means: list[list[float | None]] = [[None] * len(groups) for _ in result.factors]
    hidden: list[tuple[int, int]] = []
    for row, factor in enumerate(result.factors):
        for column, group in enumerate(groups):
            entry = factor.groups.get(kind, {}).get(group)
            if isinstance(entry, GroupFigure):
                means[row][column] = entry.mean
            elif isinstance(entry, Suppressed):
                hidden.append((row, column))
    label = "agency" if kind == "agency" else "role group"
    title = f"Mean score by {label}, {result.round}"
    shown = groups if kind == "agency" else [name_of(group) for group in groups]
    hidden_groups = sorted({shown[column] for _, column in hidden})
    description = (
        f"Heat map of mean scores for {len(result.factors)} factors (rows) by {plural(len(groups), label)} "
        f"(columns): {', '.join(shown)}. Red is low, blue is high, on the 1 to 5 scale. "
        + (
            f"Hatched cells marked suppressed hide groups too small to show: {', '.join(hidden_groups)}."
            if hidden_groups
            else "No cell is suppressed."
        )
    )

    def draw(canvas: Canvas) -> None:
        plot = grid_plot(canvas, len(result.factors), len(groups), 2.9, bottom_inches=1.35, right_inches=0.3)
        plot.cells(
            len(result.factors),
            len(groups),
            [SUPPRESSED_FILL if mean is None else _mean_colour(mean) for row in means for mean in row],
        )
        if hidden:
            hatch = f"url(#{canvas.hatch()})"
            for row, column in hidden:
                plot.cell(row, column, hatch, "#8c8c8c", 0.4)
                canvas.text(plot.x(column), plot.y(row), "suppressed", size=6, anchor="middle")
        plot.rows([_wrap(names[f.id], 48, 1) for f in result.factors])
        plot.columns([_wrap(g, 22, 1) for g in shown])
        key = [(_mean_colour(value), f"{value}") for value in (1, 2, 3, 4, 5)]
        _key(canvas, [*key, (SUPPRESSED_FILL, "suppressed (hatched)")], 0.15, 2.9)

    width = max(6.0, 3.3 + 0.75 * len(groups))
    return Chart(chart_id, title, description, (width, 1.6 + _ROW_INCHES * len(result.factors)), draw)


def answer_key() -> list[tuple[str, str]]:
    """The colours of the statement charts with their answers, for one key shown above them all."""
    key = [(colour, SCALE_LABELS[level]) for level, colour in enumerate(ANSWER_COLOURS, start=1)]
    return [*key, (DONT_KNOW_COLOUR, "Don't know")]


def item_bars(factor: FactorResult, factor_name: str, texts: dict[str, str]) -> Chart | None:
    """Diverging stacked bars of each statement's answers: disagreement left, agreement right,
    "don't know" apart on the far right. None when the factor's answers are suppressed."""
    items = [item for item in factor.items if item.distribution is not None]
    if factor.suppressed or not items:
        return None
    shares: list[list[float]] = []
    dont_know_shares: list[float] = []
    for item in items:
        distribution = item.distribution or {}
        counts = [float(distribution.get(str(level), 0)) for level in range(1, 6)]
        dont_know = float(distribution.get("dont_know", 0))
        answered = sum(counts) + dont_know
        shares.append([count / answered * 100 if answered else 0.0 for count in counts])
        dont_know_shares.append(dont_know / answered * 100 if answered else 0.0)
    chart_id = f"items-{factor.id}"
    title = f"Answers to the statements on {factor_name}"
    description = f"Diverging stacked bars for {len(items)} statements. " + " ".join(
        f"{item.id}: {sum(share[3:]):.0f}% agree, {sum(share[:2]):.0f}% disagree, "
        f"{dont_know_share:.0f}% don't know."
        for item, share, dont_know_share in zip(items, shares, dont_know_shares, strict=True)
    )

    def draw(canvas: Canvas, labels: Sequence[str], left_inches: float) -> None:
        plot = Plot(
            canvas,
            left_inches,
            bottom_inches=0.42,
            top_inches=0.05,
            low=-100,
            high=106 + max(20.0, max(dont_know_shares) + 4),
            bottom=len(items) - 0.5,
            top=-0.5,
        )
        for row, share in enumerate(shares):
            left = -(share[0] + share[1] + share[2] / 2)
            for level, part in enumerate(share):
                plot.bar(row, left, part, 0.62, ANSWER_COLOURS[level], MUTED, 0.5)
                left += part
            plot.bar(row, 106.0, dont_know_shares[row], 0.62, DONT_KNOW_COLOUR, MUTED, 0.5)
        canvas.line(plot.x(0), plot.top_edge, plot.x(0), plot.bottom_edge, INK)
        plot.rows(labels, size=7)
        # "don't know" goes a line lower, since its column starts too close to 100% to share one
        plot.scale([-100, -50, 0, 50, 100, 106], ["100%", "50%", "0", "50%", "100%", "\ndon't know"])

    reversed_words = [" (reverse-worded)" if item.reverse else "" for item in items]
    statements = [
        _wrap(texts.get(item.id, item.id) + reverse, 50, 3)
        for item, reverse in zip(items, reversed_words, strict=True)
    ]
    # In print each bar is labelled by its statement's id: the table that always follows the
    # chart gives each id's statement in full, where the screen's label may be shortened.
    ids = [item.id + reverse for item, reverse in zip(items, reversed_words, strict=True)]
    size = (7.2, 0.4 + 0.45 * len(items))
    printed = Chart(chart_id, title, description, size, lambda canvas: draw(canvas, ids, 1.3))
    return Chart(
        chart_id, title, description, size, lambda canvas: draw(canvas, statements, 3.1), printed=printed
    )


def trend_chart(
    rounds: Sequence[RoundResult], names: dict[str, str], chart_id: str = "trends"
) -> Chart | None:
    """Each factor's mean in each round on one row, joined in round order; None with one round."""
    if len(rounds) < 2:
        return None
    latest = rounds[-1]
    labels = [entry.round for entry in rounds]
    title = f"Trends across rounds: {', '.join(labels)}"
    moved = [f for f in latest.factors if f.trend is not None and f.trend.direction != "no clear change"]
    description = (
        f"For each of {len(latest.factors)} factors, the mean score in each round ({', '.join(labels)}) "
        "on the 1 to 5 scale, joined by a line ending at the latest round. "
        + (
            "Clear changes since the previous round: "
            + "; ".join(
                f"{names[f.id]} {f.trend.direction} ({f.trend.change:+.2f})" for f in moved if f.trend
            )
            + "."
            if moved
            else "No factor changed clearly since the previous round."
        )
    )
    palette = ("#b1b4b6", "#6f777b", "#1d70b8", "#003078")

    def draw(canvas: Canvas) -> None:
        plot = Plot(
            canvas,
            2.9,
            bottom_inches=0.85,
            top_inches=0.1,
            low=1,
            high=5,
            bottom=len(latest.factors) - 0.5,
            top=-0.5,
        )
        means: list[list[float | None]] = []
        for factor in latest.factors:
            row_means: list[float | None] = []
            for entry in rounds:
                earlier = next((f for f in entry.factors if f.id == factor.id), None)
                shown = earlier is not None and earlier.mean is not None and not earlier.suppressed
                row_means.append(earlier.mean if shown and earlier is not None else None)
            means.append(row_means)
        for row, row_means in enumerate(means):
            path = [(plot.x(mean), plot.y(row)) for mean in row_means if mean is not None]
            if len(path) > 1:
                canvas.polyline(path, "#6f777b")
        key = []
        for column, label in enumerate(labels):
            last = column == len(labels) - 1
            colour = palette[-1] if last else palette[min(column, len(palette) - 2)]
            for row, row_means in enumerate(means):
                mean = row_means[column]
                if mean is not None:
                    canvas.circle(plot.x(mean), plot.y(row), 5.5 if last else 3.5, colour, INK)
            key.append((colour, label))
        plot.rows([_wrap(names[f.id], 48, 1) for f in latest.factors])
        plot.scale(*_SCORE_TICKS, "Mean score")
        _key(canvas, key, 0.12, 2.9)

    return Chart(chart_id, title, description, (7.2, 1.0 + _ROW_INCHES * len(latest.factors)), draw)


# --- structure ------------------------------------------------------------------------------

_RACI_CODES = {RaciRole.ACCOUNTABLE: 4, RaciRole.RESPONSIBLE: 3, RaciRole.CONSULTED: 2, RaciRole.INFORMED: 1}
_RACI_COLOURS = ("#ffffff", "#e8f1fb", "#b8d3f0", "#4f86c6", "#1d4f91")
_RACI_ORDER = (RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE, RaciRole.CONSULTED, RaciRole.INFORMED)


def raci_heatmap(matrix: RaciMatrix, gaps: dict[str, list[str]], chart_id: str = "raci") -> Chart:
    """The responsibility matrix as a grid; tasks with a gap are outlined in red and labelled."""
    tasks, agencies = list(matrix.tasks), list(matrix.agencies)
    codes = [[0] * len(agencies) for _ in tasks]
    letters: list[tuple[int, int, str]] = []
    for row, task in enumerate(tasks):
        roles = matrix.roles_of(task.name)
        for column, agency in enumerate(agencies):
            held = roles.get(agency, frozenset())
            if held:
                codes[row][column] = max(_RACI_CODES[role] for role in held)
                letters.append((row, column, "/".join(r.value for r in _RACI_ORDER if r in held)))
    gap_rows = [row for row, task in enumerate(tasks) if task.name in gaps]
    title = "Who is responsible, accountable, consulted and informed"
    description = (
        f"Grid of {len(tasks)} tasks by {len(agencies)} agencies showing each agency's letters: "
        "A accountable, R responsible, C consulted, I informed. "
        + (
            "Gaps: " + "; ".join(f"{task}: {', '.join(what)}" for task, what in gaps.items()) + "."
            if gaps
            else "No gaps were found."
        )
    )

    def draw(canvas: Canvas) -> None:
        plot = grid_plot(canvas, len(tasks), len(agencies), 2.9, bottom_inches=1.0, right_inches=1.6)
        plot.cells(
            len(tasks), len(agencies), [_RACI_COLOURS[code] for row in codes for code in row], "#b1b4b6"
        )
        for row, column, text in letters:
            accountable = codes[row][column] == _RACI_CODES[RaciRole.ACCOUNTABLE]
            canvas.text(
                plot.x(column), plot.y(row), text, anchor="middle", colour="#ffffff" if accountable else INK
            )
        for row in gap_rows:
            left, upper = plot.x(-0.5), plot.y(row - 0.5)
            canvas.rect(
                left,
                upper,
                plot.x(len(agencies) - 0.5) - left,
                plot.y(row + 0.5) - upper,
                "none",
                "#d4351c",
                2,
            )
            canvas.text(
                plot.x(len(agencies) - 0.35),
                plot.y(row),
                _wrap("gap: " + ", ".join(gaps[tasks[row].name]), 26),
                size=7,
                colour="#d4351c",
            )
        plot.rows([_wrap(task.name, 46) for task in tasks])
        plot.columns([_wrap(a, 22, 1) for a in agencies])

    return Chart(chart_id, title, description, (7.2, 1.3 + 0.38 * max(len(tasks), 1)), draw)


def target_chart(target: Target, readings: Sequence[TargetReading], chart_id: str) -> Chart:
    """Readings against the straight path from baseline to target; partners' own readings hollow."""
    agreed = [r for r in readings if r.reported_by is None]
    partners = [r for r in readings if r.reported_by is not None]
    unit = f" {target.unit}" if target.unit else ""
    title = f"{target.reference}: {target.title}"
    latest = agreed[-1] if agreed else (readings[-1] if readings else None)
    if latest is not None:
        expected = expected_on_path(target, latest.as_of)
        where = f"; the path expected {expected:.1f}{unit}" if expected is not None else ""
        status = f"Latest reading {latest.value:g}{unit} on {long_date(latest.as_of)}{where}."
    else:
        status = "No readings yet."
    path = (
        f"The path runs from {target.baseline:g}{unit} on {long_date(target.baseline_date)} to "
        f"{target.target_value:g}{unit} by {long_date(target.target_date)}. "
        if target.baseline is not None
        and target.baseline_date
        and target.target_value is not None
        and target.target_date
        else "The target lacks a baseline or an end point, so no path is drawn. "
    )
    description = f"Line chart of {target.measure or target.title}. {path}{status}"

    def draw(canvas: Canvas) -> None:
        when = [d for d in (target.baseline_date, target.target_date) if d] + [r.as_of for r in readings]
        values = [v for v in (target.baseline, target.target_value) if v is not None] + [
            r.value for r in readings
        ]
        if not when or not values:
            return
        first, last = min(when), max(when)
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or 1.0
        plot = Plot(
            canvas,
            0.8,
            bottom_inches=0.45,
            top_inches=0.35,
            low=first.toordinal() - 20,
            high=last.toordinal() + 20,
            bottom=low - pad,
            top=high + pad,
        )
        if (
            target.baseline is not None
            and target.baseline_date
            and target.target_value is not None
            and target.target_date
        ):
            canvas.line(
                plot.x(target.baseline_date.toordinal()),
                plot.y(target.baseline),
                plot.x(target.target_date.toordinal()),
                plot.y(target.target_value),
                MUTED,
                1,
                dashed=True,
            )
        if agreed:
            points = [(plot.x(r.as_of.toordinal()), plot.y(r.value)) for r in agreed]
            if len(points) > 1:
                canvas.polyline(points, "#1d70b8", 1.5)
            for x, y in points:
                canvas.circle(x, y, 4, "#1d70b8")
        for reading in partners:
            canvas.circle(
                plot.x(reading.as_of.toordinal()), plot.y(reading.value), 4, "#ffffff", "#d4351c", 1
            )
        plot.date_scale(first, last)
        for value in (low, high):
            canvas.text(
                plot.left_edge - 0.01 * (plot.right_edge - plot.left_edge),
                plot.y(value),
                f"{value:g}{unit}",
                size=7,
                anchor="end",
            )
        _key(
            canvas,
            [(MUTED, "path to target"), ("#1d70b8", "agreed reading"), ("#d4351c", "a partner's reading")],
            2.05,
            0.8,
        )

    return Chart(chart_id, title, description, (7.2, 2.2), draw)


_LEVEL_CODES = {AttendanceLevel.STRATEGIC: 3, AttendanceLevel.MANAGER: 2, AttendanceLevel.PRACTITIONER: 1}
_LEVEL_COLOURS = ("#ffffff", "#cfe0f2", "#6a9fd4", "#1d4f91")


def attendance_chart(records: MeetingRecords, today: date, chart_id: str = "attendance") -> Chart | None:
    """Agencies × meetings in date order, shaded by the level each agency sent; × marks absence."""
    meetings = sorted(
        (m for m in records.meetings if m.held_on <= today), key=lambda m: (m.held_on, m.reference)
    )
    if not meetings or not records.agencies:
        return None
    agencies = list(records.agencies)
    codes = [[_level_code(meeting.level_of(agency)) for meeting in meetings] for agency in agencies]
    absences = {agency: row.count(0) for agency, row in zip(agencies, codes, strict=True)}
    title = "Attendance by agency over time"
    description = (
        f"Grid of {len(agencies)} agencies by {len(meetings)} meetings from "
        f"{long_date(meetings[0].held_on)} to {long_date(meetings[-1].held_on)}, shaded by the level sent "
        "(dark strategic, mid manager, light practitioner); a cross marks absence. Meetings missed: "
        + "; ".join(f"{agency} {count}" for agency, count in absences.items())
        + "."
    )

    def draw(canvas: Canvas) -> None:
        plot = grid_plot(canvas, len(agencies), len(meetings), 2.0, bottom_inches=0.9, top_inches=0.35)
        plot.cells(
            len(agencies), len(meetings), [_LEVEL_COLOURS[code] for row in codes for code in row], "#b1b4b6"
        )
        for row, row_codes in enumerate(codes):
            for column, code in enumerate(row_codes):
                if code == 0:
                    canvas.cross(plot.x(column), plot.y(row), 5, "#d4351c")
        plot.rows([_wrap(a, 30, 1) for a in agencies])
        plot.columns([f"{m.reference} {long_date(m.held_on)}" for m in meetings], size=6)
        key = [(_LEVEL_COLOURS[code], level.value) for level, code in _LEVEL_CODES.items()]
        _key(canvas, [*key, ("#ffffff", "absent (×)")], 1.25 + 0.3 * len(agencies), 2.0)

    return Chart(chart_id, title, description, (7.2, 1.4 + 0.3 * len(agencies)), draw)


def _level_code(level: AttendanceLevel | None) -> int:
    return 0 if level is None else _LEVEL_CODES[level]


_CERTAINTY_COLOURS = {"recurring": "#1d70b8", "time-limited": "#f47738", "bid": "#d4351c"}
_CONTRACT_COLOURS = {"permanent": "#505a5f", "fixed-term": "#b1b4b6"}


def funding_timeline(records: FundingRecords, today: date, chart_id: str = "funding") -> Chart | None:
    """Funding lines and posts as bars from start to end; open-ended ones run to the edge with an
    arrow; a vertical line marks today."""
    rows: list[tuple[str, date | None, date | None, str]] = [
        (f"{line.reference} {line.source}", line.start, line.end, _CERTAINTY_COLOURS[line.certainty.value])
        for line in records.lines
    ] + [
        (f"{post.reference} {post.title} (post)", None, post.end, _CONTRACT_COLOURS[post.contract.value])
        for post in records.posts
    ]
    if not rows:
        return None
    known = [d for _, start, end, _ in rows for d in (start, end) if d is not None] + [today]
    first, last = min(known), max(known)
    span = max((last - first).days, 365)
    edge = last.toordinal() + span * 0.08
    ending = [label for label, _, end, _ in rows if end is not None]
    title = "Funding lines and posts over time"
    description = (
        f"Timeline of {len(records.lines)} funding lines and {len(records.posts)} posts. "
        + (
            "Those with an end date: "
            + "; ".join(f"{label} ends {long_date(end)}" for label, _, end, _ in rows if end is not None)
            + ". "
            if ending
            else "None has an end date. "
        )
        + f"Today is {long_date(today)}."
    )

    def draw(canvas: Canvas) -> None:
        start = first.toordinal() - span * 0.02
        plot = Plot(
            canvas,
            2.9,
            bottom_inches=0.6,
            top_inches=0.3,
            low=start,
            high=edge + span * 0.03,
            bottom=len(rows) - 0.5,
            top=-0.5,
        )
        for row, (_, begins, ends, colour) in enumerate(rows):
            left = begins.toordinal() if begins else start
            right = ends.toordinal() if ends else edge
            plot.bar(row, left, right - left, 0.55, colour, INK, 0.6)
            if ends is None:
                x, y = plot.x(edge), plot.y(row)
                canvas.polygon([(x - 2, y - 2.5), (x + 2.5, y), (x - 2, y + 2.5)], INK)
        now = plot.x(today.toordinal())
        canvas.line(now, plot.top_edge, now, plot.bottom_edge, "#d4351c", 1)
        canvas.text(now, plot.y(-0.7), "today", size=7, anchor="middle", colour="#d4351c", align="bottom")
        plot.rows([_wrap(label, 46, 1) for label, *_ in rows])
        plot.date_scale(first, last)
        _key(
            canvas, [(c, name) for name, c in {**_CERTAINTY_COLOURS, **_CONTRACT_COLOURS}.items()], 0.12, 2.9
        )

    return Chart(chart_id, title, description, (7.2, 1.0 + 0.26 * len(rows)), draw)
