"""One rule for "overdue" (``core.due``)."""

from datetime import date

from core.due import due_state, is_overdue

TODAY = date(2026, 12, 3)


def test_late_from_the_day_after_the_due_date():
    assert due_state(date(2026, 11, 29), TODAY).badge == "Overdue · 4 days"
    assert due_state(date(2026, 12, 2), TODAY).badge == "Overdue · 1 day"
    assert due_state(TODAY, TODAY).badge == "Due today"
    assert due_state(date(2026, 12, 4), TODAY).badge == ""


def test_done_or_undated_is_never_late():
    assert not is_overdue(date(2026, 1, 1), TODAY, is_open=False)
    assert not is_overdue(None, TODAY)
    assert due_state(date(2026, 1, 1), TODAY, is_open=False).days_overdue == 0
