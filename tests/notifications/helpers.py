"""Queue notifications for tests, and a local SMTP server that records what it gets."""

import asyncio
import socket
import threading
from datetime import UTC, datetime, timedelta

from notifications.kinds import NotificationKind
from notifications.services import Pending, queue

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def notify(user, n: int = 1, kind=NotificationKind.review_due_soon, due_at=None, **ctx):
    """Queue ``n`` notifications of ``kind`` for ``user`` (subjects 1..n)."""
    due_at = due_at or NOW - timedelta(hours=1)
    context = {
        "recipient_name": "Emma",
        "summary": "Your self-assessment is due.",
        "due_on": "2026-11-05",
        "link_url": "/reviews",
        **ctx,
    }
    return queue(
        [
            Pending(user.id, kind, "review", i, due_at, context, link="/reviews")
            for i in range(1, n + 1)
        ],
        now=due_at,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Recorder:
    """aiosmtpd handler: keeps the Message-ID of every accepted message.

    ``stall_at``: on that message (1-based) set ``stalled`` and hold the reply for
    ``stall_seconds`` — the sender is then mid-transaction, where a kill test strikes.
    A message whose sender went away before the reply is not counted (not delivered).
    """

    def __init__(self, stall_at: int | None = None, stall_seconds: float = 20):
        self.message_ids: list[str] = []
        self.bodies: list[str] = []
        self.seen = 0
        self.stall_at = stall_at
        self.stall_seconds = stall_seconds
        self.stalled = threading.Event()
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.seen += 1
        if self.seen == self.stall_at:
            self.stalled.set()
            await asyncio.sleep(self.stall_seconds)
            if server.transport is None or server.transport.is_closing():
                return "421 sender gone"
        text = envelope.content.decode("utf8", errors="replace")
        header = next(
            (
                line
                for line in text.splitlines()
                if line.lower().startswith("message-id:")
            ),
            "",
        )
        self.message_ids.append(header.split(":", 1)[1].strip())
        self.bodies.append(text)
        return "250 Message accepted for delivery"


def smtp_server(handler, port: int):
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


def emmas_notification(org):
    """Emma's delivered notification with its outbox email (the matrix world), once."""
    import sqlalchemy as sa

    from core.extensions import db
    from notifications.delivery import deliver_due
    from notifications.models import Notification

    found = db.session.scalar(
        sa.select(Notification)
        .where(Notification.recipient_id == org.employee.id)
        .order_by(Notification.id)
        .limit(1)
    )
    if found is None:
        notify(org.employee, 1)
        deliver_due(NOW)
        db.session.flush()
        found = db.session.scalar(
            sa.select(Notification).where(Notification.recipient_id == org.employee.id)
        )
    return found


def emmas_email_id(org) -> int:
    import sqlalchemy as sa

    from core.extensions import db
    from notifications.models import EmailMessage

    notification = emmas_notification(org)
    return db.session.scalar(
        sa.select(EmailMessage.id).where(
            EmailMessage.notification_id == notification.id
        )
    )
