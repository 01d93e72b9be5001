"""Runs that did not finish: which later run made up for them, and the admins' notice.

A run is *made up for* by the first later run of the same job that finishes for the same
moment or a later one: every job is an idempotent "due and not yet done" query, so once
such a run has finished, whatever the interrupted one left is done. The interrupted run
keeps ``made_up_by_id``; the run that made up for it keeps ``made_up`` (its processed
count — exactly what was left when it ran for the same moment, an upper bound otherwise).
No liveness test is needed: a run still alive when another one makes up for it simply
finishes later, and then counts as finished.

A run *did not finish* when it has no ``finished_at`` and no heartbeat (its start or a
batch commit, ``core.progress``) for ``JOB_RUN_STALE_SECONDS``. When the two runs before
a new one both did not finish, the admins get one ``job_unfinished`` notice (keyed by
the later of the two, so one per failing pair however often the job is rerun).
"""

from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app

from core.extensions import db
from jobs.models import JobRun
from notifications.kinds import NotificationKind
from notifications.services import Pending, queue
from people.models import User


def stale_before(clock: datetime) -> datetime:
    """Heartbeats older than this belong to runs that are not alive."""
    return clock - timedelta(seconds=current_app.config["JOB_RUN_STALE_SECONDS"])


def make_up_for_unfinished(run: JobRun) -> int:
    """Mark the job's unfinished runs up to ``run.now`` as made up by ``run``."""
    made = db.session.execute(
        sa.update(JobRun)
        .where(
            JobRun.job_id == run.job_id,
            JobRun.id != run.id,
            JobRun.finished_at.is_(None),
            JobRun.made_up_by_id.is_(None),
            JobRun.now <= run.now,
        )
        .values(made_up_by_id=run.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if made:
        run.made_up = run.processed
    return made


def warn_if_unfinished_twice(run: JobRun, clock: datetime) -> int:
    """Queue the admins' notice when the two runs before ``run`` both did not finish."""
    before = list(
        db.session.scalars(
            sa.select(JobRun)
            .where(JobRun.job_id == run.job_id, JobRun.id < run.id)
            .order_by(JobRun.id.desc())
            .limit(2)
        )
    )
    stale = stale_before(clock)
    dead = [
        r
        for r in before
        if r.finished_at is None and (r.heartbeat_at or r.started_at) < stale
    ]
    if len(before) < 2 or len(dead) < 2:
        return 0
    latest = before[0]
    admins = db.session.scalars(
        sa.select(User.id).where(User.is_admin.is_(True), User.is_enabled.is_(True))
    )
    context = {
        "job_id": run.job_id,
        "started": [r.started_at.strftime("%Y-%m-%d %H:%M:%S UTC") for r in before],
        "progress": [r.progress for r in before],
    }
    return queue(
        [
            Pending(
                user_id,
                NotificationKind.job_unfinished,
                "JobRun",
                latest.id,
                latest.started_at,
                context,
                link="/admin/jobs",
            )
            for user_id in admins
        ],
        clock,
    )
