"""The learning record's figures for a whole organisation, counted in the database.

``development.learning_record.learning_records`` builds one ``LearningRecord`` (with a
``MonthPoint`` per month) for each person from every activity row: right for a person's
page, but for 5,000 people it is 40,000 rows fetched and 65,000 objects built, most of
the learning and decision-evidence reports' time. The reports only need a few numbers per
person and a few totals, so they ask the database for exactly those, by the same rules
(the tests hold the two to the same figures, ``tests/reports/test_learning.py``):

- evidence is an activity of a learning kind, completed or in progress, dated by
  ``ended_on`` when that is on or before the day, else ``started_on``, on or before it;
- a given interview is a contribution, counted apart and never as evidence;
- *active* / *lapsing* / *inactive* from the distinct months with evidence in the
  policy's window (``keeps_learning``).

Months are bucketed with a ``CASE`` over the month boundaries (computed in Python), so
SQLite and PostgreSQL agree without any date function. One statement each.
"""

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from development.enums import ActivityKind, KeepsLearning
from development.learning_record import COUNTED_STATUSES, keeps_learning, month_start
from development.models import DevelopmentActivity as Act

GIVEN = [k for k in ActivityKind if not k.is_learning]


@dataclass(frozen=True)
class Window:
    """The months a figure covers: ``months`` chart months and the policy window, both
    ending with ``today``'s month."""

    today: date
    slots: list[date]  # the first day of each chart month, oldest first
    policy_slots: list[date]  # the first day of each month of the policy's window

    @classmethod
    def of(cls, today: date, months: int, policy) -> "Window":
        window = max(policy.window_months, 1)
        return cls(
            today,
            [month_start(today, back) for back in range(months - 1, -1, -1)],
            [month_start(today, back) for back in range(window - 1, -1, -1)],
        )

    @property
    def start(self) -> date:
        return self.slots[0]


@dataclass(frozen=True)
class PersonLearning:
    status: KeepsLearning = KeepsLearning.inactive
    activities: int = 0  # learning evidence in the chart months
    hours: float = 0.0
    interviews_conducted: int = 0  # activities of that kind in the chart months
    given_activities: int = 0  # interviews given in the chart months
    last_evidence_on: date | None = None  # ever, up to the day


NOTHING = PersonLearning()


def _day(today: date):
    """The day an activity counts on (``NULL`` when it has no date): its end when that
    is on or before ``today`` (a ``NULL`` end is not), else its start."""
    return sa.case((Act.ended_on <= today, Act.ended_on), else_=Act.started_on)


def _bucket(day, slots: list[date]):
    """The index of the month ``day`` falls in (``day`` on or after ``slots[0]``)."""
    last = sa.literal_column(str(len(slots) - 1))
    if len(slots) == 1:
        return last
    return sa.case(
        *[
            (day < slots[i + 1], sa.literal_column(str(i)))
            for i in range(len(slots) - 1)
        ],
        else_=last,
    )


def _counted(scope: sa.Select, day, today: date) -> list:
    return [
        Act.employee_id.in_(scope),
        Act.status.in_(COUNTED_STATUSES),
        day <= today,
    ]


def person_learning(
    scope: sa.Select, window: Window, policy
) -> dict[int, PersonLearning]:
    """The figures of every person in ``scope`` (a select of ids) who has any counted
    activity; the others are ``NOTHING``. One statement."""
    day = _day(window.today)
    learning = Act.kind.not_in(GIVEN)  # one comparison instead of eleven
    charted = sa.and_(learning, day >= window.start)
    zero = sa.literal_column("0")

    def count(condition):
        return sa.func.coalesce(
            sa.func.sum(sa.case((condition, sa.literal_column("1")), else_=zero)), 0
        )

    in_window = sa.and_(learning, day >= window.policy_slots[0])
    rows = db.session.execute(
        sa.select(
            Act.employee_id,
            sa.func.max(sa.case((learning, day))).label("last"),
            count(charted).label("activities"),
            sa.func.coalesce(
                sa.func.sum(sa.case((charted, Act.hours), else_=zero)), 0
            ).label("hours"),
            count(sa.and_(charted, Act.kind == ActivityKind.interview_conducted)),
            count(sa.and_(~learning, day >= window.start)),
            sa.func.count(
                sa.distinct(sa.case((in_window, _bucket(day, window.policy_slots))))
            ),
        )
        .where(*_counted(scope, day, window.today))
        .group_by(Act.employee_id)
    ).all()
    return {
        employee_id: PersonLearning(
            keeps_learning(months, policy),
            int(activities),
            float(hours or 0),
            int(conducted),
            int(given),
            last,
        )
        for employee_id, last, activities, hours, conducted, given, months in rows
    }


def month_kind_totals(scope: sa.Select, window: Window) -> list:
    """(kind, month index, activities, hours) of learning evidence in the chart months,
    over everyone in ``scope``. One statement."""
    day = _day(window.today)
    bucket = _bucket(day, window.slots).label("month")
    return db.session.execute(
        sa.select(
            Act.kind,
            bucket,
            sa.func.count(Act.id),
            sa.func.coalesce(sa.func.sum(Act.hours), 0),
        )
        .where(
            *_counted(scope, day, window.today),
            Act.kind.not_in(GIVEN),
            day >= window.start,
        )
        # a bare number in GROUP BY would be a column position: one month, no bucket
        .group_by(Act.kind, *([bucket] if len(window.slots) > 1 else []))
    ).all()
