"""SCIM's own tables: the provider's bearer tokens, the request log, the users it
deleted and the managers it named before they arrived."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from core.db import foreign_key, relationship, utcnow
from core.extensions import Model
from people.models import User


class ScimToken(Model):
    """A bearer token for ``/scim/v2`` (and nothing else); only its SHA-256 is kept."""

    __tablename__ = "scim_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_by_id: Mapped[int | None] = foreign_key("users.id", "SET NULL")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    created_by: Mapped[User | None] = relationship()

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None


class ScimRequest(Model):
    """One request to ``/scim/v2``: what was asked and answered, never a body."""

    __tablename__ = "scim_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    method: Mapped[str] = mapped_column(sa.String(10))
    path: Mapped[str] = mapped_column(sa.String(255))
    status: Mapped[int]
    token_id: Mapped[int | None] = foreign_key("scim_tokens.id", "SET NULL")

    token: Mapped[ScimToken | None] = relationship()


class ScimDeletion(Model):
    """A person the provider deleted: deactivated, and a 404 to SCIM from then on."""

    __tablename__ = "scim_deletions"

    employee_id: Mapped[int] = foreign_key("employees.id", primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(default=utcnow)


class ScimPendingManager(Model):
    """A manager named before they were provisioned (their SCIM id or externalId)."""

    __tablename__ = "scim_pending_managers"

    employee_id: Mapped[int] = foreign_key("employees.id", primary_key=True)
    manager_value: Mapped[str] = mapped_column(sa.String(255), index=True)
