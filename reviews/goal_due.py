"""When a goal's next check-in is due: the ONE rule the reminder job
(``reviews.send_check_in_reminders``), the home to-do "check in on your goal", the
manager's digest ("goals without a recent check-in") and the goal pages and API share.

- Only *active* goals whose target date has not passed wait for check-ins; past the
  target the owner records how it ended instead (the "goal_target" to-do).
- The next check-in is due ``cadence.days`` (``reviews.enums.CheckInCadence``: 7, 14,
  30, 91) after the latest check-in's ``checked_on``, or after the local day the goal
  was created when it has none.
- A goal is *due* from that day on, until a check-in moves the date. "Without a recent
  check-in" in the digest means exactly this: due today or earlier.

Whole days, not calendar months, so the SQL form is one comparison per cadence against
constants computed here (portable: no date arithmetic in SQLite or PostgreSQL). The home
to-do list builds its statement once and reuses it: ``check_in_due(None)`` names those
constants as bind parameters and ``check_in_due_params(today)`` gives their values.
"""

from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from core.clock import local_today, moment
from reviews.enums import CheckInCadence, GoalStatus
from reviews.models import Goal, GoalCheckIn


def next_check_in_on(days: int, last_on: date | None, created_at: datetime) -> date:
    """The day the next check-in is due, ``days`` (the cadence's) after the latest
    check-in or the creation day (the Python form of ``check_in_due``)."""
    if last_on is None:
        if created_at.tzinfo is None:  # a raw UNION row on SQLite
            created_at = created_at.replace(tzinfo=UTC)
        last_on = local_today(created_at)
    return last_on + timedelta(days=days)


def waits_for_check_ins(goal: Goal, today: date) -> bool:
    """Active and not past its target date."""
    return goal.status is GoalStatus.active and (
        goal.target_on is None or goal.target_on >= today
    )


def goal_next_check_in_on(goal: Goal, today: date, check_ins=None) -> date | None:
    """The goal's next check-in day, or None when it takes no more reminders.
    ``check_ins``: the goal's, when the caller has them (else ``goal.check_ins``)."""
    if not waits_for_check_ins(goal, today):
        return None
    entries = goal.check_ins if check_ins is None else check_ins
    last = max((c.checked_on for c in entries), default=None)
    return next_check_in_on(goal.check_in_cadence.days, last, goal.created_at)


def last_check_in_on():
    """A correlated scalar subquery: the goal's latest ``checked_on`` (or NULL)."""
    return (
        sa.select(sa.func.max(GoalCheckIn.checked_on))
        .where(GoalCheckIn.goal_id == Goal.id)
        .scalar_subquery()
    )


def check_in_due_params(today: date) -> dict[str, object]:
    """The values of ``check_in_due(None)``'s bind parameters on ``today``."""
    params: dict[str, object] = {"today": today}
    for c in CheckInCadence:
        params[f"check_in_last_{c.name}"] = today - timedelta(days=c.days)
        # created on local day d is due when d + days <= today: created before the
        # local midnight that starts (today - days + 1)
        params[f"check_in_created_{c.name}"] = moment(
            today - timedelta(days=c.days - 1), 0
        )
    return params


def check_in_due(today: date | None, last=None):
    """SQL: the goal waits for check-ins and its next one is due on or before ``today``
    (``last`` is ``last_check_in_on()`` when the caller also selects it).

    ``today=None``: the same condition with named bind parameters (``today`` and the
    cutoffs), for a statement built once and executed with ``check_in_due_params``.
    """
    values = None if today is None else check_in_due_params(today)

    def bound(name: str, type_):
        if values is None:
            return sa.bindparam(name, type_=type_)
        return sa.literal(values[name], type_)

    last = last if last is not None else last_check_in_on()
    created_type = Goal.__table__.c.created_at.type
    last_cutoff = sa.case(
        *[
            (Goal.check_in_cadence == c, bound(f"check_in_last_{c.name}", sa.Date()))
            for c in CheckInCadence
        ]
    )
    created_cutoff = sa.case(
        *[
            (
                Goal.check_in_cadence == c,
                bound(f"check_in_created_{c.name}", created_type),
            )
            for c in CheckInCadence
        ]
    )
    on = bound("today", sa.Date())
    return sa.and_(
        Goal.status == GoalStatus.active,
        sa.or_(Goal.target_on.is_(None), Goal.target_on >= on),
        sa.or_(
            sa.and_(last.is_(None), Goal.created_at < created_cutoff),
            last <= last_cutoff,
        ),
    )
