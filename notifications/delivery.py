"""Delivery: due notifications into the in-app centre and the outbox; the outbox to SMTP.

``deliver_due(now)`` is two set-based statements in one transaction: mark every due,
undelivered notification delivered at ``now``, then copy those (rows delivered at exactly
``now``) into ``email_messages`` — one per notification, ``ON CONFLICT DO NOTHING`` on the
notification — for enabled accounts that have not turned the kind off since it was queued
(opting out stops the email; the in-app item was already queued).

``send_pending(now)`` runs only when ``SMTP_HOST`` is set; without it the outbox is the
delivery (admins read it at /admin/outbox) and nothing is lost. Messages are *claimed*
before they are sent: a conditional UPDATE names the sender and gives it a lease of
``EMAIL_CLAIM_LEASE_SECONDS`` (45 s, longer than one SMTP timeout) on the wall clock —
not on the job's ``now``, so a rerun for the same moment still sees a dead sender's
claims expire. On PostgreSQL the candidates are read ``FOR UPDATE SKIP LOCKED``, so a
second sender never waits on the first one's rows; it takes the next ones. Each message
is marked sent and committed right after the server accepted it, in the same commit as
the renewal of the sender's lease on the rest of its claim (the heartbeat). A sender
that is killed stops renewing: its claims return to the others within one lease, and a
sender keeps going until no due message is left unsent — when the only ones left are
claimed by someone else, it waits for them to be sent or for the lease to run out, and
takes them. A crash can re-send at most the one message in flight (its ``Message-ID`` is
stable, so a receiver can drop it). A failure backs off exponentially (1 min, 2, 4 … at
most 6 h) and keeps ``last_error``; a message is never given up on, so a server that is
down for a day loses nothing.
"""

import logging
import os
import smtplib
import socket
import time
import uuid
from datetime import datetime, timedelta
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime

import sqlalchemy as sa
from flask import current_app

from core.clock import local_today
from core.db import dialect_insert, utcnow
from core.extensions import db
from core.progress import report
from notifications.kinds import NotificationKind
from notifications.models import EmailMessage, Notification, NotificationOptOut
from notifications.texts import as_of
from people.models import User

log = logging.getLogger(__name__)

CLAIM_SIZE = 20  # messages claimed at once (a dead sender's wait its lease out)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)


def deliver_due(now: datetime) -> int:
    """Deliver due notifications and queue their emails; return how many were delivered."""
    delivered = db.session.execute(
        sa.update(Notification)
        .where(Notification.delivered_at.is_(None), Notification.due_at <= now)
        .values(delivered_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not delivered:
        return 0
    optional = [k.value for k in NotificationKind if not k.essential]
    opted_out = sa.exists().where(
        NotificationOptOut.user_id == Notification.recipient_id,
        NotificationOptOut.kind == Notification.kind,
        NotificationOptOut.kind.in_(optional),
    )
    rows = (
        sa.select(
            Notification.id,
            User.email,
            Notification.title,
            Notification.body,
            sa.literal(now, EmailMessage.created_at.type),
            sa.literal(now, EmailMessage.next_attempt_at.type),
            sa.literal(0),
            sa.literal(""),
        )
        .join(User, User.id == Notification.recipient_id)
        .where(Notification.delivered_at == now, User.is_enabled.is_(True), ~opted_out)
    )
    columns = [
        "notification_id",
        "to_address",
        "subject",
        "body",
        "created_at",
        "next_attempt_at",
        "attempts",
        "last_error",
    ]
    insert = dialect_insert(db.session.get_bind().dialect.name)
    db.session.execute(
        insert(EmailMessage).from_select(columns, rows).on_conflict_do_nothing()
    )
    return delivered


def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt after ``attempts`` failed ones (1, 2, 4 … min, ≤ 6 h)."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


def _lease() -> timedelta:
    return timedelta(seconds=current_app.config["EMAIL_CLAIM_LEASE_SECONDS"])


def _claimable(now: datetime, clock: datetime):
    """Due, unsent, and held by nobody (never claimed, or its lease has run out)."""
    return sa.and_(
        EmailMessage.sent_at.is_(None),
        EmailMessage.next_attempt_at <= now,
        sa.or_(EmailMessage.lease_until.is_(None), EmailMessage.lease_until < clock),
    )


def _claim(now: datetime, sender: str) -> list[EmailMessage]:
    """Take up to CLAIM_SIZE claimable messages for ``sender`` and commit the claim.

    On PostgreSQL the candidate rows are read ``FOR UPDATE SKIP LOCKED``: rows another
    sender is claiming or marking right now are passed over, never waited on. They are
    picked once, in a MATERIALIZED CTE (PostgreSQL 12+): as an ``IN (subquery)`` the
    planner may rescan the subquery, and each rescan skips the rows this very UPDATE has
    just changed and returns the next ones — a "claim of 20" then took 30. SQLite has one
    writer at a time, so its UPDATE is atomic as it stands (the clause is dropped).
    """
    clock = utcnow()
    due = (
        sa.select(EmailMessage.id)
        .where(_claimable(now, clock))
        .order_by(EmailMessage.id)
        .limit(CLAIM_SIZE)
        .with_for_update(skip_locked=True)
        .cte("due")
    )
    if db.session.get_bind().dialect.name == "postgresql":
        due = due.prefix_with("MATERIALIZED")  # see the docstring
    ids = list(
        db.session.scalars(
            sa.update(EmailMessage)
            .where(EmailMessage.id.in_(sa.select(due.c.id)), _claimable(now, clock))
            .values(
                claimed_by=sender,
                lease_until=clock + _lease(),
                attempts=EmailMessage.attempts + 1,
            )
            .returning(EmailMessage.id)
            .execution_options(synchronize_session=False)
        )
    )
    db.session.commit()
    if not ids:
        return []
    return list(
        db.session.scalars(
            sa.select(EmailMessage)
            .where(EmailMessage.id.in_(ids))
            .order_by(EmailMessage.id)
            .execution_options(populate_existing=True)
        )
    )


def _renew(sender: str) -> set[int]:
    """Extend the lease on the sender's unsent claims; return the ids still its own.

    Flushed with the previous message's "sent" mark, so the heartbeat costs no commit. A
    message missing from the answer was taken over after this sender stalled past its
    lease: it is skipped, so only the one message in flight can go out twice.
    """
    return set(
        db.session.scalars(
            sa.update(EmailMessage)
            .where(EmailMessage.claimed_by == sender, EmailMessage.sent_at.is_(None))
            .values(lease_until=utcnow() + _lease())
            .returning(EmailMessage.id)
            .execution_options(synchronize_session=False)
        )
    )


def _left(now: datetime) -> bool:
    """Is any due message unsent (claimed by another sender or not)?"""
    return bool(
        db.session.scalar(
            sa.select(EmailMessage.id)
            .where(EmailMessage.sent_at.is_(None), EmailMessage.next_attempt_at <= now)
            .limit(1)
        )
    )


def _mime(message: EmailMessage, sender: str, now: datetime) -> MimeMessage:
    mime = MimeMessage()
    domain = sender.rpartition("@")[2] or "trellis"
    mime["Message-ID"] = f"<trellis-email-{message.id}@{domain}>"
    mime["From"] = sender
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(message.created_at)
    # Dates worded as of the moment it is handed to the server (notifications.texts).
    mime.set_content(as_of(message.body, local_today(now)))
    return mime


def _connect() -> smtplib.SMTP:
    cfg = current_app.config
    smtp = smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=cfg["SMTP_TIMEOUT"])
    try:
        if cfg.get("SMTP_STARTTLS"):
            smtp.starttls()
        if cfg.get("SMTP_USERNAME"):
            smtp.login(cfg["SMTP_USERNAME"], cfg.get("SMTP_PASSWORD") or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def _failed(messages: list[EmailMessage], now: datetime, error: Exception) -> None:
    text = f"{type(error).__name__}: {error}"[:1000]
    for message in messages:
        message.last_error = text
        message.next_attempt_at = now + backoff(message.attempts)
        message.claimed_by, message.lease_until = None, None
    db.session.commit()
    log.warning("email: %d message(s) wait for a retry: %s", len(messages), text)


def _sender_id() -> str:
    return f"{socket.gethostname()[:50]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def send_pending(now: datetime, done: int = 0) -> int:
    """Send due outbox messages over SMTP; return how many the server accepted.

    Loops until no due message is left unsent: when every one left is claimed by another
    sender, it waits (polling) until that sender has sent them or its lease has run out,
    and then takes them — a killed sender's mail goes out in this run, not the next.
    ``done`` is what the job did before (reported with each commit, ``core.progress``).
    """
    if not smtp_configured():
        return 0
    sender = current_app.config["MAIL_FROM"]
    me = _sender_id()
    poll = min(1.0, _lease().total_seconds() / 10)
    sent = 0
    smtp = None
    try:
        while True:
            batch = _claim(now, me)
            if not batch:
                if not _left(now):
                    return sent
                db.session.commit()  # end the read so the next poll sees new commits
                time.sleep(poll)
                continue
            if smtp is None:
                try:
                    smtp = _connect()
                except (OSError, smtplib.SMTPException) as err:
                    _failed(batch, now, err)  # server down: all wait, none lost
                    return sent
            held = {message.id for message in batch}
            for i, message in enumerate(batch):
                if message.id not in held:
                    continue  # another sender took it over: not ours to send
                try:
                    smtp.send_message(_mime(message, sender, now))
                except smtplib.SMTPServerDisconnected as err:
                    _failed([m for m in batch[i:] if m.id in held], now, err)
                    return sent
                except (OSError, smtplib.SMTPException) as err:
                    _failed([message], now, err)  # this message only; go on
                    held = _renew(me)
                    db.session.commit()
                    continue
                message.sent_at = now
                message.last_error = ""
                message.claimed_by, message.lease_until = None, None
                sent += 1
                db.session.flush()
                held = _renew(me)  # the heartbeat, in the same commit
                report(done + sent)
                db.session.commit()  # right after the server accepted it
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()
