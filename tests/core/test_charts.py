"""The one chart module: the scales every chart draws with, and each builder's edge
cases (the pages' tests check the drawn SVG)."""

from dataclasses import dataclass
from datetime import date

from core.charts import (
    Frame,
    bar_chart,
    edge_anchor,
    heat_map,
    line_chart,
    month_chart,
    series_class,
    shorten,
)

FRAME = Frame(420, 220, 28, 12, 14, 34)  # plot area 380 × 172


def test_the_scales_map_into_the_plot_area():
    assert (FRAME.plot_w, FRAME.plot_h) == (380, 172)
    assert FRAME.x_at(0, 3) == 28 and FRAME.x_at(2, 3) == 408
    assert FRAME.x_at(0, 1) == 28 + 190  # one point: the middle
    assert FRAME.y_at(1, 1, 5) == 14 + 172 and FRAME.y_at(5, 1, 5) == 14
    x, width = FRAME.band(1, 4)
    assert (x, width) == (28 + 95 + 95 * 0.15, 95 * 0.7)


def test_labels_and_classes():
    assert shorten("a" * 30, 10) == "a" * 9 + "…" and shorten("short") == "short"
    assert [edge_anchor(i, 3) for i in range(3)] == ["start", "middle", "end"]
    assert edge_anchor(0, 1) == "middle"
    assert series_class(7) == "series-1"


def test_a_series_without_points_draws_no_line():
    chart = line_chart(
        FRAME,
        ["A", "B"],
        [("none", "series-0", [None, None]), ("some", "series-1", [None, 3])],
        (1, 5),
        range(1, 6),
        "d",
    )
    assert [line.name for line in chart.lines] == ["some"]
    assert chart.lines[0].points == [(408.0, FRAME.y_at(3, 1, 5), 3)]
    assert [label for _, label, _ in chart.columns] == ["A", "B"]


@dataclass
class Month:
    month: date
    label: str
    activities: int


def test_month_chart():
    points = [Month(date(2026, m, 1), f"M{m}", n) for m, n in ((1, 0), (2, 2))]
    chart = month_chart(points, "Per month")
    assert [b.css for b in chart.bars] == ["bar-off", "bar-on"]
    assert chart.description == "Per month: M1: 0, M2: 2"
    assert month_chart([], "Per month") is None


def test_bar_chart_and_heat_map_without_data_are_none():
    assert bar_chart([("a", [0, 0])], ["x", "y"], "t") is None
    assert heat_map([], ["c"], {}, "t") is None


def test_an_ordered_scale_gets_one_hue_light_to_dark():
    from core.charts import ordered_series

    pairs = ordered_series([f"Rated {n}" for n in range(1, 6)])
    assert [c for _, c in pairs] == [f"scale-{i}" for i in range(5)]
    assert ordered_series(["Low", "High"]) == [("Low", "scale-0"), ("High", "scale-4")]
