"""Notification entries of the query-budget gate (merged into ``test_query_budget``):
the centre, its settings, the admin outbox and jobs pages and the notifications API.
``NotificationsGrowth`` adds, per step, a delivered notification for Emma with its email
and a run of every job, so the lists have rows to grow with."""

from datetime import timedelta

from core.db import utcnow
from core.extensions import db

BUDGET = {
    "/notifications": "employee",
    "/notifications/preferences": "employee",
    "/admin/outbox": "admin",
    "/admin/outbox/<int:message_id>": "admin",
    "/admin/jobs": "admin",
    "/api/v1/notifications": "employee",
    "/api/v1/notification-preferences": "employee",
}
NOT_A_LIST: dict = {}


class NotificationsGrowth:
    def __init__(self, org):
        self.org = org
        self.step = 0

    def grow(self, person, skill) -> None:
        from jobs.models import JobRun
        from jobs.registry import job_specs
        from notifications.delivery import deliver_due
        from tests.notifications.helpers import NOW, notify

        self.step += 1
        due = NOW - timedelta(days=400) + timedelta(hours=self.step)
        notify(self.org.employee, 1, due_at=due)
        deliver_due(due)
        started = utcnow() - timedelta(minutes=self.step)
        db.session.add_all(
            JobRun(job_id=spec.id, now=started, started_at=started,
                   finished_at=started + timedelta(seconds=1), processed=self.step,
                   error="" if self.step % 2 else "RuntimeError: boom")
            for spec in job_specs()
        )  # fmt: skip
