"""Kill -9 the job process in the middle of sending and start it again: every message
reaches the SMTP server exactly once — 0 duplicates, 0 misses.

The process is killed while the server holds its reply to message ``STALL_AT`` (the
sender is mid-transaction, with earlier messages sent and committed and later ones
claimed but unsent). The restart runs as the scheduler's next tick would; the killed
sender's claims come back once their lease (shortened here) runs out, and the unsent
message and the claimed rest go out, nothing twice. ``test_drills`` runs two senders.
"""

import os
import signal
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from core.extensions import db
from jobs.models import JobRun
from notifications.models import EmailMessage
from tests import factories as f
from tests.jobs.procs import run, shared_db, start, stop  # noqa: F401
from tests.notifications.helpers import Recorder, free_port, notify, smtp_server

MESSAGES = int(os.environ.get("TRELLIS_CRASH_MESSAGES", 300))
STALL_AT = MESSAGES // 3 + 7  # inside a claim of 20, not on its edge
NOW = datetime(2026, 11, 2, 9, tzinfo=UTC)


def test_kill_during_send_then_restart_sends_each_message_once(shared_db, tmp_path):  # noqa: F811
    user = f.make_person(name="Many Mails")
    notify(user, MESSAGES, due_at=NOW - timedelta(hours=1))
    db.session.commit()
    port = free_port()
    smtp = {
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": port,
        "SMTP_STARTTLS": "0",
        "EMAIL_CLAIM_LEASE": 2,
    }  # the claims come back 2 s after the kill
    handler = Recorder(stall_at=STALL_AT, stall_seconds=30)
    controller = smtp_server(handler, port)
    try:
        args = ["jobs", "run", "notifications.send_due", "--now", NOW.isoformat()]
        proc = start(args, shared_db.url, tmp_path / "first.log", **smtp)
        try:
            assert handler.stalled.wait(120), (tmp_path / "first.log").read_text()
        finally:
            stop(proc, signal.SIGKILL)
        assert len(handler.message_ids) == STALL_AT - 1

        later = (NOW + timedelta(minutes=10)).isoformat()
        args = ["jobs", "run", "notifications.send_due", "--now", later]
        again = run(args, shared_db.url, **smtp)
        assert again.returncode == 0, again.stderr
        assert again.stdout.strip() == (
            f"notifications.send_due: processed {MESSAGES - STALL_AT + 1}"
        )
    finally:
        controller.stop()

    ids = handler.message_ids
    assert len(ids) == len(set(ids)) == MESSAGES  # no duplicate, no miss
    db.session.expire_all()
    unsent = sa.select(sa.func.count()).where(EmailMessage.sent_at.is_(None))
    assert db.session.scalar(unsent) == 0
    runs = db.session.scalars(sa.select(JobRun).order_by(JobRun.id)).all()
    assert [r.finished_at is None for r in runs] == [True, False]  # the killed one
