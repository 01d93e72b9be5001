"""The one query of the audit trail: the reader's scope, then the filters."""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from core.audit import AuditEvent
from core.extensions import db
from core.permissions import visible_audit_events
from people.models import User


def _start_of(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def filtered_events(user, args: dict) -> sa.Select:
    """A select() of the events ``user`` may read that match ``args``, newest first."""
    stmt = visible_audit_events(user).options(joinedload(AuditEvent.actor))
    if args.get("actor"):
        actor_ids = sa.select(User.id).where(
            sa.func.lower(User.email) == args["actor"].strip().lower()
        )
        stmt = stmt.where(AuditEvent.actor_id.in_(actor_ids))
    if args.get("actor_id"):
        stmt = stmt.where(AuditEvent.actor_id == args["actor_id"])
    if args.get("subject_type"):
        stmt = stmt.where(AuditEvent.object_type == args["subject_type"].strip())
    if args.get("subject_id"):
        stmt = stmt.where(AuditEvent.object_id == args["subject_id"])
    if args.get("action"):
        stmt = stmt.where(AuditEvent.action == args["action"].strip())
    if args.get("date_from"):
        stmt = stmt.where(AuditEvent.at >= _start_of(args["date_from"]))
    if args.get("date_to"):
        stmt = stmt.where(
            AuditEvent.at < _start_of(args["date_to"] + timedelta(days=1))
        )
    return stmt


def subject_types(user) -> list[str]:
    """The subject types the reader can filter on (those in their scope)."""
    stmt = visible_audit_events(user).order_by(None).subquery()
    return list(
        db.session.scalars(
            sa.select(stmt.c.object_type).distinct().order_by(stmt.c.object_type)
        )
    )
