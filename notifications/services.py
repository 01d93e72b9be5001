"""Queue notifications exactly once, and the recipient look-ups every job needs.

``queue(pending, now)`` is the one way to create notifications. It renders each body from
``templates/notifications/email/<kind>.txt`` (whose context never holds private interview
notes), skips kinds the recipient has turned off (never essential ones), and inserts with
``ON CONFLICT DO NOTHING`` on the (kind, subject, recipient, due moment) key, so a job that runs
twice — or two schedulers that race — queue each notification once. It flushes, never commits.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from flask import render_template

from core.audit import record_event
from core.db import dialect_insert, utcnow
from core.extensions import db
from notifications.kinds import NotificationKind
from notifications.models import Notification, NotificationOptOut
from notifications.texts import on
from people.models import User

CHUNK = 500


@dataclass(frozen=True)
class Pending:
    recipient_id: int  # users.id
    kind: NotificationKind
    subject_type: str
    subject_id: int
    due_at: datetime
    context: dict = field(default_factory=dict, hash=False)
    link: str = ""


def opted_out(user_ids: Iterable[int], kinds: Iterable[NotificationKind]) -> set:
    """(user_id, kind value) pairs turned off, among non-essential kinds, in one statement."""
    values = [k.value for k in kinds if not k.essential]
    ids = list(set(user_ids))
    if not values or not ids:
        return set()
    rows = db.session.execute(
        sa.select(NotificationOptOut.user_id, NotificationOptOut.kind).where(
            NotificationOptOut.user_id.in_(ids), NotificationOptOut.kind.in_(values)
        )
    )
    return {(u, k) for u, k in rows}


def queue(pending: Iterable[Pending], now: datetime | None = None) -> int:
    """Create the notifications not queued before; return how many are new."""
    now = now or utcnow()
    items = list(pending)
    if not items:
        return 0
    off = opted_out({p.recipient_id for p in items}, {p.kind for p in items})
    rows, seen = [], set()
    for p in items:
        key = (p.kind.value, p.subject_type, p.subject_id, p.recipient_id, p.due_at)
        if key in seen or (p.recipient_id, p.kind.value) in off:
            continue
        seen.add(key)
        rows.append(
            {
                "recipient_id": p.recipient_id,
                "kind": p.kind.value,
                "subject_type": p.subject_type,
                "subject_id": p.subject_id,
                "due_at": p.due_at,
                "title": p.context.get("title") or p.kind.title,
                "body": render_template(
                    f"notifications/email/{p.kind.value}.txt", on=on, **p.context
                ).strip(),
                "link": p.link,
                "created_at": now,
            }
        )
    insert = dialect_insert(db.session.get_bind().dialect.name)
    created = 0
    for start in range(0, len(rows), CHUNK):
        stmt = insert(Notification).values(rows[start : start + CHUNK])
        # RETURNING, not rowcount: psycopg reports -1 for a multi-row INSERT.
        stmt = stmt.on_conflict_do_nothing().returning(Notification.id)
        created += len(db.session.execute(stmt).all())
    return created


def user_ids_by_employee(employee_ids: Iterable[int]) -> dict[int, int]:
    """employee id → enabled user account id, in one statement (no account, no notice)."""
    ids = list(set(employee_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        sa.select(User.employee_id, User.id).where(
            User.employee_id.in_(ids), User.is_enabled.is_(True)
        )
    )
    return dict(rows.all())


def hr_user_ids() -> list[int]:
    return list(
        db.session.scalars(
            sa.select(User.id).where(User.is_hr.is_(True), User.is_enabled.is_(True))
        )
    )


def get_notification(user, notification_id) -> Notification:
    """The user's own delivered notification.

    :raises NotFound: for anyone else's (or one not yet due): it does not exist for them.
    """
    from core.permissions import require_visible
    from core.queries import get_or_404
    from notifications.permissions import can_read_notification

    notification = get_or_404(Notification, notification_id)
    require_visible(
        can_read_notification(user, notification), "Notification not found."
    )
    return notification


def mark_read(actor, notification: Notification, now: datetime | None = None):
    """Mark one of the actor's notifications read (again is a no-op)."""
    from core.permissions import require_visible
    from notifications.permissions import can_read_notification

    require_visible(can_read_notification(actor, notification))
    if notification.read_at is None:
        notification.read_at = now or utcnow()
        db.session.flush()
    return notification


def mark_all_read(actor, now: datetime | None = None) -> int:
    """Mark every delivered, unread notification of the actor read; return how many."""
    result = db.session.execute(
        sa.update(Notification)
        .where(
            Notification.recipient_id == actor.id,
            Notification.delivered_at.is_not(None),
            Notification.read_at.is_(None),
        )
        .values(read_at=now or utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount or 0


def disabled_kinds(user) -> set[NotificationKind]:
    """The non-essential kinds the user has turned off."""
    values = db.session.scalars(
        sa.select(NotificationOptOut.kind).where(NotificationOptOut.user_id == user.id)
    )
    known = {k.value: k for k in NotificationKind}
    return {known[v] for v in values if v in known and not known[v].essential}


def set_disabled_kinds(actor, kinds: Iterable[NotificationKind]) -> set:
    """Turn off exactly ``kinds`` for the actor (the others back on).

    :raises ValidationFailed: when an essential kind is named.
    """
    from core.errors import ValidationFailed

    kinds = set(kinds)
    essential = sorted(k.value for k in kinds if k.essential)
    if essential:
        raise ValidationFailed(
            "Essential notifications cannot be turned off.",
            errors={
                "disabled": f"Essential, cannot be turned off: {', '.join(essential)}"
            },
        )
    db.session.execute(
        sa.delete(NotificationOptOut).where(NotificationOptOut.user_id == actor.id)
    )
    if kinds:
        db.session.execute(
            sa.insert(NotificationOptOut),
            [
                {"user_id": actor.id, "kind": k.value}
                for k in sorted(kinds, key=lambda k: k.value)
            ],
        )
    record_event(
        actor,
        actor,
        "notification_settings_changed",
        {"disabled": sorted(k.value for k in kinds)},
    )
    db.session.flush()
    return kinds
