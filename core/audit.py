"""AuditEvent: who changed what, when. Written by services in the same transaction."""

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import utcnow
from core.extensions import db


class AuditEvent(db.Model):
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

    __table_args__ = (sa.Index("ix_audit_object", "object_type", "object_id"),)


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
        changes=_jsonable(changes or {}),
    )
    db.session.add(event)
    return event
