"""Back-dating after the demo is loaded: rows the services stamp with the wall clock
get the time of their audited changes instead."""

import sqlalchemy as sa

from core.audit import AuditEvent
from core.extensions import db
from reviews.models import Goal, GoalCheckIn, Review, ReviewCycle, TrainingNeed


def linked(fn, column, *where):
    """``fn(column)`` over the rows ``where`` ties to the row being updated (a scalar
    subquery for ``UPDATE … SET``): the first or last of its events, check-ins, …"""
    return sa.select(fn(column)).where(*where).scalar_subquery()


def event_time(table: sa.Table, object_type: str, fn=sa.func.max):
    """The time of the first/last audit event of each row of ``table`` (a subquery)."""
    return linked(
        fn,
        AuditEvent.at,
        AuditEvent.object_type == object_type,
        AuditEvent.object_id == table.c.id,
    )


def backdate_rows() -> None:
    """Rows the services stamp with the wall clock (``updated_at``; the ``created_at`` of
    needs, goals and ad hoc reviews) get the time of their audited changes instead:
    needs and goals a review named were created when it was shared, others at their
    first event; a goal was last updated at its last event or check-in.
    (``created_at`` first: a core UPDATE without ``updated_at`` sets it to now.)"""
    db.session.flush()
    for model in (TrainingNeed, Goal):
        table = model.__table__
        shared_at = (
            sa.select(Review.shared_at)
            .where(Review.id == table.c.source_review_id)
            .scalar_subquery()
        )
        first = event_time(table, model.__name__, sa.func.min)
        db.session.execute(
            sa.update(table).values(
                created_at=sa.func.coalesce(shared_at, first, table.c.created_at)
            )
        )
    reviews = Review.__table__
    db.session.execute(
        sa.update(reviews)
        .where(reviews.c.cycle_id.is_(None))
        .values(created_at=event_time(reviews, "Review", sa.func.min))
    )
    for model in (Review, TrainingNeed, ReviewCycle, Goal):
        table = model.__table__
        last = event_time(table, model.__name__)
        db.session.execute(
            sa.update(table).values(
                updated_at=sa.func.coalesce(last, table.c.created_at)
            )
        )
    goals, entries = Goal.__table__, GoalCheckIn.__table__
    last_check_in = linked(
        sa.func.max, entries.c.created_at, entries.c.goal_id == goals.c.id
    )
    db.session.execute(
        sa.update(goals)
        .where(last_check_in > goals.c.updated_at)
        .values(updated_at=last_check_in)
    )
    db.session.expire_all()
