"""``reviews.send_check_in_reminders``: tell a goal's owner that a check-in is due.

Due is ``reviews.goal_due`` — the rule the to-do list and the manager's digest use.
One notice per goal per due day, keyed by 09:00 local on it (``core.clock.moment``):
a rerun, or a run on a later day before anyone checks in, finds the same key and sends
nothing; a check-in moves the due day, so the next reminder has a new key. A run before
09:00 on the due day waits for the next run (the notice is never due in the future).
A scheduler that was down catches up with ONE notice per goal, however late. Owners
who have left, or have no enabled account, get nothing. Fixed statements: one select
of the due goals, one of the accounts, the batched insert.
"""

from datetime import datetime

import sqlalchemy as sa

from core.clock import local_today, moment
from core.extensions import db
from notifications.batches import queue_in_batches
from notifications.kinds import NotificationKind as K
from notifications.services import Pending, user_ids_by_employee
from people.models import Employee
from reviews.goal_due import check_in_due, last_check_in_on, next_check_in_on
from reviews.models import Goal


def send_check_in_reminders(now: datetime) -> int:
    """Queue a reminder for every goal whose check-in is due; return how many."""
    today = local_today(now)
    last = last_check_in_on()
    rows = db.session.execute(
        sa.select(
            Goal.id,
            Goal.title,
            Goal.owner_id,
            Goal.check_in_cadence,
            Goal.created_at,
            last.label("last_on"),
        )
        .join(Employee, Employee.id == Goal.owner_id)
        .where(Employee.is_active.is_(True), check_in_due(today, last))
    ).all()
    due = []
    for r in rows:
        due_on = next_check_in_on(r.check_in_cadence.days, r.last_on, r.created_at)
        if moment(due_on) <= now:
            due.append((r, due_on))
    if not due:
        return 0
    users = user_ids_by_employee({r.owner_id for r, _ in due})
    return queue_in_batches(
        [
            Pending(
                users[r.owner_id],
                K.goal_check_in_due,
                "Goal",
                r.id,
                moment(due_on),
                {
                    "goal": r.title,
                    "cadence": r.check_in_cadence.title.lower(),
                    "due_on": due_on.isoformat(),
                    "last_on": r.last_on.isoformat() if r.last_on else "",
                },
                link=f"/reviews/goals/{r.id}",
            )
            for r, due_on in due
            if r.owner_id in users
        ],
        now,
    )
