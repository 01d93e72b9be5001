"""A small server-rendered line chart: the manager's rating per competency over time.

Pure geometry (no Flask): the template draws an SVG from ``rating_chart`` and a table
with the same numbers beside it, so the chart is never the only way to read them.
"""

from dataclasses import dataclass

WIDTH, HEIGHT = 420, 220
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 14, 34
SERIES_CLASSES = 6  # .series-0 … .series-5 in app.css


@dataclass
class Line:
    name: str
    css: str
    points: list[tuple[float, float, int]]  # x, y, rating

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class Chart:
    width: int
    height: int
    columns: list[tuple[float, str, str]]  # x, label, text-anchor
    ticks: list[tuple[float, int]]  # y, rating
    lines: list[Line]
    description: str


def short(label: str) -> str:
    """An axis label that fits under its point ("Ad hoc 2026-05-31" → "2026-05")."""
    if label.startswith("Ad hoc "):
        return label.removeprefix("Ad hoc ")[:7]
    return label if len(label) <= 10 else label[:9] + "…"


def _anchor(i: int, n: int) -> str:
    """Edge labels grow inwards so they are never cut off."""
    if n > 1 and i == 0:
        return "start"
    if n > 1 and i == n - 1:
        return "end"
    return "middle"


def rating_chart(series: dict, scale_max: int) -> Chart | None:
    """``series``: name -> [(label, rating or None)], oldest first (``History.series``)."""
    labels = [label for label, _ in next(iter(series.values()), [])]
    if not labels or not any(r for points in series.values() for _, r in points):
        return None
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(1, len(labels) - 1)

    def x(i: int) -> float:
        return LEFT + (i * step if len(labels) > 1 else plot_w / 2)

    def y(rating: int) -> float:
        return TOP + plot_h - (rating - 1) * plot_h / max(1, scale_max - 1)

    lines = []
    for n, (name, points) in enumerate(series.items()):
        plotted = [(x(i), y(r), r) for i, (_, r) in enumerate(points) if r]
        if plotted:
            lines.append(Line(name, f"series-{n % SERIES_CLASSES}", plotted))
    description = "; ".join(
        f"{name}: " + ", ".join(f"{label} {r if r else 'none'}" for label, r in points)
        for name, points in series.items()
    )
    return Chart(
        WIDTH,
        HEIGHT,
        [
            (x(i), short(label), _anchor(i, len(labels)))
            for i, label in enumerate(labels)
        ],
        [(y(r), r) for r in range(1, scale_max + 1)],
        lines,
        description,
    )
