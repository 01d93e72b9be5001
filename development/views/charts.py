"""A server-rendered monthly bar chart of the learning record (its table twin is drawn
beside it by the template, so the chart is never the only way to read the numbers)."""

from dataclasses import dataclass

WIDTH, HEIGHT = 420, 160
LEFT, RIGHT, TOP, BOTTOM = 24, 8, 10, 28


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


def month_chart(record, small: bool = False) -> MonthChart | None:
    """Bars of learning activities per month (``LearningRecord.months``)."""
    if record is None or not record.months:
        return None
    points = record.months
    top = max((p.activities for p in points), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(points)
    bars = []
    for i, p in enumerate(points):
        h = plot_h * p.activities / top
        label = p.month.strftime("%b") if not small or i % 3 == 0 else ""
        bars.append(
            Bar(LEFT + i * step + step * 0.15, TOP + plot_h - h, step * 0.7, h,
                label, p.activities, "bar-on" if p.activities else "bar-off")
        )  # fmt: skip
    ticks = [(TOP + plot_h - plot_h * v / top, v) for v in sorted({0, top})]
    description = ", ".join(f"{p.label}: {p.activities}" for p in points)
    return MonthChart(WIDTH, HEIGHT, bars, ticks, "Learning activities per month: "
                      + description)  # fmt: skip
