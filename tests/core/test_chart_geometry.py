"""The room a chart label gets: never less than Chromium draws it with the WCAG 1.4.12
text-spacing override, and proportional to its length (issue 23: the heat map's column
labels were cut under a fixed margin)."""

from core.chart_geometry import axis_label, text_room

# Widths Chromium measured for 13 px DejaVu Sans (its fallback here) under the WCAG
# 1.4.12 text-spacing override: the room given must never be less.
MEASURED_WITH_SPACING = {
    "Account management": 173.9,
    "Written communication": 187.2,
    "Stakeholder management": 205.4,
    "Roadmapping": 107.0,
    "Customer Success": 146.7,
}


def test_text_room_holds_each_label_with_text_spacing():
    for label, width in MEASURED_WITH_SPACING.items():
        assert width <= text_room(label, 13) <= width * 1.2, label


def test_text_room_grows_with_the_label_length_and_the_font():
    assert text_room("ab" * 10, 13) == 2 * text_room("ab" * 5, 13)
    assert text_room("a b", 13) > text_room("abc", 13)  # word spacing counts
    assert text_room("abc", 26) == 2 * text_room("abc", 13)


def test_a_cut_label_keeps_its_full_name():
    label = axis_label(0, 0, "Regulatory compliance for payments", 20)
    assert label.text.endswith("…") and len(label.text) == 20
    assert label.title == "Regulatory compliance for payments"
    assert axis_label(0, 0, "SQL", 20).title == ""
