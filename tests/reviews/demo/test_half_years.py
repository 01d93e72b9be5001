"""The demo's cycles fit the day it is loaded (``reviews.demo.common.half_years``)."""

from datetime import date

import pytest

from reviews.demo.common import half_years


@pytest.mark.parametrize(
    ("today", "active", "closed"),
    [
        (date(2026, 12, 3), "2026 H2", ["2025 H2", "2026 H1"]),  # the day
        (date(2027, 2, 10), "2026 H2", ["2025 H2", "2026 H1"]),
        (date(2026, 5, 1), "2026 H1", ["2025 H1", "2025 H2"]),
        (date(2026, 8, 1), "2026 H1", ["2025 H1", "2025 H2"]),
        (date(2027, 12, 3), "2027 H2", ["2026 H2", "2027 H1"]),  # right next year too
    ],
)
def test_the_active_half_is_the_one_in_its_review_season(today, active, closed):
    *before, current = half_years(today)
    assert current.name == active
    assert [h.name for h in before] == closed


@pytest.mark.parametrize("day", range(0, 365, 7))
def test_due_dates_around_the_load_date_fall_near_the_period(day):
    today = date.fromordinal(date(2026, 1, 1).toordinal() + day)
    *_, current = half_years(today)
    # The self-assessment (due 4 days ago) is at most 3 months from the period's end.
    assert abs((current.end - today).days) <= 92
    assert current.start <= today
