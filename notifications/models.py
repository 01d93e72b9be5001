"""Notification (the in-app item, unique per kind/subject/recipient/due moment), its email in
the outbox, and the kinds a user has turned off."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import relationship, utcnow
from core.extensions import Model


class Notification(Model):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(sa.String(40))
    subject_type: Mapped[str] = mapped_column(sa.String(40))
    subject_id: Mapped[int]
    due_at: Mapped[datetime]
    title: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    link: Mapped[str] = mapped_column(sa.String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]  # shown in the centre / handed to email
    read_at: Mapped[datetime | None]

    __table_args__ = (
        sa.UniqueConstraint(
            "kind",
            "subject_type",
            "subject_id",
            "recipient_id",
            "due_at",
            name="uq_notifications_once",
        ),
        sa.Index("ix_notifications_inbox", "recipient_id", "delivered_at", "read_at"),
        sa.Index("ix_notifications_due", "delivered_at", "due_at"),
    )


class EmailMessage(Model):
    """The outbox: one email per notification that is to be mailed. Without SMTP settings
    messages stay here (admins read them); with SMTP they are sent with retry and backoff."""

    __tablename__ = "email_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for account mail (an invitation, a password reset): it goes to an address,
    # maybe of someone without an account, and has no in-app item (notifications.mail).
    notification_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("notifications.id", ondelete="CASCADE"), unique=True
    )
    to_address: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
    # The sender working on it and until when (wall clock, renewed as it sends).
    claimed_by: Mapped[str | None] = mapped_column(sa.String(80))
    lease_until: Mapped[datetime | None]

    notification: Mapped[Notification | None] = relationship()

    __table_args__ = (
        sa.Index("ix_email_messages_pending", "sent_at", "next_attempt_at"),
    )


class NotificationOptOut(Model):
    """A non-essential kind the user has turned off."""

    __tablename__ = "notification_opt_outs"

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
