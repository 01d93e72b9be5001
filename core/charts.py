"""Server-rendered SVG charts, the one module for every page — pure geometry, no Flask.

A template draws each chart beside a table with the same numbers, so a chart is never the
only way to read them, and each carries a text description for screen readers. The
templates' macros (``reports/_macros.html``, ``development/_macros.html``, the review and
goal pages) read the dataclasses below; the domains only pass their numbers in.

- ``Frame``: the plot area inside the margins and its scales (``x_at`` for points,
  ``band`` for vertical bars, ``y_at`` for a value between ``low`` and ``high``).
- ``line_chart``: lines over labelled points (a review's ratings per competency, a goal's
  progress per check-in).
- ``month_chart``: one vertical bar per month (the learning record).
- ``bar_chart``: one horizontal bar per row, stacked by series (the reports).
- ``heat_map``: rows × columns of cells coloured by a share, each cell a link.

Labels are never clipped, at normal spacing or under the WCAG 1.4.12 text-spacing
override: every margin that holds labels is computed from their length
(``core.chart_geometry``), and a label past its cap is cut with the full name kept
beside it (a ``<title>`` and the table).
"""

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from core.chart_geometry import (
    SLANT,
    TICK_GAP,
    AxisLabel,
    Frame,
    axis_label,
    shorten,
    spaced_columns,
    text_room,
    tick_room,
)

SERIES_CLASSES = 6  # .series-0 … .series-5 in app.css
MAX_BARS = 30


def series_class(n: int) -> str:
    """The CSS class of the ``n``-th series (the palette repeats after six)."""
    return f"series-{n % SERIES_CLASSES}"


ORDERED_CLASSES = 5  # .scale-0 … .scale-4 in app.css: one hue, light to dark


def ordered_series(names: Sequence[str]) -> list[tuple[str, str]]:
    """(name, CSS class) pairs for an *ordered* scale (ratings 1..5): one hue from
    light to dark, so the order reads from the colour and no step looks like an alarm
    (a categorical palette once painted "Rated 5" red)."""
    n = len(names)
    steps = [round(i * (ORDERED_CLASSES - 1) / max(1, n - 1)) for i in range(n)]
    return [(name, f"scale-{s}") for name, s in zip(names, steps, strict=True)]


# --- lines ---------------------------------------------------------------------------


@dataclass
class Line:
    name: str
    css: str
    points: list[tuple[float, float, int]]  # x, y, value

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class Chart:
    """A line chart; the grid runs from ``left`` to ``width - right``, the tick
    labels end at ``left - TICK_GAP`` and carry ``unit``."""

    width: int
    height: int
    columns: list[tuple[float, str, str]]  # x, label, text-anchor
    ticks: list[tuple[float, int]]  # y, value
    lines: list[Line]
    description: str
    left: int = 0
    right: int = 0
    unit: str = ""

    @property
    def tick_x(self) -> int:
        return self.left - TICK_GAP


def line_chart(
    frame: Frame,
    labels: Sequence[str],
    series: Iterable[tuple[str, str, Sequence]],
    scale: tuple[float, float],
    ticks: Iterable,
    description: str,
    *,
    shown: Iterable[int] | None = None,
    label: Callable[[str], str] = str,
    unit: str = "",
) -> Chart:
    """Lines over ``labels`` (one x position each). ``series``: (name, CSS class, value
    per label, None for no point); a series without points draws no line. ``scale``:
    (low, high) of the y axis; ``ticks``: the values marked on it; ``shown``: the indexes
    of the labels written under the axis (all by default), through ``label``;
    ``unit``: written after each tick value ("%"). The margins grow to hold the
    longest tick label (``tick_room``) and the edge labels (``spaced_columns``)."""
    n = len(labels)
    low, high = scale
    ticks = list(ticks)
    frame = tick_room(frame, (f"{v}{unit}" for v in ticks))
    texts = [(i, label(labels[i])) for i in (range(n) if shown is None else shown)]
    frame, columns = spaced_columns(frame, n, texts)
    lines = []
    for name, css, values in series:
        plotted = [
            (frame.x_at(i, n), frame.y_at(v, low, high), v)
            for i, v in enumerate(values)
            if v is not None
        ]
        if plotted:
            lines.append(Line(name, css, plotted))
    return Chart(
        frame.width,
        frame.height,
        columns,
        [(frame.y_at(v, low, high), v) for v in ticks],
        lines,
        description,
        frame.left,
        frame.right,
        unit,
    )


# --- vertical bars per month ---------------------------------------------------------

MONTHS = Frame(420, 160, 24, 8, 10, 28)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    activities: int
    css: str


@dataclass
class MonthChart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, int]]
    description: str
    left: int = MONTHS.left  # the grid's start; tick labels end TICK_GAP before it

    @property
    def tick_x(self) -> int:
        return self.left - TICK_GAP


def month_chart(points, title: str, small: bool = False) -> MonthChart | None:
    """One bar per month: ``points`` have ``month`` (a date), ``label`` and
    ``activities`` (the count drawn); ``small`` labels every third month only."""
    if not points:
        return None
    top = max((p.activities for p in points), default=0) or 1
    frame = tick_room(MONTHS, [str(top)])
    bars = []
    for i, p in enumerate(points):
        h = frame.plot_h * p.activities / top
        x, width = frame.band(i, len(points))
        label = p.month.strftime("%b") if not small or i % 3 == 0 else ""
        css = "bar-on" if p.activities else "bar-off"
        y = frame.top + frame.plot_h - h
        bars.append(Bar(x, y, width, h, label, p.activities, css))
    ticks = [(frame.y_at(v, 0, top), v) for v in sorted({0, top})]
    description = ", ".join(f"{p.label}: {p.activities}" for p in points)
    return MonthChart(
        frame.width, frame.height, bars, ticks, f"{title}: {description}", frame.left
    )


# --- horizontal stacked bars ---------------------------------------------------------


@dataclass
class Segment:
    x: float
    width: float
    css: str
    name: str
    value: float


@dataclass
class BarRow:
    label: str
    y: float
    total: float
    segments: list[Segment] = field(default_factory=list)
    title: str = ""  # the full label when ``label`` is cut


@dataclass
class BarChart:
    kind: str
    width: int
    height: int
    left: int
    bar_height: int
    rows: list[BarRow]
    legend: list[tuple[str, str]]
    ticks: list[tuple[float, str]]
    description: str


def bar_chart(
    rows: list[tuple[str, list[float]]], series: list, title: str, unit: str = ""
) -> BarChart | None:
    """``rows``: (label, value per series). ``series``: names, or (name, CSS class)
    pairs where a colour means something (red: never acted on). None when every
    value is zero."""
    if not rows or not any(v for _, values in rows for v in values):
        return None
    if len(rows) > MAX_BARS:  # e.g. one bar per manager: the largest; the table has all
        keep = sorted(range(len(rows)), key=lambda i: -sum(rows[i][1]))[:MAX_BARS]
        rows = [rows[i] for i in sorted(keep)]
        title += f" (the {MAX_BARS} largest; the table has every row)"
    classes = [
        s[1] if isinstance(s, tuple) else series_class(n) for n, s in enumerate(series)
    ]
    series = [s[0] if isinstance(s, tuple) else s for s in series]
    width, right, top, row_h, bar_h = 640, 40, 8, 28, 18
    # Room for the longest label, right-aligned 8 px before the bars (13 px type).
    left = max(80, math.ceil(max(text_room(shorten(r[0]), 13) for r in rows) + 16))
    top_value = max(sum(values) for _, values in rows) or 1
    plot_w = width - left - right
    bars = []
    for i, (label, values) in enumerate(rows):
        row = BarRow(shorten(label), top + i * row_h, sum(values))
        row.title = label if row.label != label else ""
        x = float(left)
        for n, (name, value) in enumerate(zip(series, values, strict=True)):
            w = plot_w * value / top_value
            if value:
                row.segments.append(Segment(x, w, classes[n], name, value))
            x += w
        bars.append(row)
    height = top + len(rows) * row_h + 24
    marks = sorted({0, int(top_value // 2), top_value})  # whole numbers
    ticks = [(left + plot_w * m / top_value, _num(m)) for m in marks]
    description = f"{title}: " + "; ".join(
        f"{label}: "
        + ", ".join(
            f"{name} {_num(v)}{unit}" for name, v in zip(series, values, strict=True)
        )
        for label, values in rows
    )
    legend = list(zip(series, classes, strict=True))
    return BarChart(
        "bars", width, height, left, bar_h, bars, legend, ticks, description
    )


def _num(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- heat map ------------------------------------------------------------------------


@dataclass
class Cell:
    x: float
    y: float
    text: str
    css: str
    said: str
    url: str | None
    is_selected: bool = False  # the cell whose people are listed below the map


@dataclass
class HeatMap:
    kind: str
    width: int
    height: int
    columns: list[AxisLabel]  # slanted by 45°, anchored above each column
    rows: list[AxisLabel]  # right-aligned at ``x``, left of the cells
    cells: list[Cell]
    cell_w: int
    cell_h: int
    description: str
    blanks: list[tuple[float, float]] = field(default_factory=list)


def heat_level(share: float | None) -> str:
    if share is None:
        return "heat-none"
    if share == 0:
        return "heat-0"
    return "heat-1" if share < 34 else "heat-2" if share < 67 else "heat-3"


HEAT_FONT = 13  # px, .report-heat in reports.css
HEAT_LABEL_MAX = 32  # characters; a longer name is cut, the full one in its <title>
PAD = 8


def heat_room(
    row_labels: Sequence[str], column_labels: Sequence[str], cell_w: int
) -> tuple[int, int, int]:
    """(left, top, right) margins of a heat map: ``left`` holds the longest row label,
    ``top`` the longest column label slanted by 45°, ``right`` the part of the last
    columns' labels that slants past the cells."""
    font = HEAT_FONT
    rows = [text_room(shorten(r, HEAT_LABEL_MAX), font) for r in row_labels]
    cols = [text_room(shorten(c, HEAT_LABEL_MAX), font) for c in column_labels]
    left = round(max(rows, default=0) + 2 * PAD)
    # A slanted label rises by its width and its glyphs' height, times sin 45°.
    top = round(PAD + (max(cols, default=0) + font) * SLANT + PAD)
    n = len(cols)
    # Column j's label starts half a cell in (plus 4 px) and reaches its width × cos
    # 45° further right; ``right`` is how far the furthest one passes the last cell.
    reach = max(
        (j + 0.5) * cell_w + 4 + (w + font / 3) * SLANT for j, w in enumerate(cols)
    )
    right = round(max(PAD, reach - n * cell_w + PAD))
    return left, top, right


def heat_map(
    row_labels: list[str],
    column_labels: list[str],
    cells: dict[tuple[int, int], tuple[str, float | None, str, str | None]],
    title: str,
    selected: tuple[int, int] | None = None,
) -> HeatMap | None:
    """``cells``: (row i, column j) -> (text, share 0–100, spoken text, url);
    ``selected``: the (row, column) of the clicked cell, drawn highlighted. The
    margins grow with the longest labels (``heat_room``)."""
    if not row_labels or not column_labels:
        return None
    cell_w, cell_h = 62, 34
    left, top, right = heat_room(row_labels, column_labels, cell_w)
    width = left + cell_w * len(column_labels) + right
    height = top + cell_h * len(row_labels) + 6
    drawn = [
        Cell(
            left + j * cell_w,
            top + i * cell_h,
            text,
            heat_level(share),
            said,
            url,
            (i, j) == selected,
        )
        for (i, j), (text, share, said, url) in sorted(cells.items())
    ]
    blanks: list[tuple[float, float]] = [
        (left + j * cell_w, top + i * cell_h)
        for i in range(len(row_labels))
        for j in range(len(column_labels))
        if (i, j) not in cells
    ]
    columns = [
        axis_label(left + j * cell_w + cell_w / 2 + 4, top - 6, c, HEAT_LABEL_MAX)
        for j, c in enumerate(column_labels)
    ]
    rows = [
        axis_label(left - PAD, top + i * cell_h + cell_h / 2 + 5, r, HEAT_LABEL_MAX)
        for i, r in enumerate(row_labels)
    ]
    description = f"{title}: " + "; ".join(c.said for c in drawn)
    return HeatMap(
        "heat", width, height, columns, rows, drawn, cell_w, cell_h, description, blanks
    )
