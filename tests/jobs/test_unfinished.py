"""Runs that did not finish: progress committed with each batch, the run that made up
for them, the admins' notice after two in a row, and both on the jobs page and in
``flask jobs list``."""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from core.timezones import local
from jobs.models import JobRun
from jobs.registry import JobSpec
from jobs.runner import run_job
from notifications.batches import BATCH, queue_in_batches
from notifications.kinds import NotificationKind as K
from notifications.models import Notification
from notifications.services import Pending
from tests import factories as f

NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)
LONG_AGO = utcnow() - timedelta(hours=1)  # a heartbeat that old: the run is dead


def _unfinished(job_id="test.job", now=NOW, progress=0, at=LONG_AGO) -> JobRun:
    run = JobRun(
        job_id=job_id, now=now, started_at=at, heartbeat_at=at, progress=progress
    )
    db.session.add(run)
    db.session.commit()
    return run


def _queues(user_id, count):
    def job(now):
        context = {
            "recipient_name": "Ada",
            "summary": "Due.",
            "due_on": "2026-11-05",
            "link_url": "/reviews",
        }
        pending = [
            Pending(user_id, K.review_due_soon, "review", i, now, context)
            for i in range(count)
        ]
        return queue_in_batches(pending, now)

    return job


def test_a_failed_batch_job_keeps_its_committed_progress(db, org):
    def dies_after_queueing(now):
        _queues(org.employee.id, BATCH + 20)(now)
        raise RuntimeError("killed")

    run = run_job(JobSpec("test.job", dies_after_queueing), NOW)
    assert run.error.startswith("RuntimeError: killed")
    assert run.progress == BATCH + 20
    assert db.session.scalar(sa.select(sa.func.count(Notification.id))) == BATCH + 20


def test_a_run_makes_up_for_the_unfinished_runs_before_it(db, org):
    dead = _unfinished(progress=7)
    later = _unfinished(now=NOW + timedelta(days=1))  # for a later moment: not covered
    run = run_job(JobSpec("test.job", _queues(org.employee.id, 3)), NOW)
    db.session.expire_all()
    assert (run.processed, run.made_up) == (3, 3)
    assert db.session.get(JobRun, dead.id).made_up_by_id == run.id
    assert db.session.get(JobRun, later.id).made_up_by_id is None


def test_a_run_after_finished_ones_made_up_nothing(db, org):
    run_job(JobSpec("test.job", _queues(org.employee.id, 1)), NOW)
    run = run_job(JobSpec("test.job", _queues(org.employee.id, 1)), NOW)
    assert run.made_up is None


def _notices() -> list[Notification]:
    kind = K.job_unfinished.value
    return list(
        db.session.scalars(sa.select(Notification).where(Notification.kind == kind))
    )


def test_admins_are_told_once_when_a_job_did_not_finish_twice_in_a_row(db, org):
    _unfinished(progress=3)
    second = _unfinished(progress=5)
    spec = JobSpec("test.job", lambda now: 0)
    run_job(spec, NOW)
    (notice,) = _notices()  # to the one admin
    assert (notice.recipient_id, notice.subject_id) == (org.admin.id, second.id)
    assert "test.job did not finish twice in a row" in notice.body
    assert "stopped after 5 and 3 item(s)" in notice.body
    run_job(spec, NOW)  # the run before it finished: no second notice
    assert len(_notices()) == 1


def test_one_unfinished_run_or_a_running_one_is_no_alarm(db, org):
    _unfinished()
    _unfinished(at=utcnow())  # a fresh heartbeat: perhaps still at work
    run_job(JobSpec("test.job", lambda now: 0), NOW)
    assert _notices() == []


def test_the_jobs_page_shows_the_unfinished_runs(db, login_as, org):
    dead = _unfinished("notifications.send_due", progress=42)
    run = run_job(JobSpec("notifications.send_due", _queues(org.employee.id, 2)), NOW)
    admin = f.make_person(name="Ada Admin", is_admin=True)
    page = login_as(admin).get("/admin/jobs").get_data(as_text=True)
    section = page.split('id="unfinished"')[1]
    assert "<code>notifications.send_due</code>" in section
    assert "did not finish" in section and "42 item(s) committed" in section
    # In the reader's zone (the organisation's: the admin has none), with its name.
    started = local(run.started_at, "%Y-%m-%d %H:%M:%S")
    assert f"the run of {started}: 2 item(s)" in section
    assert local(dead.started_at, "%Y-%m-%d %H:%M:%S") in section


def test_the_jobs_page_says_when_every_run_finished(db, login_as, org):
    admin = f.make_person(name="Ada Admin", is_admin=True)
    assert "Every run finished." in login_as(admin).get("/admin/jobs").get_data(
        as_text=True
    )


def test_jobs_list_shows_the_unfinished_runs(db, runner, org):
    _unfinished("reviews.send_deadline_reminders", progress=100)
    out = runner.invoke(args=["jobs", "list"]).output
    assert "Runs that did not finish (newest first):" in out
    line = next(
        x
        for x in out.splitlines()
        if x.startswith("reviews.send_deadline_reminders\t20")
    )
    assert "did not finish\tprogress 100\tnot yet made up" in line
