"""Notice texts are worded against the moment they are read (notifications.texts)."""

from datetime import date

import pytest

from notifications.texts import as_of, on, relative

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 11, 29), "29 Nov, 4 days ago"),
        (date(2026, 12, 2), "2 Dec, yesterday"),
        (date(2026, 12, 3), "3 Dec, today"),
        (date(2026, 12, 4), "4 Dec, tomorrow"),
        (date(2027, 1, 2), "2 Jan 2027, in 30 days"),
    ],
)
def test_a_date_is_worded_from_the_reading_day(day, words):
    assert relative(day, TODAY) == words


def test_the_same_text_reads_true_on_each_day():
    text = f"The self-assessment was due {on('2026-11-29')}."
    assert as_of(text, date(2026, 12, 1)) == (
        "The self-assessment was due 29 Nov, 2 days ago."
    )
    assert as_of(text, TODAY) == "The self-assessment was due 29 Nov, 4 days ago."


def test_text_without_marks_is_unchanged():
    assert as_of("Nothing dated here.", TODAY) == "Nothing dated here."
    assert on(None) == ""
