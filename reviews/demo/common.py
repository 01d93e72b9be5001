"""What every part of the reviews demo shares: the ``Demo`` state (org, rng, clock,
accounts), the half-years it covers and small helpers for back-dated times."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

import sqlalchemy as sa

from core.audit import AuditEvent
from core.extensions import db
from people.demo import DemoCast
from people.models import Employee
from reviews.demo.texts import WORK
from reviews.enums import ReviewStatus
from reviews.models import ReviewCycle, ReviewTemplate

CAUTIONARY_DEPARTMENT = "Customer Success"
S = ReviewStatus


def at(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def clamp(value: float, low: int = 1, high: int = 5) -> int:
    return max(low, min(high, round(value)))


def band(rating: int) -> str:
    return "low" if rating <= 2 else "mid" if rating == 3 else "high"


@dataclass
class Half:
    name: str
    start: date
    end: date


def half_years(today: date) -> list[Half]:
    """The half-year whose review season ``today`` falls in, and the two before it,
    oldest first.

    Reviews of a half run from its last three months to the first three of the next:
    in its last quarter (April–June, October–December) the active cycle is the half in
    progress (loaded on 3 December 2026: "2026 H2", self-assessments due late
    November); otherwise it is the half just ended (loaded in February 2027: "2026
    H2" too). Either way the due dates lie around the load date, not months after
    the period, and the two closed cycles before it have long ended.
    """
    if today.month in (4, 5, 6, 10, 11, 12):
        year, half = today.year, 1 if today.month <= 6 else 2
    else:
        year, half = (today.year, 1) if today.month >= 7 else (today.year - 1, 2)
    found = []
    for _ in range(3):
        start = date(year, 1 if half == 1 else 7, 1)
        end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        found.append(Half(f"{year} H{half}", start, end))
        year, half = (year, 1) if half == 2 else (year - 1, 2)
    return list(reversed(found))


@dataclass
class Demo(DemoCast):
    level: dict[int, float] = field(default_factory=dict)  # how well each person does
    company: ReviewTemplate | None = None
    engineering: ReviewTemplate | None = None
    cycles: list[ReviewCycle] = field(default_factory=list)
    last_needs: dict[int, list[int]] = field(default_factory=dict)  # CS: skills named
    live: bool = False  # walking the active cycle (due dates count from today)
    # A second stream for what came after the reviews (evidence, goal check-ins), so
    # adding to it never changes the reviews drawn from ``rng``.
    aside: random.Random = field(default_factory=lambda: random.Random(2027))

    def cautionary(self, employee: Employee) -> bool:
        return employee.department_id == self.org.departments[CAUTIONARY_DEPARTMENT].id

    def first(self, employee: Employee) -> str:
        return employee.name.split()[0]

    def work(self, employee: Employee, rng: random.Random | None = None) -> str:
        name = next(
            (
                n
                for n, d in self.org.departments.items()
                if d.id == employee.department_id
            ),
            "Operations",
        )
        return (rng or self.rng).choice(WORK.get(name, WORK["Operations"]))

    def fill(self, text: str, employee: Employee, rng=None, **extra) -> str:
        """``text`` with the person's first name, a piece of their department's work
        and ``extra`` filled in, starting with a capital (drawn from ``rng``, by
        default the reviews' stream)."""
        rng = rng or self.rng
        text = text.format(
            first=self.first(employee),
            work=self.work(employee, rng),
            month=rng.choice(["March", "May", "September", "October"]),
            **extra,
        )
        return text[:1].upper() + text[1:]


def backdate_events(object_type: str, object_id: int, when: datetime) -> None:
    """Services that take no ``now`` stamp their events today; move them to ``when``."""
    db.session.flush()
    db.session.execute(
        sa.update(AuditEvent)
        .where(AuditEvent.object_type == object_type, AuditEvent.object_id == object_id)
        .values(at=when)
    )
