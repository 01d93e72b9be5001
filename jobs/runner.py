"""Run one job inside the current app context and record it as a ``JobRun``.

The start row is committed first, so a run that dies (kill -9) stays visible as started and
never finished. A job that commits in batches reports its progress (``core.progress``):
the count and a heartbeat go into the run's row in the same commit as the batch, so a
killed run shows how far it got. The rest of the work and the finished row are committed
together, with the note of which unfinished runs this one made up for
(``jobs.unfinished``); on an exception the uncommitted work is rolled back and the error
recorded. ``run_job`` never raises: the scheduler loop must outlive any one job.
"""

import logging
import os
import socket
import traceback
from datetime import datetime

from core.db import utcnow
from core.extensions import db
from core.progress import reporting_to
from jobs.models import JobRun
from jobs.registry import JobSpec, job_specs
from jobs.unfinished import make_up_for_unfinished, warn_if_unfinished_twice

log = logging.getLogger("trellis.jobs")


def this_process() -> str:
    """host:pid, so an admin can match a run that did not finish with its process."""
    return f"{socket.gethostname()[:100]}:{os.getpid()}"


def find_spec(job_id: str) -> JobSpec | None:
    return next((s for s in job_specs() if s.id == job_id), None)


def _warn(run: JobRun) -> None:
    try:
        warn_if_unfinished_twice(run, utcnow())
        db.session.commit()
    except Exception:  # a notice that cannot be queued must not stop the job
        db.session.rollback()
        log.exception("job %s: could not queue the unfinished-runs notice", run.job_id)


def run_job(spec: JobSpec, now: datetime, manual: bool = False) -> JobRun:
    """Run ``spec.func(now)``, committing its work; return the recorded run."""
    started = utcnow()
    run = JobRun(
        job_id=spec.id,
        now=now,
        started_at=started,
        heartbeat_at=started,
        manual=manual,
        process=this_process(),
    )
    db.session.add(run)
    db.session.commit()
    run_id = run.id
    _warn(run)

    def progress(done: int) -> None:  # committed by the job with its batch
        run.progress = done
        run.heartbeat_at = utcnow()

    try:
        with reporting_to(progress):
            processed = spec.func(now)
        run.processed = run.progress = int(processed or 0)
        run.finished_at = run.heartbeat_at = utcnow()
        make_up_for_unfinished(run)
        db.session.commit()
        log.info("job %s: processed %d", spec.id, run.processed)
        return run
    except Exception as exc:  # recorded, never raised to the loop
        db.session.rollback()
        log.exception("job %s failed", spec.id)
        error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"
    try:
        run = db.session.get(JobRun, run_id)
        run.error = error[:4000]
        run.finished_at = utcnow()
        db.session.commit()
    except Exception:  # the database itself is gone: the log has it
        db.session.rollback()
        log.exception("job %s: could not record the failure", spec.id)
    return run


def scheduled(app, spec: JobSpec):
    """The callable APScheduler runs: a fresh app context and session per run."""

    def fire() -> None:
        with app.app_context():
            try:
                run_job(spec, utcnow())
            except Exception:  # e.g. the start row could not be written
                log.exception("job %s could not run", spec.id)
            finally:
                db.session.remove()

    fire.__name__ = spec.id.replace(".", "_")
    return fire
