"""Server-rendered SVG charts of the reports — pure geometry, no Flask. The template
draws them beside a table with the same numbers, so a chart is never the only way to
read them (each chart also carries a text description for screen readers).

- ``bar_chart``: one horizontal bar per row, stacked by series (needs by status per
  department, ratings per manager, obstacles by category…).
- ``heat_map``: rows × columns of cells coloured by a share, each cell a link (the
  training-gap heat map: department × skill, click through to the people).
"""

from dataclasses import dataclass, field

SERIES_CLASSES = 6  # .series-0 … .series-5 in app.css
MAX_BARS = 30


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


def _short(label: str, size: int = 24) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bar_chart(
    rows: list[tuple[str, list[float]]], series: list, title: str, unit: str = ""
) -> BarChart | None:
    """``rows``: (label, value per series). ``series``: names, or (name, CSS class)
    pairs where a colour means something (red: never acted on). None when every
    value is zero."""
    if not rows or not any(v for _, values in rows for v in values):
        return None
    shown = ""
    if len(rows) > MAX_BARS:  # e.g. one bar per manager: the largest; the table has all
        keep = sorted(range(len(rows)), key=lambda i: -sum(rows[i][1]))[:MAX_BARS]
        rows = [rows[i] for i in sorted(keep)]
        shown = f" (the {MAX_BARS} largest; the table has every row)"
        title += shown
    classes = [
        s[1] if isinstance(s, tuple) else f"series-{n % SERIES_CLASSES}"
        for n, s in enumerate(series)
    ]
    series = [s[0] if isinstance(s, tuple) else s for s in series]
    width, left, right, top, row_h, bar_h = 640, 190, 40, 8, 28, 18
    top_value = max(sum(values) for _, values in rows) or 1
    plot_w = width - left - right
    bars = []
    for i, (label, values) in enumerate(rows):
        row = BarRow(_short(label), top + i * row_h, sum(values))
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


@dataclass
class Cell:
    x: float
    y: float
    text: str
    css: str
    said: str
    url: str | None


@dataclass
class HeatMap:
    kind: str
    width: int
    height: int
    columns: list[tuple[float, str]]
    rows: list[tuple[float, str]]
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


def heat_map(
    row_labels: list[str],
    column_labels: list[str],
    cells: dict[tuple[int, int], tuple[str, float | None, str, str | None]],
    title: str,
) -> HeatMap | None:
    """``cells``: (row i, column j) -> (text, share 0–100, spoken text, url)."""
    if not row_labels or not column_labels:
        return None
    left, top, cell_w, cell_h = 170, 110, 62, 34
    width = left + cell_w * len(column_labels) + 100  # room for the slanted labels
    height = top + cell_h * len(row_labels) + 6
    drawn = []
    for (i, j), (text, share, said, url) in sorted(cells.items()):
        drawn.append(
            Cell(
                left + j * cell_w, top + i * cell_h, text, heat_level(share), said, url
            )
        )
    blanks = [
        (left + j * cell_w, top + i * cell_h)
        for i in range(len(row_labels))
        for j in range(len(column_labels))
        if (i, j) not in cells
    ]
    description = f"{title}: " + "; ".join(c.said for c in drawn)
    return HeatMap(
        "heat",
        width,
        height,
        [(left + j * cell_w + cell_w / 2, _short(c, 18)) for j, c in enumerate(column_labels)],
        [(top + i * cell_h + cell_h / 2, _short(r, 22)) for i, r in enumerate(row_labels)],
        drawn,
        cell_w,
        cell_h,
        description,
        blanks,
    )  # fmt: skip
