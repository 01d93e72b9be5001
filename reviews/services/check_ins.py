"""Deleting a goal check-in entered by mistake.

Decisions:
- Only the person who entered the check-in deletes it (``can_delete_check_in``), and
  only within ``GRACE_DAYS`` (7) days of entering it: later, managers' digests and the
  review may have relied on it (409 with the reason). Check-ins are not verified, so
  the grace period is the only limit.
- The goal's value and progress go back to the latest remaining check-in (by date,
  then entry), or to the goal's start when none is left; the goal's version moves, so
  the API's ``DELETE`` needs the goal's ``If-Match`` as a check-in does.
- The audit event (on the goal, as ``checked_in`` is) keeps the deleted value, status
  and date.
"""

from datetime import timedelta

import sqlalchemy as sa

from core.audit import record_event
from core.db import utcnow
from core.errors import InvalidTransition
from core.extensions import db
from core.permissions import require
from reviews import permissions as perms
from reviews.models import Goal, GoalCheckIn
from reviews.services.goals import progress_for

GRACE_DAYS = 7


def check_in_deletion_refusal(entry: GoalCheckIn, now) -> str:
    """Why ``entry`` can no longer be deleted ("" while it can)."""
    if now - entry.created_at > timedelta(days=GRACE_DAYS):
        return (
            f"A check-in can be deleted within {GRACE_DAYS} days of entering it; this "
            "one is part of the goal's history now."
        )
    return ""


def delete_check_in(actor, goal: Goal, entry: GoalCheckIn, *, now=None) -> Goal:
    """Delete a check-in entered by mistake; the goal's value follows the latest one
    left. Returns the goal."""
    now = now or utcnow()
    require(
        perms.can_delete_check_in(actor, goal, entry),
        "Only the person who entered a check-in deletes it.",
    )
    reason = check_in_deletion_refusal(entry, now)
    if reason:
        raise InvalidTransition(reason)
    record_event(
        actor,
        goal,
        "check_in_deleted",
        {
            "check_in_id": entry.id,
            "checked_on": entry.checked_on,
            "value": entry.value,
            "status": entry.status,
        },
        now=now,
    )
    db.session.delete(entry)
    db.session.flush()
    latest = db.session.scalar(
        sa.select(GoalCheckIn)
        .where(GoalCheckIn.goal_id == goal.id)
        .order_by(GoalCheckIn.checked_on.desc(), GoalCheckIn.id.desc())
        .limit(1)
    )
    if latest is not None:
        goal.current_value, goal.progress = latest.value, latest.progress
    else:
        goal.current_value = goal.start_value
        goal.progress = progress_for(
            goal.measure, goal.start_value, goal.target_value, goal.start_value
        )
    db.session.expire(goal, ["check_ins"])
    db.session.flush()
    return goal
