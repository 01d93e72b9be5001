"""``flask jobs scheduler`` as a real process: one runs, a second waits and takes over;
once it holds the lock it finishes a dead run and runs ``--fire`` jobs; and an app
created the way gunicorn creates it starts no scheduler at all."""

import signal
import subprocess
import sys
from datetime import UTC, datetime

from tests.jobs.procs import ROOT, shared_db, start, stop, wait_for  # noqa: F401

STARTED = "scheduler started"
WAITING = "waiting for the scheduler lock"
FAST = {"SCHEDULER_LOCK_POLL": "0.2", "SCHEDULER_LOCK_STALE": "2"}


def test_an_app_created_like_gunicorn_does_starts_no_scheduler():
    code = (
        "import threading, sys\n"
        "from gunicorn.app.wsgiapp import WSGIApplication\n"
        "from gunicorn.util import import_app\n"
        "app = import_app('app:create_app()')\n"  # what `gunicorn 'app:create_app()'` runs
        "print(sorted(t.name for t in threading.enumerate()))\n"
        "print(sorted(m for m in sys.modules if m.startswith('apscheduler')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    assert out == ["['MainThread']", "[]"]


def test_a_second_scheduler_waits_until_the_first_stops(shared_db, tmp_path):  # noqa: F811
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start(["jobs", "scheduler"], shared_db.url, first_log, **FAST)
    try:
        wait_for(first_log, STARTED)
        second = start(["jobs", "scheduler"], shared_db.url, second_log, **FAST)
        try:
            wait_for(second_log, WAITING)
            assert STARTED not in second_log.read_text()
            assert stop(first) == 0  # SIGTERM: a clean stop releases the lock
            wait_for(first_log, "scheduler stopped")
            wait_for(second_log, STARTED)
        finally:
            assert stop(second) == 0
    finally:
        stop(first)


def test_a_killed_scheduler_is_replaced(shared_db, tmp_path):  # noqa: F811
    """kill -9 leaves no clean release: PostgreSQL frees the advisory lock with the
    session; on SQLite the waiter takes the row once its heartbeat is stale."""
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    first = start(["jobs", "scheduler"], shared_db.url, first_log, **FAST)
    try:
        wait_for(first_log, STARTED)
        second = start(["jobs", "scheduler"], shared_db.url, second_log, **FAST)
        try:
            wait_for(second_log, WAITING)
            stop(first, signal.SIGKILL)
            wait_for(second_log, STARTED, timeout=20)
        finally:
            assert stop(second) == 0
    finally:
        stop(first, signal.SIGKILL)


def test_a_scheduler_first_finishes_a_dead_run_then_fires(shared_db, tmp_path):  # noqa: F811
    """Once the lock is held: the catch-up re-runs the job whose latest scheduled run
    died elsewhere (for that run's moment), then ``--fire`` runs its job now."""
    from core.extensions import db
    from jobs.models import JobRun

    moment = datetime(2026, 11, 2, 9, tzinfo=UTC)
    dead = JobRun(
        job_id="core.purge_idempotency_keys",
        now=moment,
        started_at=moment,
        process="elsewhere:1",
    )
    db.session.add(dead)
    db.session.commit()
    log = tmp_path / "scheduler.log"
    args = ["jobs", "scheduler", "--fire", "notifications.send_due"]
    proc = start(args, shared_db.url, log, **FAST)
    try:
        wait_for(log, "job notifications.send_due: processed 0")
    finally:
        assert stop(proc) == 0
    out = log.read_text()
    rerun = f"catch-up: core.purge_idempotency_keys run {dead.id} (elsewhere:1"
    assert out.index(STARTED) < out.index(rerun) < out.index("fired now (--fire)")
    assert "re-running it for 2026-11-02T09:00:00+00:00" in out
    db.session.expire_all()
    assert db.session.get(JobRun, dead.id).made_up_by_id is not None
