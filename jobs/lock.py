"""``scheduler_lock()``: only one scheduler acts at a time; a second one waits.

- PostgreSQL: ``pg_try_advisory_lock`` on a dedicated autocommit connection held for the
  life of the process, retried every ``SCHEDULER_LOCK_POLL_SECONDS``. The server releases
  the lock when that connection ends — also on kill -9 — so a waiting scheduler takes over
  at its next poll.
- SQLite (one machine): a ``scheduler_locks`` row with holder and heartbeat. The holder
  refreshes the heartbeat from a thread every third of ``SCHEDULER_LOCK_STALE_SECONDS``;
  a waiter takes over a row whose heartbeat is older than that (its holder died) with one
  conditional UPDATE, so two waiters cannot both win.

If the holder finds it lost the lock (the PostgreSQL connection dropped, or its row was
taken over after a long stall), ``on_lost`` is called once: the scheduler stops rather
than run beside another one.
"""

import logging
import os
import socket
import threading
import uuid
import zlib
from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app

from core.db import utcnow
from core.extensions import db
from jobs.models import SchedulerLock

log = logging.getLogger("trellis.jobs")


def _key(name: str) -> int:
    return zlib.crc32(f"trellis:{name}".encode())


class Lock:
    def __init__(self, name: str, engine, stale: float, poll: float, on_lost=None):
        self.name = name
        self.engine = engine
        self.stale = timedelta(seconds=stale)
        self.poll = poll
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.on_lost = on_lost
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._conn = None
        self._beat: threading.Thread | None = None
        self.acquired = False

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    # acquiring -----------------------------------------------------------------------
    def try_acquire(self) -> bool:
        if self.is_postgres:
            if self._conn is None:
                self._conn = self.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT"
                )
            sql = sa.text("SELECT pg_try_advisory_lock(:k)")
            return bool(self._conn.scalar(sql, {"k": _key(self.name)}))
        now = utcnow()
        table = SchedulerLock.__table__
        with self.engine.begin() as conn:
            inserted = conn.execute(
                sa.insert(table)
                .prefix_with("OR IGNORE")
                .values(name=self.name, holder=self.holder, heartbeat_at=now)
            ).rowcount
            if inserted:
                return True
            taken = conn.execute(
                sa.update(table)
                .where(
                    table.c.name == self.name,
                    sa.or_(
                        table.c.holder == self.holder,
                        table.c.heartbeat_at < now - self.stale,
                    ),
                )
                .values(holder=self.holder, heartbeat_at=now)
            ).rowcount
            return bool(taken)

    def current_holder(self) -> str:
        if self.is_postgres:
            return "another PostgreSQL session"
        with self.engine.connect() as conn:
            table = SchedulerLock.__table__
            holder = conn.scalar(
                sa.select(table.c.holder).where(table.c.name == self.name)
            )
        return holder or "nobody"

    def acquire(self, stop: threading.Event | None = None) -> bool:
        """Wait until the lock is ours (True) or ``stop`` is set (False)."""
        waited = False
        while not (stop and stop.is_set()):
            if self.try_acquire():
                log.info("scheduler lock %r acquired by %s", self.name, self.holder)
                self.acquired = True
                self._start_heartbeat()
                return True
            if not waited:
                log.info(
                    "waiting for the scheduler lock %r (held by %s)",
                    self.name,
                    self.current_holder(),
                )
                waited = True
            (stop or self._stop).wait(self.poll)
        return False

    # holding -------------------------------------------------------------------------
    def _start_heartbeat(self) -> None:
        self._beat = threading.Thread(
            target=self._heartbeat, name="trellis-lock-heartbeat", daemon=True
        )
        self._beat.start()

    def _heartbeat(self) -> None:
        interval = max(self.stale.total_seconds() / 3, 0.05)
        while not self._stop.wait(interval):
            try:
                still_ours = self.refresh()
            except Exception:
                log.exception("scheduler lock heartbeat failed")
                still_ours = not self.is_postgres  # SQLite: retry; PG: connection gone
            if not still_ours:
                log.error("scheduler lock %r lost; stopping", self.name)
                self.lost.set()
                if self.on_lost:
                    self.on_lost()
                return

    def refresh(self) -> bool:
        """Renew the heartbeat (SQLite) or check the connection (PostgreSQL)."""
        if self.is_postgres:
            self._conn.scalar(sa.text("SELECT 1"))
            return True
        table = SchedulerLock.__table__
        with self.engine.begin() as conn:
            return bool(
                conn.execute(
                    sa.update(table)
                    .where(table.c.name == self.name, table.c.holder == self.holder)
                    .values(heartbeat_at=utcnow())
                ).rowcount
            )

    def release(self) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=5)
        try:
            if not self.acquired:
                pass
            elif self.is_postgres:
                if self._conn is not None:
                    sql = sa.text("SELECT pg_advisory_unlock(:k)")
                    self._conn.scalar(sql, {"k": _key(self.name)})
            else:
                table = SchedulerLock.__table__
                with self.engine.begin() as conn:
                    conn.execute(
                        sa.delete(table).where(
                            table.c.name == self.name, table.c.holder == self.holder
                        )
                    )
        except sa.exc.SQLAlchemyError:  # the connection is gone, and the lock with it
            log.warning("scheduler lock %r: release failed", self.name, exc_info=True)
        finally:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


@contextmanager
def scheduler_lock(
    name: str = "scheduler",
    *,
    stop: threading.Event | None = None,
    on_lost: Callable[[], None] | None = None,
):
    """Hold the scheduler lock for the block; wait for it first. Needs an app context.

    Yields the ``Lock``, or ``None`` when ``stop`` was set before the lock was ours.
    """
    cfg = current_app.config
    lock = Lock(
        name,
        db.engine,
        stale=cfg.get("SCHEDULER_LOCK_STALE_SECONDS", 300),
        poll=cfg.get("SCHEDULER_LOCK_POLL_SECONDS", 5),
        on_lost=on_lost,
    )
    try:
        yield lock if lock.acquire(stop) else None
    finally:
        lock.release()
