"""What a scheduler does first once it holds the scheduler lock: finish what a dead one left.

Only the lock holder runs scheduled jobs (``jobs.lock``), so when a scheduler acquires the
lock — at start, or taking over from a holder that was killed (PostgreSQL frees the
advisory lock with the dead process's connection; SQLite's row goes stale) — a scheduled
run of another process that has no ``finished_at`` belongs to a scheduler that is gone.
``catch_up`` re-runs, at once, every job whose *latest* scheduled run is such a run (and
that no later run has made up for), with the same ``now`` that run had: the notices get
the same idempotency keys, so the rerun queues exactly what was left
(``notifications.batches``) and is recorded as having made up for it
(``jobs.unfinished``). A manual run (``flask jobs run``) is the operator's, not the
scheduler's, and is never re-run; a run that failed has finished (with its error). Once
the rerun has finished, the job's latest scheduled run is finished, so a second catch-up
does nothing.

``at_lock`` is the first job a scheduler runs (in its worker thread, before any trigger
fires): the catch-up, then the jobs named with ``flask jobs scheduler --fire JOB_ID`` —
"run this now, under the scheduler's lock", recorded as scheduled runs, so a scheduler
killed during one is caught up by the next. A rare overlap (a scheduler that lost its
lock after a long stall still finishing its job) is harmless: every job is idempotent.
"""

import logging

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from jobs.models import JobRun
from jobs.registry import JobSpec, job_specs
from jobs.runner import run_job, this_process

log = logging.getLogger("trellis.jobs")


def dead_runs() -> list[JobRun]:
    """Each job's latest scheduled run, where it did not finish in another process and
    was not made up for; oldest first."""
    latest = (
        sa.select(sa.func.max(JobRun.id))
        .where(JobRun.manual.is_(False))
        .group_by(JobRun.job_id)
        .scalar_subquery()
    )
    return list(
        db.session.scalars(
            sa.select(JobRun)
            .where(
                JobRun.id.in_(latest),
                JobRun.finished_at.is_(None),
                JobRun.made_up_by_id.is_(None),
                JobRun.process != this_process(),
            )
            .order_by(JobRun.id)
        )
    )


def catch_up(specs: list[JobSpec] | None = None) -> list[JobRun]:
    """Re-run each job whose latest scheduled run died, for that run's ``now``; return
    the reruns. Needs an app context; commits (through ``run_job``)."""
    by_id = {spec.id: spec for spec in (job_specs() if specs is None else specs)}
    reruns = []
    for dead in dead_runs():
        spec = by_id.get(dead.job_id)
        if spec is None:
            log.warning("catch-up: %s is no longer a job; not re-run", dead.job_id)
            continue
        log.info(
            "catch-up: %s run %d (%s, started %s) did not finish after %d item(s); "
            "re-running it for %s",
            dead.job_id,
            dead.id,
            dead.process,
            f"{dead.started_at:%Y-%m-%d %H:%M:%S}",
            dead.progress,
            dead.now.isoformat(),
        )
        rerun = run_job(spec, dead.now)
        log.info(
            "catch-up: %s finished: %d item(s) made up", dead.job_id, rerun.processed
        )
        reruns.append(rerun)
    if not reruns:
        log.info("catch-up: every scheduled run finished; nothing to re-run")
    return reruns


def at_lock(app, fire: list[JobSpec]):
    """The callable a scheduler runs first once it holds the lock: ``catch_up``, then
    each job in ``fire`` for the current moment (each in a fresh session)."""

    def startup() -> None:
        with app.app_context():
            try:
                catch_up()
            except Exception:  # the triggers must start whatever happens here
                db.session.rollback()
                log.exception("catch-up failed")
            for spec in fire:
                log.info("job %s: fired now (--fire)", spec.id)
                try:
                    run_job(spec, utcnow())
                except Exception:  # e.g. the start row could not be written
                    db.session.rollback()
                    log.exception("job %s could not run", spec.id)
            db.session.remove()

    return startup
