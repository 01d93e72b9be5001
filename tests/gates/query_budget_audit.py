"""Audit-trail entries of the query-budget gate (merged into ``test_query_budget``): the
page, its CSV (every matching row) and the API list. ``AuditGrowth`` adds, per step, a
people-data event and an account event, each by a different grown person's account, so
the actor column cannot hide an N+1 behind the identity map."""

import sqlalchemy as sa

from core.audit import AuditEvent
from core.db import utcnow
from core.extensions import db

BUDGET = {
    "/admin/audit": "hr",
    "/admin/audit.csv": "admin",
    "/api/v1/audit-events": "hr",
}
NOT_A_LIST: dict = {}


class AuditGrowth:
    def __init__(self, org):
        self.emails: list[str] = []

    def grow(self, person, skill) -> None:
        self.emails.append(person.email)

    def finish(self) -> None:
        from people.models import User

        emails, self.emails = self.emails, []
        if not emails:
            return
        actors = db.session.scalars(sa.select(User.id).where(User.email.in_(emails)))
        now = utcnow()
        db.session.execute(
            sa.insert(AuditEvent),
            [
                {
                    "actor_id": actor_id,
                    "at": now,
                    "object_type": kind,
                    "object_id": actor_id,
                    "action": "updated",
                    "changes": {"fields": ["title"]},
                }
                for actor_id in actors
                for kind in ("Goal", "User")
            ],
        )
