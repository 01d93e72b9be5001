"""What every part of the development demo shares: the ``DevDemo`` state (org, its own
rng, the clock, accounts, the keeps-learning status each person is meant to have) and
small date helpers."""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from development.enums import KeepsLearning
from people.demo import DemoCast
from people.models import Employee, User

CAUTIONARY_DEPARTMENT = "Customer Success"  # = reviews.demo.CAUTIONARY_DEPARTMENT


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def shift_years(day: date, years: int) -> date:
    """The same day ``years`` later (or earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def month_day(today: date, back: int, rng: random.Random) -> date:
    """A day in the month ``back`` months before ``today``'s, before today."""
    index = today.year * 12 + today.month - 1 - back
    first = date(index // 12, index % 12 + 1, 1)
    following = date((index + 1) // 12, (index + 1) % 12 + 1, 1)
    last = min(following - timedelta(days=1), today - timedelta(days=1))
    return first + timedelta(days=rng.randint(0, max((last - first).days, 0)))


@dataclass
class DevDemo(DemoCast):
    # The keeps-learning status each person is given (the interviews and activities
    # are drawn to match; ``learning_records`` is what decides).
    target: dict[int, KeepsLearning] = field(default_factory=dict)
    # Evidence dates already used per person (interviews count as evidence too).
    evidence_days: dict[int, list[date]] = field(default_factory=dict)

    def user(self, employee: Employee) -> User:
        return self.users[employee.id]

    def department(self, employee: Employee) -> str:
        return next(
            (
                n
                for n, d in self.org.departments.items()
                if d.id == employee.department_id
            ),
            "Executive",
        )

    def cautionary(self, employee: Employee) -> bool:
        return self.department(employee) == CAUTIONARY_DEPARTMENT

    def titled(self, title: str) -> list[Employee]:
        """Active people with the job title, by id."""
        return sorted(
            (p for p in self.org.people if p.job_title == title and p.is_active),
            key=lambda p: p.id,
        )

    def ago(self, days: int) -> date:
        return self.today - timedelta(days=days)

    def ahead(self, days: int) -> date:
        return self.today + timedelta(days=days)

    def clamp(self, when: datetime) -> datetime:
        """Never later than the demo's now."""
        return min(when, self.now - timedelta(minutes=5))
