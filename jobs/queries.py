"""Read side of the job runs, shared by ``flask jobs list`` and the admin jobs page."""

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.db import utcnow
from core.extensions import db
from jobs.models import JobRun
from jobs.unfinished import stale_before

UNFINISHED_SHOWN = 20


@dataclass(frozen=True)
class Unfinished:
    run: JobRun
    made_up_by: JobRun | None
    is_running: bool  # a recent heartbeat: maybe still at work


def unfinished_runs(limit: int = UNFINISHED_SHOWN) -> list[Unfinished]:
    """The latest runs that have not finished, newest first, each with the run that made
    up for it (if any), in one statement."""
    later = aliased(JobRun)
    rows = db.session.execute(
        sa.select(JobRun, later)
        .outerjoin(later, later.id == JobRun.made_up_by_id)
        .where(JobRun.finished_at.is_(None))
        .order_by(JobRun.id.desc())
        .limit(limit)
    ).all()
    stale = stale_before(utcnow())
    return [
        Unfinished(run, by, (run.heartbeat_at or run.started_at) >= stale)
        for run, by in rows
    ]


def last_runs() -> dict[str, JobRun]:
    """The latest run of every job that ever ran, in one statement."""
    latest = sa.select(sa.func.max(JobRun.id)).group_by(JobRun.job_id).scalar_subquery()
    runs = db.session.scalars(sa.select(JobRun).where(JobRun.id.in_(latest)))
    return {run.job_id: run for run in runs}


def last_errors() -> dict[str, JobRun]:
    """The latest failed run of every job that ever failed, in one statement."""
    latest = (
        sa.select(sa.func.max(JobRun.id))
        .where(JobRun.error != "")
        .group_by(JobRun.job_id)
        .scalar_subquery()
    )
    runs = db.session.scalars(sa.select(JobRun).where(JobRun.id.in_(latest)))
    return {run.job_id: run for run in runs}


def describe_trigger(spec) -> str:
    args = ", ".join(f"{k}={v}" for k, v in spec.trigger_args.items())
    return f"{spec.trigger}({args})"
