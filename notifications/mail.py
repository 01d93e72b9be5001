"""Account mail: a message to an address, straight into the outbox.

Invitations, password-reset links and "your second factor was reset" go to an address —
an invited person has no account yet — and must not wait for a notification's due time,
be turned off as a preference, or show in an in-app centre where a link could be
forwarded. So they skip ``notifications.services.queue`` and are outbox rows of their own
(``notification_id`` is empty), sent by the same SMTP job with the same retry, and read
at /admin/outbox when no SMTP server is set.

The body is rendered from ``templates/notifications/email/account/<template>.txt``; its
first line is the subject. It flushes, never commits.
"""

from datetime import datetime

from flask import render_template

from core.db import utcnow
from core.extensions import db
from notifications.models import EmailMessage


def send_account_email(
    to_address: str, template: str, context: dict, *, now: datetime | None = None
) -> EmailMessage:
    """Queue one account email to ``to_address``; sendable at once."""
    now = now or utcnow()
    text = render_template(f"notifications/email/account/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    message = EmailMessage(
        to_address=to_address,
        subject=subject.strip()[:200],
        body=body.strip() + "\n",
        created_at=now,
        next_attempt_at=now,
    )
    db.session.add(message)
    db.session.flush()
    return message
