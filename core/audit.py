"""AuditEvent: who changed what, when. Written by services in the same transaction.

Private contents never enter a diff: ``record_event`` replaces the value of every key in
``PRIVATE_KEYS`` (at any depth) with ``REDACTED`` before the row is written, and
``AuditEvent.safe_changes`` applies the same rule when a row is read, so rows written
before the rule existed cannot leak either. The event still says *that* the field
changed. Which reader sees which event is ``core.permissions.visible_audit_events``.
"""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import relationship, utcnow
from core.extensions import Model, db


class AuditEvent(Model):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    object_type: Mapped[str] = mapped_column(sa.String(60))
    object_id: Mapped[int | None]
    action: Mapped[str] = mapped_column(sa.String(60))
    changes: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)

    # By name, so core imports no domain: the audit pages show who acted.
    actor = relationship("User", viewonly=True)

    __table_args__ = (sa.Index("ix_audit_object", "object_type", "object_id"),)

    @property
    def safe_changes(self) -> dict[str, Any]:
        """The diff as readers see it (redacted again: old rows predate the rule)."""
        return redact(self.changes or {})


# Free text that is its owner's alone (private interview notes, an activity's
# reflection) and the secrets. A self-assessment is not here: services audit
# only which parts a draft saved, and once signed it is the review's content, which the
# reopen event keeps on purpose.
PRIVATE_KEYS = frozenset(
    {
        "private_notes",
        "reflection",
        "session_note",  # a mentoring session's note: the mentee's alone
        "password",
        "password_hash",
        "current_password",
        "token",
        "token_hash",
        "totp_secret",
        "totp_secret_encrypted",
        "code_hash",
        "recovery_codes",
    }
)
REDACTED = "(private: not recorded)"

# Which reader sees an event is decided by its subject type (``object_type``): account
# and system events are the admin's, settings are both HR's and the admin's, and every
# other subject is people data, HR's. A test holds every model name to one of the lists.
ACCOUNT_TYPES = frozenset(
    {
        "User",
        "ApiToken",
        "RecoveryCode",
        "AccountLink",
        "ResetRequest",
        "LoginAttempt",
        "JobRun",
        "SchedulerLock",
        "EmailMessage",
        "Notification",
        "NotificationOptOut",
        "IdempotencyRecord",
        # Provisioning (scim): the identity provider's tokens, its request log and
        # bookkeeping; what it does to people is audited on Employee (HR's).
        "ScimToken",
        "ScimRequest",
        "ScimDeletion",
        "ScimPendingManager",
    }
)
SETTINGS_TYPES = frozenset({"ReviewSettings", "DevelopmentPolicy"})


def redact(value):
    """Return ``value`` (a diff) with every private key's value replaced by REDACTED."""
    if isinstance(value, dict):
        return {
            k: (REDACTED if k in PRIVATE_KEYS and v not in ("", None) else redact(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [redact(v) for v in value]
    return value


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and hasattr(value, "name"):
        return value.value
    return value


def record_event(actor, obj, action: str, changes: dict | None = None, now=None):
    """Add an AuditEvent for ``obj`` (flushed with the caller's transaction).

    ``obj`` is a model instance, or a type name for an event about many objects.
    """
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        at=now or utcnow(),
        object_type=obj if isinstance(obj, str) else type(obj).__name__,
        object_id=None if isinstance(obj, str) else getattr(obj, "id", None),
        action=action,
        changes=redact(_jsonable(changes or {})),
    )
    db.session.add(event)
    return event


def record_events(actor, object_type: str, events, action: str, *, now) -> None:
    """Add one AuditEvent per ``(object_id, changes)`` in ``events`` in one INSERT
    (the set-based jobs and bulk actions: hundreds of rows, no ORM objects)."""
    rows = [
        {
            "actor_id": getattr(actor, "id", None),
            "at": now,
            "object_type": object_type,
            "object_id": object_id,
            "action": action,
            "changes": redact(_jsonable(changes or {})),
        }
        for object_id, changes in events
    ]
    if rows:
        db.session.execute(sa.insert(AuditEvent), rows)


def update_audited(actor, obj, data: dict, *, now=None):
    """Set ``data`` on ``obj``, flush, and record one "updated" event; return ``obj``
    (the settings services: one row, every change audited with its values)."""
    for key, value in data.items():
        setattr(obj, key, value)
    db.session.flush()
    record_event(actor, obj, "updated", data, now=now)
    return obj
