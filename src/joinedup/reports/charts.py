"""The report's charts: matplotlib drawings, each with a title and a text description for screen
readers (the data itself sits in a table beside every chart).

A chart is drawn when first asked for, in the form its reader needs: inline SVG for the browser,
a PNG for print (WeasyPrint places a picture many times faster than it lays out the thousands of
shapes and glyphs of an SVG, and the matplotlib drawing is the same). A report therefore draws
each chart once, and only in the form it uses.

Output is deterministic: ids come from the chart's own id rather than random salts, SVG text
stays text (`svg.fonttype = none`), and no date, creator or software is written into either
form, so the same data always gives the same bytes. Figures are made without pyplot (no global
state, safe in a web worker), bars are drawn as one collection and ticks are fixed, which keeps
a whole report's charts fast. Text is never read as markup (`text.parse_math` is off): names
come from users, and a `$` in a task or agency name is a dollar sign, not mathematics.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import matplotlib
import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PolyCollection
from matplotlib.colors import Normalize, to_hex
from matplotlib.dates import date2num
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.typing import RcKeyType
from PIL import Image

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

STYLE: dict[RcKeyType, Any] = {
    "text.parse_math": False,
    "text.usetex": False,
    "svg.fonttype": "none",
    "font.family": ["Liberation Sans", "DejaVu Sans"],
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9,
    "legend.frameon": False,
    "legend.fontsize": 7,
}
_NO_METADATA = {"Creator": None, "Date": None, "Format": None, "Type": None}
BAND_COLOURS = {"concern": "#f9dcd6", "borderline": "#fdf1cf", "strength": "#dbeedd"}
ANSWER_COLOURS = ("#b2182b", "#ef8a62", "#d9d9d9", "#67a9cf", "#2166ac")
DONT_KNOW_COLOUR = "#8c8c8c"
INK = "#0b0c0c"
MUTED = "#505a5f"
SUPPRESSED_FILL = "#eeeeee"
_ROW_INCHES = 0.24
_LABEL_WIDTH = 44
PRINT_DPI = 150
_PNG_COMPRESSION = 1

matplotlib.use("Agg")


@dataclass(frozen=True)
class Chart:
    """A chart ready to show; `description` says in words what it shows, `size` is in inches.

    `draw` puts the chart on an empty figure; `svg` and `png` call it on first use only.
    """

    id: str
    title: str
    description: str
    size: tuple[float, float]
    draw: Callable[[Figure], None] = field(repr=False, compare=False)

    @property
    def alt(self) -> str:
        """The text that stands for the picture: its title, then what it shows."""
        return f"{self.title}. {self.description}"

    @cached_property
    def svg(self) -> str:
        """Inline SVG labelled by its own `<title>` and `<desc>`."""
        settings = dict(STYLE)
        settings["svg.hashsalt"] = self.id
        with matplotlib.rc_context(settings):
            figure = Figure(figsize=self.size)
            self.draw(figure)
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata=_NO_METADATA)
        return _accessible(buffer.getvalue(), self.id, self.title, self.description)

    @cached_property
    def png(self) -> bytes:
        """The chart as an opaque RGB PNG at `PRINT_DPI` with no text chunks, for print.

        Opaque because a PDF keeps transparency as a second image (a soft mask) that WeasyPrint
        would have to split off and compress; the white background is the page's anyway. Light
        compression, since WeasyPrint compresses the pixels again for the PDF.
        """
        with matplotlib.rc_context(STYLE):
            figure = Figure(figsize=self.size, dpi=PRINT_DPI, facecolor="white")
            self.draw(figure)
            canvas = FigureCanvasAgg(figure)
            canvas.draw()
            pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
        buffer = io.BytesIO()
        pixels.convert("RGB").save(buffer, format="PNG", compress_level=_PNG_COMPRESSION)
        return buffer.getvalue()


def _accessible(svg: str, chart_id: str, title: str, description: str) -> str:
    """Inline-ready SVG: no XML prolog, ids prefixed so several charts can share a page, and a
    `<title>`/`<desc>` pair the image is labelled by."""
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = svg.replace("url(#", f"url(#{chart_id}-").replace('href="#', f'href="#{chart_id}-')
    opening_end = svg.index(">") + 1
    opening = svg[: opening_end - 1].rstrip("/")
    labelled = (
        f'{opening} id="{chart_id}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{html.escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{html.escape(description)}</desc>'
    )
    return labelled + svg[opening_end:]


def _axes(
    figure: Figure,
    left_inches: float,
    bottom_inches: float = 0.45,
    top_inches: float = 0.15,
    right_inches: float = 0.2,
) -> Axes:
    """A plotting area with margins in inches and no matplotlib axis machinery: the scales,
    labels and keys are drawn by the helpers below, which is several times faster than ticks."""
    width, height = figure.get_size_inches()
    axes = figure.add_axes(
        (
            left_inches / width,
            bottom_inches / height,
            1 - (left_inches + right_inches) / width,
            1 - (bottom_inches + top_inches) / height,
        )
    )
    axes.set_axis_off()
    return axes


def _wrap(text: str, width: int = _LABEL_WIDTH, lines: int = 2) -> str:
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :])
        wrapped = [*wrapped[: lines - 1], textwrap.shorten(rest, width, placeholder="…")]
    return "\n".join(wrapped)


def _rows(axes: Axes, labels: Sequence[str], size: float = 8) -> None:
    """Rows top to bottom in the order given, labelled on the left."""
    axes.set_ylim(len(labels) - 0.5, -0.5)
    transform = axes.get_yaxis_transform()
    for row, label in enumerate(labels):
        axes.text(-0.01, row, label, transform=transform, ha="right", va="center", fontsize=size)


def _columns(axes: Axes, labels: Sequence[str], size: float = 7) -> None:
    """Columns left to right, labelled underneath at a slant."""
    axes.set_xlim(-0.5, len(labels) - 0.5)
    transform = axes.get_xaxis_transform()
    for column, label in enumerate(labels):
        axes.text(
            column,
            -0.02,
            label,
            transform=transform,
            ha="right",
            va="top",
            rotation=35,
            rotation_mode="anchor",
            fontsize=size,
        )


def _scale(axes: Axes, ticks: Sequence[float], labels: Sequence[str], title: str = "") -> None:
    """An x scale: a baseline, tick marks and their labels, and an optional title below."""
    transform = axes.get_xaxis_transform()
    low, high = axes.get_xlim()
    axes.plot([low, high], [0, 0], color=MUTED, linewidth=0.8, transform=transform, clip_on=False)
    axes.add_collection(
        LineCollection(
            [[(tick, 0), (tick, -0.025)] for tick in ticks],
            colors=MUTED,
            linewidths=0.8,
            transform=transform,
            clip_on=False,
        )
    )
    for tick, label in zip(ticks, labels, strict=True):
        axes.text(tick, -0.04, label, transform=transform, ha="center", va="top", fontsize=7)
    if title:
        axes.text(
            (low + high) / 2,
            -0.04,
            "\n" + title,
            transform=transform,
            ha="center",
            va="top",
            fontsize=8,
            linespacing=1.8,
        )


def _key(figure: Figure, entries: Sequence[tuple[str, str]], y_inches: float, left_inches: float) -> None:
    """A one-line colour key at a height from the bottom of the figure."""
    width, height = figure.get_size_inches()
    x = left_inches / width
    y = y_inches / height
    for colour, label in entries:
        figure.patches.append(
            Rectangle(
                (x, y - 0.045 / height),
                0.1 / width,
                0.1 / height,
                transform=figure.transFigure,
                facecolor=colour,
                edgecolor=MUTED,
                linewidth=0.4,
            )
        )
        figure.text(x + 0.14 / width, y, label, va="center", fontsize=7)
        x += (0.3 + 0.055 * len(label)) / width


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


def _date_scale(axes: Axes, first: date, last: date) -> None:
    ticks = _date_ticks(first, last) or [first, last]
    _scale(axes, [float(date2num(tick)) for tick in ticks], [tick.strftime("%b %Y") for tick in ticks])


def _cells(axes: Axes, rows: int, columns: int, colours: Sequence[str], edge: str = "white") -> None:
    """A grid of coloured cells, row by row (faster and crisper in print than an image)."""
    grid_rows, grid_columns = np.divmod(np.arange(rows * columns), columns)
    axes.add_collection(
        PolyCollection(
            _rectangles(grid_columns - 0.5, np.ones(rows * columns), grid_rows.astype(float), 1.0),
            facecolors=list(colours),
            edgecolors=edge,
            linewidths=0.8,
        )
    )
    axes.set_xlim(-0.5, columns - 0.5)
    axes.set_ylim(rows - 0.5, -0.5)


def _rectangles(lefts: np.ndarray, widths: np.ndarray, rows: np.ndarray, height: float) -> list[np.ndarray]:
    bottom, top = rows - height / 2, rows + height / 2
    corners = np.stack(
        [
            np.stack([lefts, bottom], axis=-1),
            np.stack([lefts + widths, bottom], axis=-1),
            np.stack([lefts + widths, top], axis=-1),
            np.stack([lefts, top], axis=-1),
        ],
        axis=1,
    )
    return list(corners)


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

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 2.9, bottom_inches=0.6, top_inches=0.3)
        axes.set_xlim(1, 5)
        axes.set_ylim(len(factors) - 0.5, -0.5)
        for band, (low, high) in {"concern": (1, 3), "borderline": (3, 4), "strength": (4, 5)}.items():
            axes.axvspan(low, high, color=BAND_COLOURS[band], zorder=0, linewidth=0)
            axes.text((low + high) / 2, -0.7, band, ha="center", va="bottom", color=MUTED, fontsize=7)
        rows = np.arange(len(factors))
        spans = [
            [(f.ci[0], float(row)), (f.ci[1], float(row))]
            for row, f in zip(rows, factors, strict=True)
            if f.ci is not None
        ]
        axes.add_collection(LineCollection(spans, colors=INK, linewidths=1.2))
        means = np.array([np.nan if f.mean is None else f.mean for f in factors])
        axes.plot(means, rows, "o", color=INK, markersize=4.5, linestyle="none")
        for row, factor in zip(rows, factors, strict=True):
            if factor.suppressed:
                axes.text(
                    1.05, float(row), "suppressed", va="center", color=MUTED, fontsize=7, style="italic"
                )
        axes.set_xlim(1, 5)
        _rows(axes, [_wrap(names[f.id], 48, 1) for f in factors])
        _scale(
            axes,
            [1, 2, 3, 4, 5],
            ["1", "2", "3", "4", "5"],
            "Mean score (1 strongly disagree to 5 strongly agree)",
        )

    return Chart(chart_id, title, description, (7.2, 0.9 + _ROW_INCHES * len(factors)), draw)


def group_heatmap(
    result: RoundResult, names: dict[str, str], kind: str = "agency", chart_id: str = "agency-heatmap"
) -> Chart:
    """Factors × groups, coloured by mean; suppressed cells hatched and labelled, never blank."""
    groups: list[str] = []
    for factor in result.factors:
        groups += [name for name in factor.groups.get(kind, {}) if name not in groups]
    means = np.full((len(result.factors), len(groups)), np.nan)
    hidden: list[tuple[int, int]] = []
    for row, factor in enumerate(result.factors):
        for column, group in enumerate(groups):
            entry = factor.groups.get(kind, {}).get(group)
            if isinstance(entry, GroupFigure):
                means[row, column] = entry.mean
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

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 2.9, bottom_inches=1.35, right_inches=0.3)
        colour_of = colormaps["RdBu"]
        scale = Normalize(vmin=1, vmax=5)
        colours = [
            SUPPRESSED_FILL if np.isnan(mean) else to_hex(colour_of(scale(mean))) for mean in means.ravel()
        ]
        _cells(axes, len(result.factors), len(groups), colours)
        if hidden:
            cells = _rectangles(
                np.array([c - 0.5 for _, c in hidden], dtype=float),
                np.ones(len(hidden)),
                np.array([r for r, _ in hidden], dtype=float),
                1.0,
            )
            axes.add_collection(
                PolyCollection(cells, facecolors="none", edgecolors="#8c8c8c", hatch="///", linewidths=0.4)
            )
            for row, column in hidden:
                axes.text(column, row, "suppressed", ha="center", va="center", fontsize=6, color=INK)
        _rows(axes, [_wrap(names[f.id], 48, 1) for f in result.factors])
        _columns(axes, [_wrap(g, 22, 1) for g in shown])
        key = [(to_hex(colour_of(scale(value))), f"{value}") for value in (1, 2, 3, 4, 5)]
        _key(figure, [*key, (SUPPRESSED_FILL, "suppressed (hatched)")], 0.15, 2.9)

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
    counts = np.array(
        [
            [item.distribution.get(str(level), 0) for level in range(1, 6)]
            for item in items
            if item.distribution
        ],
        dtype=float,
    )
    dont_know = np.array(
        [item.distribution.get("dont_know", 0) for item in items if item.distribution], float
    )
    answered = counts.sum(axis=1) + dont_know
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.nan_to_num(counts / answered[:, None] * 100)
        dont_know_share = np.nan_to_num(dont_know / answered * 100)
    agree = shares[:, 3:].sum(axis=1)
    disagree = shares[:, :2].sum(axis=1)
    chart_id = f"items-{factor.id}"
    title = f"Answers to the statements on {factor_name}"
    description = f"Diverging stacked bars for {len(items)} statements. " + " ".join(
        f"{item.id}: {agree[i]:.0f}% agree, {disagree[i]:.0f}% disagree, "
        f"{dont_know_share[i]:.0f}% don't know."
        for i, item in enumerate(items)
    )

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 3.1, bottom_inches=0.42, top_inches=0.05)
        rows = np.arange(len(items), dtype=float)
        lefts = -(shares[:, 0] + shares[:, 1] + shares[:, 2] / 2)
        polygons: list[np.ndarray] = []
        colours: list[str] = []
        for level in range(5):
            polygons += _rectangles(lefts, shares[:, level], rows, 0.62)
            colours += [ANSWER_COLOURS[level]] * len(items)
            lefts = lefts + shares[:, level]
        polygons += _rectangles(np.full(len(items), 106.0), dont_know_share, rows, 0.62)
        colours += [DONT_KNOW_COLOUR] * len(items)
        axes.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors=MUTED, linewidths=0.5))
        axes.plot([0, 0], [-0.5, len(items) - 0.5], color=INK, linewidth=0.8)
        axes.set_xlim(-100, 106 + max(20.0, float(dont_know_share.max()) + 4))
        labels = [
            _wrap(texts.get(item.id, item.id) + (" (reverse-worded)" if item.reverse else ""), 50, 3)
            for item in items
        ]
        _rows(axes, labels, size=7)
        # "don't know" goes a line lower, since its column starts too close to 100% to share one
        _scale(axes, [-100, -50, 0, 50, 100, 106], ["100%", "50%", "0", "50%", "100%", "\ndon't know"])

    return Chart(chart_id, title, description, (7.2, 0.4 + 0.45 * len(items)), draw)


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

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 2.9, bottom_inches=0.85, top_inches=0.1)
        axes.set_xlim(1, 5)
        means = np.full((len(latest.factors), len(rounds)), np.nan)
        for column, entry in enumerate(rounds):
            by_id = {f.id: f for f in entry.factors}
            for row, factor in enumerate(latest.factors):
                earlier = by_id.get(factor.id)
                if earlier is not None and earlier.mean is not None and not earlier.suppressed:
                    means[row, column] = earlier.mean
        rows = np.arange(len(latest.factors), dtype=float)
        paths = [
            list(
                zip(
                    means[row][~np.isnan(means[row])],
                    np.full(int((~np.isnan(means[row])).sum()), row),
                    strict=True,
                )
            )
            for row in range(len(rows))
        ]
        axes.add_collection(LineCollection([p for p in paths if len(p) > 1], colors="#6f777b", linewidths=1))
        key = []
        for column, label in enumerate(labels):
            colour = palette[-1] if column == len(labels) - 1 else palette[min(column, len(palette) - 2)]
            size = 5.5 if column == len(labels) - 1 else 3.5
            axes.plot(
                means[:, column],
                rows,
                "o",
                color=colour,
                markeredgecolor=INK,
                markeredgewidth=0.5,
                markersize=size,
                linestyle="none",
            )
            key.append((colour, label))
        _rows(axes, [_wrap(names[f.id], 48, 1) for f in latest.factors])
        _scale(axes, [1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], "Mean score")
        _key(figure, key, 0.12, 2.9)

    return Chart(chart_id, title, description, (7.2, 1.0 + _ROW_INCHES * len(latest.factors)), draw)


# --- structure ------------------------------------------------------------------------------

_RACI_CODES = {RaciRole.ACCOUNTABLE: 4, RaciRole.RESPONSIBLE: 3, RaciRole.CONSULTED: 2, RaciRole.INFORMED: 1}
_RACI_COLOURS = ("#ffffff", "#e8f1fb", "#b8d3f0", "#4f86c6", "#1d4f91")


def raci_heatmap(matrix: RaciMatrix, gaps: dict[str, list[str]], chart_id: str = "raci") -> Chart:
    """The responsibility matrix as a grid; tasks with a gap are outlined in red and labelled."""
    tasks, agencies = list(matrix.tasks), list(matrix.agencies)
    codes = np.zeros((len(tasks), len(agencies)))
    letters: list[tuple[int, int, str]] = []
    for row, task in enumerate(tasks):
        roles = matrix.roles_of(task.name)
        for column, agency in enumerate(agencies):
            held = roles.get(agency, frozenset())
            if held:
                codes[row, column] = max(_RACI_CODES[role] for role in held)
                order = (RaciRole.ACCOUNTABLE, RaciRole.RESPONSIBLE, RaciRole.CONSULTED, RaciRole.INFORMED)
                letters.append((row, column, "/".join(r.value for r in order if r in held)))
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

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 2.9, bottom_inches=1.0, right_inches=1.6)
        _cells(
            axes, len(tasks), len(agencies), [_RACI_COLOURS[int(code)] for code in codes.ravel()], "#b1b4b6"
        )
        for row, column, text in letters:
            axes.text(
                column,
                row,
                text,
                ha="center",
                va="center",
                color="white" if codes[row, column] == _RACI_CODES[RaciRole.ACCOUNTABLE] else INK,
            )
        for row in gap_rows:
            axes.add_patch(
                Rectangle((-0.5, row - 0.5), len(agencies), 1, fill=False, edgecolor="#d4351c", linewidth=2)
            )
            axes.text(
                len(agencies) - 0.35,
                row,
                _wrap("gap: " + ", ".join(gaps[tasks[row].name]), 26),
                va="center",
                color="#d4351c",
                fontsize=7,
                clip_on=False,
            )
        _rows(axes, [_wrap(task.name, 46) for task in tasks])
        _columns(axes, [_wrap(a, 22, 1) for a in agencies])

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

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 0.8, bottom_inches=0.45, top_inches=0.35)
        when = [d for d in (target.baseline_date, target.target_date) if d] + [r.as_of for r in readings]
        values = [v for v in (target.baseline, target.target_value) if v is not None] + [
            r.value for r in readings
        ]
        if not when or not values:
            return
        first, last = min(when), max(when)
        axes.set_xlim(float(date2num(first)) - 20, float(date2num(last)) + 20)
        low, high = min(values), max(values)
        pad = (high - low) * 0.1 or 1.0
        axes.set_ylim(low - pad, high + pad)
        if (
            target.baseline is not None
            and target.baseline_date
            and target.target_value is not None
            and target.target_date
        ):
            axes.plot(
                date2num([target.baseline_date, target.target_date]),
                [target.baseline, target.target_value],
                linestyle="--",
                color=MUTED,
                linewidth=1,
                label="path to target",
            )
        if agreed:
            axes.plot(
                date2num([r.as_of for r in agreed]),
                [r.value for r in agreed],
                "o-",
                color="#1d70b8",
                markersize=4,
                label="agreed reading",
            )
        if partners:
            axes.plot(
                date2num([r.as_of for r in partners]),
                [r.value for r in partners],
                "o",
                markersize=4,
                markerfacecolor="white",
                color="#d4351c",
                linestyle="none",
                label="a partner's reading",
            )
        _date_scale(axes, first, last)
        transform = axes.get_yaxis_transform()
        for value in (low, high):
            axes.text(
                -0.01, value, f"{value:g}{unit}", transform=transform, ha="right", va="center", fontsize=7
            )
        _key(
            figure,
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
    codes = np.zeros((len(agencies), len(meetings)))
    for column, meeting in enumerate(meetings):
        for row, agency in enumerate(agencies):
            level = meeting.level_of(agency)
            codes[row, column] = 0 if level is None else _LEVEL_CODES[level]
    absences = {agency: int((codes[row] == 0).sum()) for row, agency in enumerate(agencies)}
    title = "Attendance by agency over time"
    description = (
        f"Grid of {len(agencies)} agencies by {len(meetings)} meetings from "
        f"{long_date(meetings[0].held_on)} to {long_date(meetings[-1].held_on)}, shaded by the level sent "
        "(dark strategic, mid manager, light practitioner); a cross marks absence. Meetings missed: "
        + "; ".join(f"{agency} {count}" for agency, count in absences.items())
        + "."
    )

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 2.0, bottom_inches=0.9, top_inches=0.35)
        _cells(
            axes,
            len(agencies),
            len(meetings),
            [_LEVEL_COLOURS[int(code)] for code in codes.ravel()],
            "#b1b4b6",
        )
        absent_rows, absent_columns = np.nonzero(codes == 0)
        axes.plot(absent_columns, absent_rows, "x", color="#d4351c", markersize=5, linestyle="none")
        _rows(axes, [_wrap(a, 30, 1) for a in agencies])
        _columns(axes, [f"{m.reference} {long_date(m.held_on)}" for m in meetings], size=6)
        key = [(_LEVEL_COLOURS[code], level.value) for level, code in _LEVEL_CODES.items()]
        _key(figure, [*key, ("#ffffff", "absent (×)")], 1.25 + 0.3 * len(agencies), 2.0)

    return Chart(chart_id, title, description, (7.2, 1.4 + 0.3 * len(agencies)), draw)


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
    edge = date2num(last) + span * 0.08
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

    def draw(figure: Figure) -> None:
        axes = _axes(figure, 2.9, bottom_inches=0.6, top_inches=0.3)
        start = date2num(first) - span * 0.02
        lefts = np.array([date2num(s) if s else start for _, s, _, _ in rows])
        rights = np.array([date2num(e) if e else edge for _, _, e, _ in rows])
        positions = np.arange(len(rows), dtype=float)
        axes.add_collection(
            PolyCollection(
                _rectangles(lefts, rights - lefts, positions, 0.55),
                facecolors=[colour for *_, colour in rows],
                edgecolors=INK,
                linewidths=0.6,
            )
        )
        open_ended = [row for row, (_, _, end, _) in enumerate(rows) if end is None]
        axes.plot(np.full(len(open_ended), edge), open_ended, ">", color=INK, markersize=4, linestyle="none")
        axes.axvline(date2num(today), color="#d4351c", linewidth=1)
        axes.text(date2num(today), -0.7, "today", color="#d4351c", ha="center", va="bottom", fontsize=7)
        axes.set_xlim(start, edge + span * 0.03)
        _rows(axes, [_wrap(label, 46, 1) for label, *_ in rows])
        _date_scale(axes, first, last)
        _key(
            figure, [(c, name) for name, c in {**_CERTAINTY_COLOURS, **_CONTRACT_COLOURS}.items()], 0.12, 2.9
        )

    return Chart(chart_id, title, description, (7.2, 1.0 + 0.26 * len(rows)), draw)
