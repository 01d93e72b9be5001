"""Demo: run every scheduled job once at the demo's "today", after every other loader, so
the demo organisation opens with notifications in the centre, planned reviews and emails in
the outbox — what a deployment looks like after its scheduler has been running.

Registered last by ``app._register_cli`` (``register_demo_loader``). If nobody in the demo
happens to be at the end of their probation period, the most recent hire without reports is
moved to have been hired ``PROBATION_REVIEW_DAYS`` + 3 days ago, so a planned review shows.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from core.clock import local_today
from core.db import utcnow
from core.extensions import db
from jobs.models import JobRun
from people.demo import DEMO_LOADERS, DemoOrg
from people.models import Employee


def register_demo_loader() -> None:
    """Add the jobs loader to ``people.demo.DEMO_LOADERS`` (idempotent; call it last)."""
    if load_jobs not in DEMO_LOADERS:
        DEMO_LOADERS.append(load_jobs)


def _probation_hire(today) -> None:
    days = int(current_app.config.get("PROBATION_REVIEW_DAYS") or 0)
    if not days:
        return
    window = (today - timedelta(days=days + 29), today - timedelta(days=days))
    if db.session.scalar(
        sa.select(sa.func.count())
        .select_from(Employee)
        .where(Employee.hired_on.between(*window), Employee.manager_id.is_not(None))
    ):
        return
    managers = sa.select(Employee.manager_id).where(Employee.manager_id.is_not(None))
    newest = db.session.scalar(
        sa.select(Employee)
        .where(Employee.manager_id.is_not(None), Employee.id.not_in(managers))
        .order_by(Employee.hired_on.desc(), Employee.id)
        .limit(1)
    )
    if newest is not None:
        newest.hired_on = today - timedelta(days=days + 3)
        db.session.flush()


def load_jobs(org: DemoOrg, progress) -> None:
    from jobs.registry import job_specs

    now = utcnow()
    _probation_hire(local_today(now))
    for spec in job_specs():
        started = utcnow()
        processed = spec.func(now)
        # Recorded as a scheduled run would be, so the admin jobs page shows a last run.
        db.session.add(
            JobRun(
                job_id=spec.id,
                now=now,
                started_at=started,
                finished_at=utcnow(),
                processed=int(processed or 0),
            )
        )
        db.session.flush()
        progress(f"job {spec.id}")
