"""Due dates in words: one rule for "overdue", shown the same way everywhere.

A step, need or goal that is still open is *overdue* from the day after its due date
(due today is not late yet). Pages render it through the ``due`` macro of
``templates/_macros/due.html`` (the date, then a red "Overdue · N days" badge or a
"Due today" one), which asks ``due_state``; the API's ``is_overdue`` /
``days_overdue`` come from the same function, so a page, a list and the JSON never
disagree. ``today`` is always passed in (the organisation's day, ``core.clock``), never
read here.
"""

from dataclasses import dataclass
from datetime import date

from core.clock import local_today
from core.db import utcnow


@dataclass(frozen=True)
class DueState:
    due_on: date | None
    days_overdue: int  # 0 unless overdue
    is_overdue: bool
    is_due_today: bool

    @property
    def badge(self) -> str:
        """The badge text: "Overdue · 4 days", "Overdue · 1 day", "Due today" or ""."""
        if self.is_overdue:
            unit = "day" if self.days_overdue == 1 else "days"
            return f"Overdue · {self.days_overdue} {unit}"
        return "Due today" if self.is_due_today else ""


def due_state(due_on: date | None, today: date, *, is_open: bool = True) -> DueState:
    """Whether something due on ``due_on`` and still ``is_open`` is late on ``today``."""
    if due_on is None or not is_open:
        return DueState(due_on, 0, False, False)
    late = (today - due_on).days
    return DueState(due_on, max(late, 0), late > 0, late == 0)


def is_overdue(due_on: date | None, today: date, *, is_open: bool = True) -> bool:
    """``due_state(...).is_overdue``: for sort keys and API fields."""
    return due_state(due_on, today, is_open=is_open).is_overdue


def org_today() -> date:
    """The organisation's calendar day now (the pages' default ``today``)."""
    return local_today(utcnow())
