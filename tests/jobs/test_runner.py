"""``jobs.runner.run_job``: records every run; commits the work or rolls it back."""

from datetime import UTC, datetime

import sqlalchemy as sa

from core.extensions import db
from jobs.models import JobRun
from jobs.registry import JobSpec
from jobs.runner import find_spec, run_job, scheduled
from people.models import Department

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


def _adds_a_department(now):
    db.session.add(Department(name=f"Made at {now:%H:%M}"))
    return 1


def _fails(now):
    db.session.add(Department(name="Half done"))
    db.session.flush()
    raise RuntimeError("the job broke")


def test_a_run_commits_the_work_and_records_it(db):
    run = run_job(JobSpec("test.adds", _adds_a_department), NOW, manual=True)
    db.session.rollback()  # nothing left uncommitted
    assert db.session.scalar(sa.select(Department.name)) == "Made at 09:00"
    run = db.session.get(JobRun, run.id)
    assert (run.job_id, run.now, run.processed, run.error, run.manual) == (
        "test.adds",
        NOW,
        1,
        "",
        True,
    )
    assert run.finished_at >= run.started_at


def test_a_failing_job_is_rolled_back_and_its_error_kept(db):
    run = run_job(JobSpec("test.fails", _fails), NOW)
    assert db.session.scalar(sa.select(sa.func.count(Department.id))) == 0
    assert run.error.startswith("RuntimeError: the job broke")
    assert run.finished_at is not None and run.processed == 0


def test_the_start_is_committed_before_the_job_runs(app, db):
    seen = []

    def look(now):
        with db.engine.connect() as other:  # another connection sees committed rows
            seen.append(other.scalar(sa.select(sa.func.count(JobRun.id))))
        return 0

    run_job(JobSpec("test.look", look), NOW)
    assert seen == [1]


def test_the_scheduled_callable_never_raises(app, db, monkeypatch):
    def broken_runner(spec, now, manual=False):
        raise OSError("database unreachable")

    monkeypatch.setattr("jobs.runner.run_job", broken_runner)
    scheduled(app, JobSpec("test.fails", _fails))()  # logs, does not raise


def test_the_registry_has_the_send_due_job():
    spec = find_spec("notifications.send_due")
    assert spec is not None and spec.trigger == "interval"
