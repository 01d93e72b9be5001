"""A goal check-in entered by mistake: deleted by whoever entered it within 7 days,
the goal's value back to the latest check-in left, audited on the goal."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import InvalidTransition, PermissionDenied
from reviews import services
from reviews.enums import CheckInStatus, MeasureType
from reviews.models import GoalCheckIn

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _goal_with(org, *values):
    goal = services.create_goal(
        org.employee, {"title": "Ship it", "measure": MeasureType.percent}
    )
    entries = [
        services.check_in(
            org.employee,
            goal,
            {
                "value": value,
                "status": CheckInStatus.on_track,
                "checked_on": date(2026, 11, 1 + day),
            },
            now=NOW,
        )
        for day, value in enumerate(values)
    ]
    return goal, entries


def test_deleting_the_latest_check_in_moves_the_goal_back(db, org):
    goal, (first, second) = _goal_with(org, 20, 60)
    services.delete_check_in(org.employee, goal, second, now=NOW)
    assert (goal.current_value, goal.progress) == (20, 20)
    services.delete_check_in(org.employee, goal, first, now=NOW + timedelta(days=7))
    assert (goal.current_value, goal.progress) == (0, 0)
    assert not db.session.scalars(sa.select(GoalCheckIn)).all()
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.action == "check_in_deleted")
        .order_by(AuditEvent.id)
    ).all()
    assert [e.changes["value"] for e in events] == [60, 20]
    assert {e.object_id for e in events} == {goal.id}


def test_only_the_author_and_only_within_the_grace_period(db, org):
    goal, (entry,) = _goal_with(org, 40)
    with pytest.raises(PermissionDenied):  # the manager may check in, not delete hers
        services.delete_check_in(org.manager, goal, entry, now=NOW)
    with pytest.raises(InvalidTransition, match="within 7 days"):
        services.delete_check_in(
            org.employee, goal, entry, now=NOW + timedelta(days=7, seconds=1)
        )
    assert db.session.get(GoalCheckIn, entry.id) is not None
