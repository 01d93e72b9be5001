"""Crash drills on PostgreSQL: two job processes at once, one killed with SIGKILL at a
random moment; the other finishes the work, nothing is lost, nothing is doubled, and the
interrupted run stays visible.

- Mail: two ``jobs run notifications.send_due`` processes against a local aiosmtpd sink
  that takes a few milliseconds per message, a few hundred due messages, three rounds.
  Every message reaches the sink, at most one Message-ID twice per kill (the one in
  flight), the survivor finishes within seconds of the kill (one lease, shortened here to
  ``LEASE`` seconds), and no claim is left behind.
- Domain jobs: the weekly digest and the deadline reminders under two real
  ``flask jobs scheduler`` processes. A holds the lock and runs the job at once
  (``--fire``); B logs that it waits for the lock; once A's first batch is committed its
  next commit is held on a row lock and A is killed with SIGKILL mid-transaction. B takes
  the lock (PostgreSQL freed it with A's connection) and its catch-up (``jobs.catch_up``)
  re-runs the job for A's moment: every notice queued once, what A committed plus what B
  queued is the whole, B done within seconds of the kill, then stopped with SIGTERM; the
  jobs page shows A's run as "did not finish" with the run that made up for it.

PostgreSQL only: two SQLite writers take turns on one file, so there is no concurrent
claim to skip and no row lock to wait on (``FOR UPDATE SKIP LOCKED`` is what is drilled).
Figures go to stdout (``pytest -s``). ``TRELLIS_DRILL_SEED`` repeats a run's kill moments.
"""

import asyncio
import os
import random
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.clock import local_today
from core.config import TestConfig
from core.db import utcnow
from core.extensions import db
from jobs.models import JobRun
from notifications.batches import BATCH
from notifications.kinds import NotificationKind as K
from notifications.models import EmailMessage, Notification
from reviews import services
from reviews.models import Review
from tests import factories as f
from tests.jobs.procs import shared_db, start, stop, wait_for  # noqa: F401
from tests.notifications.helpers import free_port, notify, smtp_server

pytestmark = pytest.mark.skipif(
    not (TestConfig.SQLALCHEMY_DATABASE_URI or "").startswith("postgresql"),
    reason="drills FOR UPDATE SKIP LOCKED and row locks between processes: PostgreSQL",
)

SEED = int(os.environ.get("TRELLIS_DRILL_SEED") or time.time_ns() % 1_000_000)
MESSAGES = 300
ROUNDS = 3
LEASE = 3  # seconds (EMAIL_CLAIM_LEASE); production's is 45
SINK_DELAY = 0.008  # seconds the sink takes per message
NOW = datetime(2026, 11, 2, 10, tzinfo=UTC)  # a Monday, after the 09:00 reminders
MAIL_FROM = "trellis@example.com"
FAST = {"EMAIL_CLAIM_LEASE": LEASE, "JOB_RUN_STALE": 1, "MAIL_FROM": MAIL_FROM}


class Sink:
    """aiosmtpd handler: records each message's Message-ID on receipt, then takes
    ``delay`` before it answers (a kill in that gap leaves a message delivered that the
    sender never heard of: the worst case for duplicates)."""

    def __init__(self, delay: float):
        self.delay = delay
        self.message_ids: list[str] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        text = envelope.content.decode("utf8", errors="replace")
        header = next(
            line for line in text.splitlines() if line.lower().startswith("message-id:")
        )
        self.message_ids.append(header.split(":", 1)[1].strip())
        await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.01)


def _count(stmt) -> int:
    value = db.session.scalar(stmt)
    db.session.rollback()  # end the snapshot: the next poll sees the processes' commits
    return value


def _runs(job_id: str) -> list[JobRun]:
    db.session.expire_all()
    runs = db.session.scalars(
        sa.select(JobRun).where(JobRun.job_id == job_id).order_by(JobRun.id)
    ).all()
    return list(runs)


def _kill(proc) -> float:
    assert proc.poll() is None, "the victim had already stopped"
    at = time.monotonic()
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    return at


def _send_round(url, user, port, sink, rng, tmp_path, n) -> dict:
    for model in (EmailMessage, Notification, JobRun):
        db.session.execute(sa.delete(model))
    notify(user, MESSAGES, due_at=NOW - timedelta(hours=1))
    db.session.commit()
    sink.message_ids.clear()
    env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": port, "SMTP_STARTTLS": "0", **FAST}
    args = ["jobs", "run", "notifications.send_due", "--now", NOW.isoformat()]
    logs = [tmp_path / f"send-{n}-{i}.log" for i in (0, 1)]
    began = time.monotonic()
    procs = [start(args, url, log, **env) for log in logs]
    try:
        _wait(lambda: sink.message_ids, 60, "the first message")
        first = time.monotonic() - began
        at_kill = rng.randint(MESSAGES // 6, MESSAGES * 2 // 3)
        _wait(lambda: len(sink.message_ids) >= at_kill, 90, "mail in the sink")
        victim = rng.randrange(2)
        killed_at = _kill(procs[victim])
        in_sink = len(sink.message_ids)
        survivor = procs[1 - victim]
        assert survivor.wait(timeout=60) == 0, logs[1 - victim].read_text()
        finished_after = time.monotonic() - killed_at
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    db.session.expire_all()
    ids = db.session.scalars(sa.select(EmailMessage.id)).all()
    expected = {f"<trellis-email-{i}@example.com>" for i in ids}
    duplicates = sum(c - 1 for c in Counter(sink.message_ids).values())
    unsent = _count(sa.select(sa.func.count()).where(EmailMessage.sent_at.is_(None)))
    stranded = _count(
        sa.select(sa.func.count()).where(EmailMessage.lease_until.is_not(None))
    )
    runs = _runs("notifications.send_due")
    dead = [r for r in runs if r.finished_at is None]
    done = [r for r in runs if r.finished_at is not None]
    assert set(sink.message_ids) == expected and len(expected) == MESSAGES
    assert duplicates <= 1
    assert (unsent, stranded) == (0, 0)
    assert finished_after < LEASE + 15, finished_after
    assert len(dead) == len(done) == 1 and dead[0].made_up_by_id == done[0].id
    return {
        "round": n,
        "killed at": f"{in_sink}/{MESSAGES} in the sink",
        "first mail after": f"{first:.1f} s",
        "kill after": f"{killed_at - began:.1f} s",
        "survivor finished after kill": f"{finished_after:.1f} s",
        "duplicates": duplicates,
        "unsent": unsent,
        "stranded claims": stranded,
        "killed run's progress": dead[0].progress,
    }


def test_a_killed_sender_is_taken_over_at_once(shared_db, tmp_path):  # noqa: F811
    rng = random.Random(SEED)
    user = f.make_person(name="Many Mails")
    db.session.commit()
    port = free_port()
    sink = Sink(SINK_DELAY)
    controller = smtp_server(sink, port)
    started = time.monotonic()
    try:
        figures = [
            _send_round(shared_db.url, user, port, sink, rng, tmp_path, n)
            for n in range(1, ROUNDS + 1)
        ]
    finally:
        controller.stop()
    print(f"\nsend_due drill (seed {SEED}, {time.monotonic() - started:.1f} s):")
    for row in figures:
        print("  " + "; ".join(f"{k} {v}" for k, v in row.items()))


# Domain jobs ----------------------------------------------------------------------------
MANAGERS = 300  # each with one report; a boss over them: 301 digests, 602 reviews
SCHEDULERS = {"SCHEDULER_LOCK_POLL": "0.2", "JOB_RUN_STALE": "1"}
STARTED = "scheduler started"
WAITING = "waiting for the scheduler lock"


def _domain_world() -> dict[str, int]:
    """Managers with one report each, a review cycle whose self-assessments are due the
    day after tomorrow (so "due in 3 days" is due now, whatever the time of day: the
    schedulers run on the clock); return how many notices each job is to queue."""
    hr = f.make_person(name="Hannah HR", is_hr=True)
    boss = f.make_person(name="Big Boss")
    for i in range(MANAGERS):
        manager = f.make_person(name=f"Manager {i}", manager_id=boss.employee_id)
        f.make_person(name=f"Report {i}", manager_id=manager.employee_id)
    template = f.make_template(actor=hr)
    due = local_today(utcnow()) + timedelta(days=2)
    cycle = f.make_cycle(
        template,
        self_due_on=due,
        manager_due_on=due + timedelta(10),
        signoff_due_on=due + timedelta(20),
    )
    services.launch_cycle(hr, cycle, now=utcnow() - timedelta(days=20))
    db.session.commit()
    reviews = _count(sa.select(sa.func.count()).where(Review.cycle_id == cycle.id))
    return {
        "development.send_manager_digests": MANAGERS + 1,
        "reviews.send_deadline_reminders": reviews,
    }


def _run_of(job_id: str, proc) -> JobRun | None:
    return next((r for r in _runs(job_id) if r.process.endswith(f":{proc.pid}")), None)


def _scheduler_round(url, job_id, expected, tmp_path, attempt=1) -> dict:
    """Scheduler A fires the job, B waits for the lock; A is killed once its first batch
    is in (its next commit held on a row lock, so the kill lands mid-transaction); B
    takes the lock and its catch-up finishes the run."""
    kind = (K.manager_digest if "digest" in job_id else K.review_due_soon).value
    db.session.execute(sa.delete(Notification).where(Notification.kind == kind))
    db.session.execute(sa.delete(JobRun).where(JobRun.job_id == job_id))
    db.session.commit()
    log_a, log_b = (tmp_path / f"{job_id}-{attempt}-{x}.log" for x in "ab")
    began = time.monotonic()
    a = start(["jobs", "scheduler", "--fire", job_id], url, log_a, **SCHEDULERS)
    b = gate = None
    try:
        wait_for(log_a, STARTED, timeout=60)  # A holds the lock
        b = start(["jobs", "scheduler"], url, log_b, **SCHEDULERS)
        _wait(
            lambda: (_run_of(job_id, a) or JobRun(progress=0)).progress >= BATCH,
            60,
            "A's first batch",
        )
        run_a = _run_of(job_id, a)
        db.session.rollback()
        # Hold A's run row: its next commit (a batch or its end) updates it and waits.
        gate = db.engine.connect()
        held = gate.execute(
            sa.select(JobRun.finished_at, JobRun.progress)
            .where(JobRun.id == run_a.id)
            .with_for_update()
        ).one()
        wait_for(log_b, WAITING, timeout=60)  # B is up and waits for the lock
        missed = held.finished_at is not None  # A finished before the row was held
        if not missed:
            assert STARTED not in log_b.read_text()
            killed_at = _kill(a)
            gate.rollback()  # A's session sees it is alone and rolls back its batch
            _wait(
                lambda: getattr(_run_of(job_id, b), "finished_at", None) is not None,
                30,
                "B's catch-up run",
            )
            finished_after = time.monotonic() - killed_at
            assert stop(b) == 0  # SIGTERM: a clean stop
    finally:
        if gate is not None:
            gate.close()
        for proc in (a, b):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    if missed:
        assert attempt < 3, "A finished before every kill"
        return _scheduler_round(url, job_id, expected, tmp_path, attempt + 1)
    out_b = log_b.read_text()
    notices = db.session.execute(
        sa.select(Notification.subject_id, Notification.recipient_id).where(
            Notification.kind == kind
        )
    ).all()
    runs = _runs(job_id)
    db.session.rollback()
    (dead,) = [r for r in runs if r.finished_at is None]
    (done,) = [r for r in runs if r.finished_at is not None]
    assert len(notices) == len(set(notices)) == expected  # 0 duplicates, 0 lost
    assert dead.id == run_a.id and dead.progress == held.progress >= BATCH
    assert done.process.endswith(f":{b.pid}") and not (dead.manual or done.manual)
    assert done.now == dead.now  # the same moment: the same idempotency keys
    assert dead.progress + done.processed == expected
    assert dead.made_up_by_id == done.id and done.made_up == done.processed
    assert finished_after < 15, finished_after
    assert out_b.index(WAITING) < out_b.index(STARTED)
    assert f"catch-up: {job_id} run {dead.id} " in out_b
    assert "scheduler stopped" in out_b
    return {
        "job": job_id,
        "A killed after": f"{dead.progress}/{expected} notices committed",
        "B's catch-up queued": done.processed,
        "kill to B finished": f"{finished_after:.1f} s",
        "notices": f"{len(notices)}/{expected}",
        "duplicates": len(notices) - len(set(notices)),
        "round took": f"{time.monotonic() - began:.1f} s",
        "attempts": attempt,
    }


def test_a_killed_scheduler_s_domain_job_is_finished_by_the_next(
    shared_db,  # noqa: F811
    tmp_path,
    app,
    login_as,
    monkeypatch,
):
    expected = _domain_world()
    started = time.monotonic()
    figures = [
        _scheduler_round(shared_db.url, job_id, count, tmp_path)
        for job_id, count in expected.items()
    ]
    took = time.monotonic() - started
    monkeypatch.setitem(app.config, "JOB_RUN_STALE_SECONDS", 1)
    admin = f.make_person(name="Ada Admin", is_admin=True)
    db.session.commit()
    time.sleep(1)
    page = login_as(admin).get("/admin/jobs").get_data(as_text=True)
    section = page.split('id="unfinished"')[1]
    for job_id in expected:
        assert (
            f'<code>{job_id}</code> <span class="badge badge-overdue">did not '
            "finish</span>" in section
        )
    assert section.count("the run of ") == 2
    assert took < 60, took
    print(f"\ndomain drill with two schedulers ({took:.1f} s):")
    for row in figures:
        print("  " + "; ".join(f"{k} {v}" for k, v in row.items()))
