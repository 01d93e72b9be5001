"""Notifications belong to their recipient alone: nobody else sees or marks them."""

import sqlalchemy as sa

from notifications.models import Notification


def can_read_notification(user, notification) -> bool:
    """A notification is its recipient's alone."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if notification is None or notification.delivered_at is None:
        return False  # not due yet: it does not exist for anyone
    return notification.recipient_id == user.id


def visible_notifications(user):
    """The user's delivered notifications, newest first."""
    return (
        sa.select(Notification)
        .where(
            Notification.recipient_id == user.id,
            Notification.delivered_at.is_not(None),
        )
        .order_by(Notification.delivered_at.desc(), Notification.id.desc())
    )


def unread_count_expression(user_id_column):
    """A correlated COUNT of unread delivered notifications (for the header badge)."""
    return (
        sa.select(sa.func.count(Notification.id))
        .where(
            Notification.recipient_id == user_id_column,
            Notification.delivered_at.is_not(None),
            Notification.read_at.is_(None),
        )
        .scalar_subquery()
    )
