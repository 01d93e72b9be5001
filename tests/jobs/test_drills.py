"""Crash drills on PostgreSQL: two job processes at once, one killed with SIGKILL at a
random moment; the other finishes the work, nothing is lost, nothing is doubled, and the
interrupted run stays visible.

- Mail: two ``jobs run notifications.send_due`` processes against a local aiosmtpd sink
  that takes a few milliseconds per message, a few hundred due messages, three rounds.
  Every message reaches the sink, at most one Message-ID twice per kill (the one in
  flight), the survivor finishes within seconds of the kill (one lease, shortened here to
  ``LEASE`` seconds), and no claim is left behind.
- Domain jobs: the weekly digest and the deadline reminders, each run by two processes at
  once (as two schedulers would; a table lock holds their first insert until both have
  started, so they overlap) and the one doing the work killed before its first batch
  commit or after a random number of batches: every notice queued once, what the killed
  run committed plus what the survivor queued is the whole, and the jobs page shows the
  killed run with how far it got and the run that made up for it.

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
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.config import TestConfig
from core.extensions import db
from jobs.models import JobRun
from notifications.batches import BATCH
from notifications.kinds import NotificationKind as K
from notifications.models import EmailMessage, Notification
from reviews import services
from reviews.models import Review
from tests import factories as f
from tests.jobs.procs import shared_db, start  # noqa: F401
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


def _domain_world() -> dict[str, int]:
    """Managers with one report each, a review cycle whose self-assessments are due in
    three days; return how many notices each job is to queue."""
    hr = f.make_person(name="Hannah HR", is_hr=True)
    boss = f.make_person(name="Big Boss")
    for i in range(MANAGERS):
        manager = f.make_person(name=f"Manager {i}", manager_id=boss.employee_id)
        f.make_person(name=f"Report {i}", manager_id=manager.employee_id)
    template = f.make_template(actor=hr)
    due = date(2026, 11, 5)  # NOW's day + 3: "due in 3 days" is due at 09:00 today
    cycle = f.make_cycle(template, self_due_on=due, manager_due_on=due + timedelta(10),
                         signoff_due_on=due + timedelta(20))  # fmt: skip
    services.launch_cycle(hr, cycle, now=NOW - timedelta(days=20))
    db.session.commit()
    reviews = _count(sa.select(sa.func.count()).where(Review.cycle_id == cycle.id))
    return {
        "development.send_manager_digests": MANAGERS + 1,
        "reviews.send_deadline_reminders": reviews,
    }


def _kill_one_running(job_id, procs, rng) -> bool:
    """Kill the process doing the work — of those whose run has not finished, the one
    that committed most (either, when neither has); False if it finished before the
    signal landed (the round did not test a kill)."""
    runs = _runs(job_id)
    db.session.rollback()
    running = [
        (run.progress, rng.random(), proc)
        for proc in procs
        for run in runs
        if run.process.endswith(f":{proc.pid}") and run.finished_at is None
    ]
    assert running, "both runs finished before the kill"
    victim = max(running, key=lambda item: item[:2])[2]
    _kill(victim)
    run = next(r for r in _runs(job_id) if r.process.endswith(f":{victim.pid}"))
    db.session.rollback()
    return run.finished_at is None


def _domain_round(url, job_id, expected, rng, tmp_path, attempt=1) -> dict:
    kind = (K.manager_digest if "digest" in job_id else K.review_due_soon).value
    db.session.execute(sa.delete(Notification).where(Notification.kind == kind))
    db.session.execute(sa.delete(JobRun).where(JobRun.job_id == job_id))
    db.session.commit()
    args = ["jobs", "run", job_id, "--now", NOW.isoformat()]
    logs = [tmp_path / f"{job_id}-{attempt}-{i}.log" for i in (0, 1)]
    # Kill before the first batch commit or once some batches are in (by either run).
    batches = [0] + [BATCH * b for b in range(1, expected * 2 // 3 // BATCH + 1)]
    threshold = rng.choice(batches)
    # Until both runs have started, nobody may insert a notice: the two really overlap
    # (one process may boot seconds after the other on a busy machine).
    gate = db.engine.connect()
    gate.exec_driver_sql("LOCK TABLE notifications IN EXCLUSIVE MODE")
    procs = [start(args, url, log, **FAST) for log in logs]
    try:
        count_runs = sa.select(sa.func.count()).where(JobRun.job_id == job_id)
        _wait(lambda: _count(count_runs) == 2, 60, "both runs to start")
        gate.rollback()
        gate.close()
        if threshold:
            queued = sa.select(sa.func.count()).where(Notification.kind == kind)
            _wait(lambda: _count(queued) >= threshold, 60, f"{threshold} notices")
        else:
            time.sleep(rng.uniform(0.05, 0.3))  # computing: nothing committed yet
        killed = _kill_one_running(job_id, procs, rng)
        for proc, log in zip(procs, logs, strict=True):
            assert proc.wait(timeout=60) in (0, -signal.SIGKILL), log.read_text()
    finally:
        gate.close()
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if not killed and attempt < 3:  # it had just finished: drill again
        return _domain_round(url, job_id, expected, rng, tmp_path, attempt + 1)
    notices = db.session.execute(
        sa.select(Notification.kind, Notification.subject_id, Notification.recipient_id)
    ).all()
    db.session.rollback()
    mine = [n for n in notices if n.kind == kind]
    runs = _runs(job_id)
    dead = [r for r in runs if r.finished_at is None]
    done = [r for r in runs if r.finished_at is not None]
    assert len(dead) == len(done) == 1
    assert len(mine) == len(set(mine)) == expected  # 0 duplicates, 0 lost
    assert dead[0].progress + done[0].processed == expected
    assert dead[0].made_up_by_id == done[0].id and done[0].made_up == done[0].processed
    took = (done[0].finished_at - done[0].started_at).total_seconds()
    return {
        "job": job_id,
        "killed after": f"{threshold} notices in",
        "notices": f"{len(mine)}/{expected}",
        "duplicates": len(mine) - len(set(mine)),
        "killed run had committed": dead[0].progress,
        "survivor queued": done[0].processed,
        "survivor took": f"{took:.1f} s",
        "attempts": attempt,
    }


def test_killed_domain_jobs_lose_nothing_and_stay_visible(
    shared_db,  # noqa: F811
    tmp_path,
    app,
    login_as,
    client,
    monkeypatch,
):
    rng = random.Random(SEED + 1)
    expected = _domain_world()
    started = time.monotonic()
    figures = [
        _domain_round(shared_db.url, job_id, count, rng, tmp_path)
        for job_id, count in expected.items()
    ]
    monkeypatch.setitem(app.config, "JOB_RUN_STALE_SECONDS", 1)
    admin = f.make_person(name="Ada Admin", is_admin=True)
    db.session.commit()
    time.sleep(1)
    page = login_as(admin).get("/admin/jobs").get_data(as_text=True)
    section = page.split('id="unfinished"')[1]
    for job_id in expected:
        assert f"<code>{job_id}</code> <span class=\"badge badge-overdue\">did not " \
               "finish</span>" in section  # fmt: skip
    assert section.count("the run of ") == 2
    print(f"\ndomain drill (seed {SEED + 1}, {time.monotonic() - started:.1f} s):")
    for row in figures:
        print("  " + "; ".join(f"{k} {v}" for k, v in row.items()))
