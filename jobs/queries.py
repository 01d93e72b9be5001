"""Read side of the job runs, shared by ``flask jobs list`` and the admin jobs page."""

import sqlalchemy as sa

from core.extensions import db
from jobs.models import JobRun


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
