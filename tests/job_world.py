"""Helpers for the job tests: a team of any size, and what the jobs queued."""

from datetime import date

import sqlalchemy as sa

from core.extensions import db
from notifications.models import Notification
from tests import factories as f


def make_team(size: int, *, manager=None, hired_on=date(2022, 1, 1)):
    """A manager (a new one unless given) and ``size`` direct reports, all with accounts."""
    if manager is None:
        boss = f.make_person(name="Big Boss")
        manager = f.make_person(name="Team Manager", manager_id=boss.employee_id)
    reports = [
        f.make_person(
            name=f"Report {i}", manager_id=manager.employee_id, hired_on=hired_on
        )
        for i in range(size)
    ]
    return manager, reports


def queued(kind=None) -> list[Notification]:
    stmt = sa.select(Notification).order_by(Notification.id)
    if kind is not None:
        stmt = stmt.where(Notification.kind == getattr(kind, "value", kind))
    return list(db.session.scalars(stmt))


def recipients(kind) -> set[int]:
    return {n.recipient_id for n in queued(kind)}


def twice(job, now) -> tuple[int, int, int]:
    """Run ``job`` twice at ``now`` (committing); return both counts and the rows."""
    first = job(now)
    db.session.commit()
    before = db.session.scalar(sa.select(sa.func.count(Notification.id)))
    second = job(now)
    db.session.commit()
    after = db.session.scalar(sa.select(sa.func.count(Notification.id)))
    assert after == before, "the second run queued notifications"
    return first, second, after
