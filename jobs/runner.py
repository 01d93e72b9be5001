"""Run one job inside the current app context and record it as a ``JobRun``.

The start row is committed first, so a run that dies (kill -9) stays visible as started and
never finished. Then the job's work and the finished row are committed together; on an
exception the work is rolled back and the error recorded. ``run_job`` never raises: the
scheduler loop must outlive any one job.
"""

import logging
import traceback
from datetime import datetime

from core.db import utcnow
from core.extensions import db
from jobs.models import JobRun
from jobs.registry import JobSpec, job_specs

log = logging.getLogger("trellis.jobs")


def find_spec(job_id: str) -> JobSpec | None:
    return next((s for s in job_specs() if s.id == job_id), None)


def run_job(spec: JobSpec, now: datetime, manual: bool = False) -> JobRun:
    """Run ``spec.func(now)``, committing its work; return the recorded run."""
    run = JobRun(job_id=spec.id, now=now, started_at=utcnow(), manual=manual)
    db.session.add(run)
    db.session.commit()
    run_id = run.id
    try:
        processed = spec.func(now)
        run.processed = int(processed or 0)
        run.finished_at = utcnow()
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
