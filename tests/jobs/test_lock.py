"""``jobs.lock.scheduler_lock``: a second holder waits until the first lets go.

Runs on SQLite (a lock row in a file database) and on PostgreSQL (an advisory lock) —
whichever ``TEST_DATABASE_URL`` selects. Stale-heartbeat takeover is SQLite-only: on
PostgreSQL the server itself frees a dead holder's lock (tested by killing its session).
"""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from jobs.lock import scheduler_lock
from jobs.models import SchedulerLock
from tests.jobs.procs import shared_db  # noqa: F401  (fixture)


@pytest.fixture
def fast(shared_db, monkeypatch):  # noqa: F811
    monkeypatch.setitem(shared_db.app.config, "SCHEDULER_LOCK_POLL_SECONDS", 0.05)
    monkeypatch.setitem(shared_db.app.config, "SCHEDULER_LOCK_STALE_SECONDS", 0.6)
    return shared_db


class Holder(threading.Thread):
    """Takes the lock in its own thread and holds it until ``release`` is set."""

    def __init__(self, app, name="scheduler"):
        super().__init__(daemon=True)
        self.app, self.name = app, name
        self.acquired = threading.Event()
        self.release = threading.Event()
        self.stop = threading.Event()
        self.lost = threading.Event()
        self.lock = None

    def run(self):
        with self.app.app_context():
            with scheduler_lock(
                self.name, stop=self.stop, on_lost=self.lost.set
            ) as lock:
                self.lock = lock
                if lock is not None:
                    self.acquired.set()
                    self.release.wait(30)
            db.session.remove()

    def finish(self):
        self.release.set()
        self.stop.set()
        self.join(10)


def test_a_second_scheduler_waits_until_the_first_releases(fast):
    first, second = Holder(fast.app), Holder(fast.app)
    first.start()
    assert first.acquired.wait(10)
    second.start()
    assert not second.acquired.wait(1.5)  # longer than the stale time: heartbeats hold
    first.finish()
    assert second.acquired.wait(10)
    second.finish()
    assert not first.lost.is_set() and not second.lost.is_set()


def test_a_waiter_can_be_stopped_before_it_gets_the_lock(fast):
    first, second = Holder(fast.app), Holder(fast.app)
    first.start()
    assert first.acquired.wait(10)
    second.start()
    second.stop.set()
    second.join(10)
    assert not second.is_alive() and second.lock is None
    first.finish()


def test_different_lock_names_do_not_block_each_other(fast):
    one, other = Holder(fast.app, "one"), Holder(fast.app, "other")
    one.start()
    other.start()
    assert one.acquired.wait(10) and other.acquired.wait(10)
    one.finish()
    other.finish()


def test_a_dead_holders_lock_is_taken_over(fast):
    if fast.is_postgres:
        _kill_holder_session_on_postgres(fast)
        return
    db.session.add(
        SchedulerLock(
            name="scheduler",
            holder="dead:1:x",
            heartbeat_at=utcnow() - timedelta(seconds=5),
        )
    )
    db.session.commit()
    holder = Holder(fast.app)
    holder.start()
    assert holder.acquired.wait(5)
    holder.finish()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SchedulerLock)) == 0


def test_a_fresh_foreign_row_is_respected(fast):
    if fast.is_postgres:
        pytest.skip("PostgreSQL holds no lock rows (advisory lock instead)")
    db.session.add(
        SchedulerLock(
            name="scheduler",
            holder="alive:1:x",
            heartbeat_at=utcnow() + timedelta(hours=1),
        )
    )
    db.session.commit()
    holder = Holder(fast.app)
    holder.start()
    assert not holder.acquired.wait(1)
    holder.finish()


def test_a_holder_whose_row_was_taken_stops(fast):
    if fast.is_postgres:
        pytest.skip("PostgreSQL: see test_a_dead_holders_lock_is_taken_over")
    holder = Holder(fast.app)
    holder.start()
    assert holder.acquired.wait(5)
    db.session.execute(sa.update(SchedulerLock).values(holder="usurper:1:x"))
    db.session.commit()
    assert holder.lost.wait(5)
    holder.finish()


def _kill_holder_session_on_postgres(shared):
    """The advisory lock dies with its session: the waiter gets it, the holder stops."""
    first, second = Holder(shared.app), Holder(shared.app)
    first.start()
    assert first.acquired.wait(10)
    second.start()
    assert not second.acquired.wait(0.5)
    pid = first.lock._conn.scalar(sa.text("SELECT pg_backend_pid()"))
    db.session.execute(sa.text("SELECT pg_terminate_backend(:p)"), {"p": pid})
    db.session.commit()
    assert second.acquired.wait(10)
    assert first.lost.wait(10)
    first.finish()
    second.finish()
