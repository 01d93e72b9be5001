"""Delivery: due notifications into the in-app centre and the outbox; the outbox to SMTP.

``deliver_due(now)`` is two set-based statements in one transaction: mark every due,
undelivered notification delivered at ``now``, then copy those (rows delivered at exactly
``now``) into ``email_messages`` — one per notification, ``ON CONFLICT DO NOTHING`` on the
notification — for enabled accounts that have not turned the kind off since it was queued
(opting out stops the email; the in-app item was already queued).

``send_pending(now)`` runs only when ``SMTP_HOST`` is set; without it the outbox is the
delivery (admins read it at /admin/outbox) and nothing is lost. Messages are *claimed*
before they are sent: a conditional UPDATE pushes ``next_attempt_at`` past a short lease
and counts the attempt, so a second sender never picks the same message. Each message is
then marked sent and committed right after the server accepted it; a crash can re-send at
most the one message in flight (its ``Message-ID`` is stable, so a receiver can drop it),
and the claimed-but-unsent rest go out once the lease expires. A failure backs off
exponentially (1 min, 2, 4 … at most 6 h) and keeps ``last_error``; a message is never
given up on, so a server that is down for a day loses nothing.
"""

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage as MimeMessage
from email.utils import format_datetime

import sqlalchemy as sa
from flask import current_app

from core.extensions import db
from notifications.kinds import NotificationKind
from notifications.models import EmailMessage, Notification, NotificationOptOut
from people.models import User

log = logging.getLogger(__name__)

CLAIM_SIZE = 20  # messages claimed (and at risk of a lease delay on a crash) at once
LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_CAP = timedelta(hours=6)


def _insert(dialect_name: str):
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


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
    insert = _insert(db.session.get_bind().dialect.name)
    db.session.execute(
        insert(EmailMessage).from_select(columns, rows).on_conflict_do_nothing()
    )
    return delivered


def smtp_configured() -> bool:
    return bool(current_app.config.get("SMTP_HOST"))


def backoff(attempts: int) -> timedelta:
    """Wait before the next attempt after ``attempts`` failed ones (1, 2, 4 … min, ≤ 6 h)."""
    return min(BACKOFF_BASE * 2 ** max(attempts - 1, 0), BACKOFF_CAP)


def _claim(now: datetime) -> list[EmailMessage]:
    """Take up to CLAIM_SIZE due messages for this sender and commit the claim."""
    due = (
        sa.select(EmailMessage.id)
        .where(EmailMessage.sent_at.is_(None), EmailMessage.next_attempt_at <= now)
        .order_by(EmailMessage.id)
        .limit(CLAIM_SIZE)
    )
    ids = list(
        db.session.scalars(
            sa.update(EmailMessage)
            .where(
                EmailMessage.id.in_(due.scalar_subquery()),
                EmailMessage.sent_at.is_(None),
                EmailMessage.next_attempt_at <= now,
            )
            .values(next_attempt_at=now + LEASE, attempts=EmailMessage.attempts + 1)
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


def _mime(message: EmailMessage, sender: str) -> MimeMessage:
    mime = MimeMessage()
    domain = sender.rpartition("@")[2] or "trellis"
    mime["Message-ID"] = f"<trellis-email-{message.id}@{domain}>"
    mime["From"] = sender
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
    mime["Date"] = format_datetime(message.created_at)
    mime.set_content(message.body)
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
    db.session.commit()
    log.warning("email: %d message(s) wait for a retry: %s", len(messages), text)


def send_pending(now: datetime) -> int:
    """Send due outbox messages over SMTP; return how many the server accepted."""
    if not smtp_configured():
        return 0
    sender = current_app.config["MAIL_FROM"]
    sent = 0
    smtp = None
    try:
        while batch := _claim(now):
            if smtp is None:
                try:
                    smtp = _connect()
                except (OSError, smtplib.SMTPException) as err:
                    _failed(batch, now, err)  # server down: all wait, none lost
                    return sent
            for i, message in enumerate(batch):
                try:
                    smtp.send_message(_mime(message, sender))
                except smtplib.SMTPServerDisconnected as err:
                    _failed(batch[i:], now, err)
                    return sent
                except (OSError, smtplib.SMTPException) as err:
                    _failed([message], now, err)  # this message only; go on
                    continue
                message.sent_at = now
                message.last_error = ""
                db.session.commit()  # right after the server accepted it
                sent += 1
    finally:
        if smtp is not None:
            try:
                smtp.quit()
            except (OSError, smtplib.SMTPException):
                smtp.close()
    return sent
