"""Panels that ``home`` composes into other areas' pages: the home page's "Suggested
interviews" and "My learning" and the person page's learning record. (The review page's
"development since the last review" is read-side: ``learning_record.review_learning``.)

The home page's two statements are built once with bind parameters (``functools.cache``)
and executed again on every page, as ``home.todo_sources``: SQLAlchemy neither rebuilds
them nor recomputes their cache keys."""

import functools
from datetime import date

import sqlalchemy as sa

from core.extensions import db
from development.enums import SuggestionStatus
from development.learning_record import (
    COUNTED_STATUSES,
    LearningRecord,
    MonthPoint,
    current_policy,
    keeps_learning,
    learning_record,
    month_start,
)
from development.models import DevelopmentActivity, InterviewSuggestion
from development.views.common import learning_chart, today
from people.permissions import is_hr, is_manager_of

ME = sa.bindparam("me", type_=sa.Integer)


@functools.cache
def _open_suggestions() -> sa.Select:
    return (
        sa.select(InterviewSuggestion)
        .where(
            InterviewSuggestion.employee_id == ME,
            InterviewSuggestion.status == SuggestionStatus.open,
        )
        .order_by(InterviewSuggestion.created_at.desc())
        .limit(5)
    )


@functools.cache
def _learning_rows() -> sa.Select:
    """The person's counted activities dated on or after ``since`` (the first month)."""
    act = DevelopmentActivity
    return sa.select(act.kind, act.ended_on, act.started_on, act.hours).where(
        act.employee_id == ME,
        act.status.in_(COUNTED_STATUSES),
        act.started_on.is_not(None) | act.ended_on.is_not(None),
        sa.func.coalesce(act.ended_on, act.started_on)
        >= sa.bindparam("since", type_=sa.Date),
    )


def home_panels(user) -> dict:
    """Open suggestions made to me (with the manager) and my learning record."""
    if user.employee_id is None:
        return {"suggestions": [], "learning": None, "learning_chart": None}
    suggestions = list(
        db.session.scalars(_open_suggestions(), {"me": user.employee_id})
    )
    record = home_record(user.employee_id, today())
    return {
        "suggestions": suggestions,
        "learning": record,
        "learning_chart": learning_chart(record, small=False),
    }


def home_record(employee_id: int, day: date) -> LearningRecord:
    """The home panel's record (status and months) in two statements, not five: it
    shows no need or interview counts. Same rules as ``learning_records``."""
    policy = current_policy()
    months = max(6, policy.window_months)
    slots = [month_start(day, back) for back in range(months - 1, -1, -1)]
    record = LearningRecord(
        employee_id,
        [MonthPoint(m, m.strftime("%b %Y")) for m in slots],
        policy.window_months,
        policy.active_months,
    )
    rows = db.session.execute(
        _learning_rows(), {"me": employee_id, "since": slots[0]}
    ).all()
    window_start = month_start(day, max(policy.window_months, 1) - 1)
    with_evidence = set()
    for kind, ended_on, started_on, hours in rows:
        on_day = ended_on if ended_on and ended_on <= day else started_on
        if on_day is None or on_day > day or on_day < slots[0] or not kind.is_learning:
            continue
        month = month_start(on_day)
        point = record.months[slots.index(month)]
        point.activities += 1
        point.hours += float(hours or 0)
        record.activities += 1
        record.hours += float(hours or 0)
        if on_day >= window_start:
            with_evidence.add(month)
    record.months_with_evidence = len(with_evidence)
    record.status = keeps_learning(record.months_with_evidence, policy)
    return record


def person_panel(user, employee) -> dict:
    """The learning record on the person page, for the person, their managers and HR."""
    allowed = (
        user.employee_id == employee.id
        or is_hr(user)
        or is_manager_of(user, employee.id)
    )
    if not allowed:
        return {"learning": None, "learning_chart": None}
    record = learning_record(employee.id, today=today())
    return {"learning": record, "learning_chart": learning_chart(record)}
