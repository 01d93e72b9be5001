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
    """Per step: a delivered notification for Emma (with its email) and a run of every
    job. ``grow`` only counts steps; ``finish`` writes them all in a few statements
    (queueing and delivering one at a time cost the gate a third of its time)."""

    def __init__(self, org):
        self.org = org
        self.step = 0
        self.pending: list[int] = []

    def grow(self, person, skill) -> None:
        self.step += 1
        self.pending.append(self.step)

    def finish(self) -> None:
        from jobs.models import JobRun
        from jobs.registry import job_specs
        from notifications.delivery import deliver_due
        from notifications.kinds import NotificationKind
        from notifications.services import Pending, queue
        from tests.notifications.helpers import NOW

        steps, self.pending = self.pending, []
        if not steps:
            return
        first = NOW - timedelta(days=400)
        context = {
            "recipient_name": "Emma",
            "summary": "Your self-assessment is due.",
            "due_on": "2026-11-05",
            "link_url": "/reviews",
        }
        kind = NotificationKind.review_due_soon
        user_id = self.org.employee.id
        pending = [
            Pending(
                user_id,
                kind,
                "review",
                1,
                first + timedelta(hours=step),
                context,
                link="/reviews",
            )
            for step in steps
        ]
        queue(pending, now=first)
        deliver_due(first + timedelta(hours=steps[-1]))
        specs = job_specs()
        runs = []
        for step in steps:
            started = utcnow() - timedelta(minutes=step)
            runs += [
                JobRun(
                    job_id=spec.id,
                    now=started,
                    started_at=started,
                    finished_at=started + timedelta(seconds=1),
                    processed=step,
                    error="" if step % 2 else "RuntimeError: boom",
                )
                for spec in specs
            ]
        db.session.add_all(runs)
        db.session.flush()
        # and one run per step that did not finish, made up for by a finished one
        db.session.add_all(
            JobRun(
                job_id=spec.id,
                now=NOW,
                started_at=NOW,
                heartbeat_at=NOW,
                progress=step,
                made_up_by_id=runs[0].id,
            )
            for step in steps
            for spec in specs[:1]
        )
