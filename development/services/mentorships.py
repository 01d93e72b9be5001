"""A mentorship: its plan (cadence, end, next session, mentor) and its sessions.

Decisions:
- The plan sits on the mentoring activity (``cadence``, ``plan_ends_on`` or
  ``planned_sessions``, ``next_session_on``, ``mentor_id``); only the mentee (the
  activity's owner) changes it or records sessions.
- The end is a date *or* a number of sessions, never both (422 on ``planned_sessions``).
- The next session is computed after each session — the session's day plus one step of
  the cadence (a month keeps the day of the month, clamped to the month's last day) — and
  stays editable. It is cleared when the plan is over: the planned number of sessions is
  held, or the next date would fall after the end date.
- When the last planned session is held, the activity is completed on that day.
- A session's ``note`` is the mentee's private note: audit events record the day and
  hours only, and the mentor (an employee) reads the sessions without notes.
- Each session counts in the learning record in its own month
  (``development.learning_record``).
"""

import calendar
from datetime import date, timedelta
from typing import NoReturn

import sqlalchemy as sa

from core.audit import record_event
from core.db import utcnow
from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import get_or_404
from development import permissions as perms
from development.enums import ActivityKind, ActivityStatus, Cadence
from development.models import DevelopmentActivity, MentoringSession
from people.models import Employee

NOT_SAVED = "Nothing was saved; correct the fields marked."
STEP_DAYS = {Cadence.weekly: 7, Cadence.fortnightly: 14}


def _invalid(field: str, message: str) -> NoReturn:
    raise ValidationFailed(NOT_SAVED, {field: message})


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def step_after(day: date, cadence: Cadence) -> date:
    """The day one step of ``cadence`` after ``day``."""
    if cadence is Cadence.monthly:
        return add_months(day, 1)
    return day + timedelta(days=STEP_DAYS[cadence])


def sessions_held(activity_id: int) -> int:
    return db.session.scalar(  # type: ignore[return-value]  # count() is never NULL
        sa.select(sa.func.count(MentoringSession.id)).where(
            MentoringSession.activity_id == activity_id
        )
    )


def last_session_on(activity_id: int) -> date | None:
    return db.session.scalar(
        sa.select(sa.func.max(MentoringSession.held_on)).where(
            MentoringSession.activity_id == activity_id
        )
    )


def next_session_after(activity: DevelopmentActivity, held: int, last: date | None):
    """The next session the plan gives after ``held`` sessions, the last on ``last``."""
    if activity.cadence is None or last is None:
        return None
    if activity.planned_sessions is not None and held >= activity.planned_sessions:
        return None
    upcoming = step_after(last, activity.cadence)
    if activity.plan_ends_on is not None and upcoming > activity.plan_ends_on:
        return None
    return upcoming


def _mentoring(activity: DevelopmentActivity) -> None:
    if activity.kind is not ActivityKind.mentoring:
        raise InvalidTransition("Only a mentoring activity has a plan and sessions.")


def _mentor(actor, mentor_id):
    if mentor_id is None:
        return None
    mentor = db.session.get(Employee, mentor_id)
    if mentor is None or not mentor.is_active:
        _invalid("mentor_id", "No such employee.")
    if mentor.id == actor.employee_id:
        _invalid("mentor_id", "You cannot mentor yourself.")
    return mentor.id


def plan_mentorship(actor, activity: DevelopmentActivity, data: dict, *, now=None):
    """Set the mentorship's cadence, end, next session and mentor (the mentee only).

    Only the fields sent change (a PATCH). Without ``next_session_on``, a new cadence
    recomputes the next session from the last one held."""
    now = now or utcnow()
    require(perms.can_view_mentorship(actor, activity))
    require(
        perms.can_edit_mentorship(actor, activity), "Only the mentee plans sessions."
    )
    _mentoring(activity)
    data = dict(data)
    if "mentor_id" in data:
        data["mentor_id"] = _mentor(actor, data["mentor_id"])
    ends_on = data.get("plan_ends_on", activity.plan_ends_on)
    planned = data.get("planned_sessions", activity.planned_sessions)
    if ends_on is not None and planned is not None:
        field = "planned_sessions" if "planned_sessions" in data else "plan_ends_on"
        _invalid(field, "Give an end date or a number of sessions, not both.")
    if ends_on is not None and activity.started_on and ends_on < activity.started_on:
        _invalid("plan_ends_on", "The end is before the mentorship started.")
    for key, value in data.items():
        setattr(activity, key, value)
    if "next_session_on" not in data and (
        {"cadence", "plan_ends_on", "planned_sessions"} & set(data)
    ):
        last = last_session_on(activity.id)
        if last is not None:
            activity.next_session_on = next_session_after(
                activity, sessions_held(activity.id), last
            )
    upcoming = activity.next_session_on
    if upcoming and activity.plan_ends_on and upcoming > activity.plan_ends_on:
        _invalid("next_session_on", "The next session is after the mentorship ends.")
    activity.updated_at = now
    db.session.flush()
    record_event(
        actor,
        activity,
        "mentorship_planned",
        {k: data[k] for k in sorted(data)},
        now=now,
    )
    return activity


def add_mentoring_session(
    actor, activity_id: int, data: dict, *, now=None
) -> MentoringSession:
    """Record a session (the mentee only); the plan's next session moves on."""
    now = now or utcnow()
    activity = get_or_404(DevelopmentActivity, activity_id)
    require(perms.can_view_mentorship(actor, activity))
    require(
        perms.can_edit_mentorship(actor, activity), "Only the mentee records sessions."
    )
    _mentoring(activity)
    hours = data.get("hours", 1.0)
    session = MentoringSession(
        activity_id=activity.id,
        held_on=data["held_on"],
        hours=hours,
        note=data.get("note", ""),
    )
    db.session.add(session)
    activity.hours = (activity.hours or 0) + hours
    db.session.flush()
    held = sessions_held(activity.id)
    last = last_session_on(activity.id)
    activity.next_session_on = next_session_after(activity, held, last)
    if (
        activity.planned_sessions is not None
        and held >= activity.planned_sessions
        and activity.status is not ActivityStatus.completed
    ):
        activity.status = ActivityStatus.completed
        activity.ended_on = last
    activity.updated_at = now
    db.session.flush()
    record_event(
        actor,
        activity,
        "mentoring_session_added",
        {"session_id": session.id, "held_on": session.held_on, "hours": hours},
        now=now,
    )
    return session


def mentoring_sessions(activity_id: int) -> list[MentoringSession]:
    """The mentorship's sessions, oldest first (one statement)."""
    return list(
        db.session.scalars(
            sa.select(MentoringSession)
            .where(MentoringSession.activity_id == activity_id)
            .order_by(MentoringSession.held_on, MentoringSession.id)
        )
    )
