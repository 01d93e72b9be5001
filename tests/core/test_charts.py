"""The one chart module: the scales every chart draws with, and each builder's edge
cases (the pages' tests check the drawn SVG)."""

from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from core.charts import (
    Frame,
    bar_chart,
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
    assert chart.lines[0].points == [(chart.width - 12, FRAME.y_at(3, 1, 5), 3)]
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


def test_heat_map_margins_hold_the_longest_labels():
    from core.chart_geometry import SLANT
    from core.charts import heat_map, text_room

    columns = ["Budgeting", "Account management", "Written communication"]
    chart = heat_map(["Customer Success", "Sales"], columns, {}, "t")
    short = heat_map(["Sales"], ["SQL", "SQL", "SQL"], {}, "t")
    left = chart.cells[0].x if chart.cells else chart.blanks[0][0]
    # Row labels end 8 px before the cells and fit in front of them.
    assert all(r.x - text_room(r.text, 13) >= 0 for r in chart.rows)
    assert chart.rows[0].x < left
    # A slanted label rises by (width + glyph height) × sin 45° above its anchor …
    for c in chart.columns:
        assert c.y - (text_room(c.text, 13) + 13) * SLANT >= 0, c.text
        # … and reaches as far to the right.
        assert c.x + (text_room(c.text, 13) + 13 / 3) * SLANT <= chart.width, c.text
    # The margins follow the labels, not a fixed guess.
    assert chart.height - short.height > 100 and chart.width > short.width


def test_a_very_long_heat_map_label_is_cut_with_its_full_name_kept():
    long = "Regulatory compliance for cross-border payments"
    chart = heat_map([long], ["SQL"], {}, "t")
    (row,) = chart.rows
    assert row.text.endswith("…") and len(row.text) == 32 and row.title == long
    assert heat_map(["Sales"], ["SQL"], {}, "t").rows[0].title == ""


def test_tick_labels_get_room_for_the_longest_value():
    from core.chart_geometry import TICK_GAP, text_room

    chart = line_chart(FRAME, ["A", "B"], [], (0, 100), (0, 50, 100), "d", unit="%")
    assert chart.tick_x - text_room("100%", 13) >= 0
    assert chart.left - chart.tick_x == TICK_GAP
    assert (
        chart.width - chart.left == FRAME.width - FRAME.left
    )  # the plot keeps its size
    small = line_chart(FRAME, ["A"], [], (1, 5), range(1, 6), "d")
    assert (small.left, small.width) == (FRAME.left, FRAME.width)


def test_month_chart_ticks_hold_two_digits():
    from core.charts import text_room

    points = [Month(date(2026, 1, 1), "M1", 12)]
    chart = month_chart(points, "Per month")
    assert chart.tick_x - text_room("12", 13) >= 0


def test_bar_labels_get_room_for_the_longest_label():
    from core.charts import text_room

    long = "Stakeholder management and more"
    chart = bar_chart([(long, [1]), ("Sales", [2])], ["n"], "t")
    assert chart.rows[0].label == shorten(long) and chart.rows[0].title == long
    assert chart.left - 8 - text_room(chart.rows[0].label, 13) >= 0
    assert bar_chart([("Sales", [2])], ["n"], "t").left < chart.left


def test_column_labels_are_whole_and_never_overlap():
    from core.chart_geometry import LABEL_GAP, text_room

    labels = ["2024-03", "2025 H2", "2026 H1", "2026-06", "2026-12"]
    chart = line_chart(FRAME, labels, [], (1, 5), range(1, 6), "d")
    assert [t for _, t, _ in chart.columns] == labels  # five fit in the plot
    spans = [
        (x - text_room(t, 13) / 2, x + text_room(t, 13) / 2)
        for x, t, _ in chart.columns
    ]
    assert spans[0][0] >= 0 and spans[-1][1] <= chart.width
    assert all(a[1] + LABEL_GAP <= b[0] for a, b in pairwise(spans))
    assert chart.width - chart.left - chart.right == FRAME.plot_w


def test_crowded_column_labels_are_thinned_keeping_the_last():
    labels = [f"2026-{m:02d}-01" for m in range(1, 13)]
    chart = line_chart(FRAME, labels, [], (1, 5), range(1, 6), "d")
    shown = [t for _, t, _ in chart.columns]
    assert shown[0] == labels[0] and shown[-1] == labels[-1]
    assert 2 <= len(shown) < len(labels)
