"""``jobs.catch_up``: a scheduler that takes the lock first re-runs the job whose latest
scheduled run died in another process, for that run's moment; nothing else, and once.
``flask jobs scheduler --fire`` names only known jobs."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from core.extensions import db
from jobs.catch_up import catch_up
from jobs.models import JobRun
from jobs.registry import JobSpec
from jobs.runner import this_process
from notifications.batches import BATCH, queue_in_batches
from notifications.kinds import NotificationKind as K
from notifications.models import Notification
from notifications.services import Pending

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)
AGO = datetime(2026, 11, 2, 9, 1, tzinfo=UTC)


def _spec(user_id, count=BATCH + 20, job_id="test.job"):
    def job(now):
        context = {"recipient_name": "Ada", "summary": "Due.", "due_on": "2026-11-05"}
        pending = [
            Pending(user_id, K.review_due_soon, "review", i, now, context)
            for i in range(count)
        ]
        return queue_in_batches(pending, now)

    return JobSpec(job_id, job)


def _run(job_id="test.job", finished=False, manual=False, process="elsewhere:1"):
    run = JobRun(
        job_id=job_id,
        now=NOW,
        started_at=AGO,
        heartbeat_at=AGO,
        finished_at=AGO if finished else None,
        manual=manual,
        process=process,
    )
    db.session.add(run)
    db.session.commit()
    return run


def _notices() -> int:
    return db.session.scalar(sa.select(sa.func.count(Notification.id)))


def test_a_dead_scheduled_run_is_finished_for_its_own_moment(db, org):
    spec = _spec(org.employee.id)
    dead = _run()
    spec.func(NOW)  # what the dead run had committed (the rerun skips it all) ...
    db.session.execute(sa.delete(Notification).where(Notification.subject_id >= BATCH))
    db.session.commit()  # ... was its first batch
    (rerun,) = catch_up([spec])
    db.session.expire_all()
    assert rerun.now == NOW and not rerun.manual  # same keys; a scheduled run
    assert (rerun.processed, rerun.made_up) == (20, 20)  # exactly what was left
    assert db.session.get(JobRun, dead.id).made_up_by_id == rerun.id
    assert _notices() == BATCH + 20


def test_it_runs_once(db, org):
    spec = _spec(org.employee.id, count=3)
    _run()
    assert len(catch_up([spec])) == 1
    assert catch_up([spec]) == []  # the latest scheduled run has now finished
    assert db.session.scalar(sa.select(sa.func.count(JobRun.id))) == 2


def test_a_manual_or_finished_or_own_or_older_run_is_not_re_run(db, org):
    specs = [_spec(org.employee.id, 1, f"test.{name}") for name in "abcd"]
    _run("test.a", manual=True)  # the operator's `flask jobs run`, killed
    _run("test.b", finished=True)
    _run("test.c", process=this_process())  # this process's own: not a dead one
    _run("test.d")  # died, but a later scheduled run finished
    _run("test.d", finished=True)
    assert catch_up(specs) == []
    assert _notices() == 0


def test_a_run_made_up_for_or_of_an_unknown_job_is_not_re_run(db, org):
    spec = _spec(org.employee.id, 1)
    dead = _run()
    later = _run(finished=True, manual=True)
    dead.made_up_by_id = later.id  # a manual run has finished it already
    _run("gone.job")  # no longer in the registry
    db.session.commit()
    assert catch_up([spec]) == []


def test_a_dead_run_for_an_earlier_moment_is_re_run_for_that_moment(db, org):
    spec = _spec(org.employee.id, 1)
    dead = _run()
    dead.now = NOW - timedelta(days=2)
    db.session.commit()
    (rerun,) = catch_up([spec])
    assert rerun.now == NOW - timedelta(days=2)


def test_fire_names_only_known_jobs(runner):
    result = runner.invoke(
        args=["jobs", "scheduler", "--fire", "nope.nothing", "--fire", "core.x"]
    )
    assert result.exit_code == 2
    assert "no job 'nope.nothing', 'core.x'" in result.output
    assert "development.send_manager_digests" in result.output  # the list of jobs
