"""The one check-in due rule (``reviews.goal_due``): the SQL form and the Python form
agree for every cadence, on the due day and the day before, with and without check-ins
(and so does the form with bind parameters, built once); goals that are not active or
are past their target wait for nothing."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.clock import moment
from reviews.enums import CheckInCadence, GoalStatus
from reviews.goal_due import check_in_due, check_in_due_params, next_check_in_on
from reviews.models import Goal, GoalCheckIn

CREATED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LAST = date(2026, 4, 1)


def _goal(db, owner, cadence, *, last=None, **kw):
    goal = Goal(
        owner_id=owner,
        title=f"{cadence.value} {last}",
        check_in_cadence=cadence,
        created_at=CREATED,
        **kw,
    )
    db.session.add(goal)
    db.session.flush()
    if last is not None:
        db.session.add(
            GoalCheckIn(
                goal_id=goal.id, checked_on=last, value=1, progress=1, status="on_track"
            )
        )
    db.session.flush()
    return goal


# Built once and executed with each day's values, as the home to-do list does.
PREBUILT = sa.select(Goal.id).where(check_in_due(None))


def _due_ids(db, today):
    """The goals due on ``today``; the prebuilt form (bind parameters) agrees."""
    due = set(db.session.scalars(sa.select(Goal.id).where(check_in_due(today))))
    assert set(db.session.scalars(PREBUILT, check_in_due_params(today))) == due
    return due


def test_cadences_are_a_week_a_fortnight_thirty_days_and_a_quarter():
    days = {c.value: c.days for c in CheckInCadence}
    assert days == {"weekly": 7, "fortnightly": 14, "monthly": 30, "quarterly": 91}


@pytest.mark.parametrize("cadence", list(CheckInCadence))
@pytest.mark.parametrize("last", [None, LAST])
def test_due_from_the_day_the_cadence_gives_in_sql_and_in_python(
    db, org, cadence, last
):
    goal = _goal(db, org.employee.employee_id, cadence, last=last)
    due_on = next_check_in_on(cadence.days, last, CREATED)
    start = last or CREATED.date()
    assert due_on == start + timedelta(days=cadence.days)
    assert goal.id not in _due_ids(db, due_on - timedelta(days=1))
    assert goal.id in _due_ids(db, due_on)
    assert goal.id in _due_ids(db, due_on + timedelta(days=40))


def test_a_goal_created_late_in_the_evening_counts_from_its_local_day(db, org):
    # 23:30 UTC on 31 May is 00:30 on 1 June in London (summer time).
    late = datetime(2026, 5, 31, 23, 30, tzinfo=UTC)
    goal = Goal(
        owner_id=org.employee.employee_id,
        title="Late",
        check_in_cadence=CheckInCadence.weekly,
        created_at=late,
    )
    db.session.add(goal)
    db.session.flush()
    assert next_check_in_on(7, None, late) == date(2026, 6, 8)
    assert goal.id not in _due_ids(db, date(2026, 6, 7))
    assert goal.id in _due_ids(db, date(2026, 6, 8))


def test_the_latest_check_in_counts(db, org):
    goal = _goal(db, org.employee.employee_id, CheckInCadence.weekly, last=LAST)
    db.session.add(
        GoalCheckIn(
            goal_id=goal.id,
            checked_on=LAST + timedelta(days=5),
            value=2,
            progress=2,
            status="on_track",
        )
    )
    db.session.flush()
    assert goal.id not in _due_ids(db, LAST + timedelta(days=7))
    assert goal.id in _due_ids(db, LAST + timedelta(days=12))


@pytest.mark.parametrize(
    "extra",
    [
        {"status": GoalStatus.achieved},
        {"status": GoalStatus.draft},
        {"status": GoalStatus.dropped},
        {"target_on": date(2026, 4, 30)},  # past it: "record how it ended" instead
    ],
)
def test_goals_that_are_done_or_past_their_target_wait_for_nothing(db, org, extra):
    goal = _goal(db, org.employee.employee_id, CheckInCadence.weekly, **extra)
    assert goal.id not in _due_ids(db, date(2026, 5, 1))


def test_a_naive_creation_instant_is_read_as_utc():
    naive = datetime(2026, 3, 2, 10, 0)
    assert next_check_in_on(14, None, naive) == date(2026, 3, 16)
    assert moment(date(2026, 3, 16)).tzinfo is not None
