"""Declarative base, mixins and small helpers shared by every model.

``relationship`` wraps SQLAlchemy's so the default loading strategy can be switched to
``raise`` (``TRELLIS_LAZY=raise``, set by the test suite): a stray lazy load — the usual N+1 —
then fails instead of silently issuing a query per row.
"""

import os
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy import MetaData
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    declared_attr,
    mapped_column,
    registry,
)
from sqlalchemy.orm import relationship as sa_relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite drops the offset)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING),
        type_annotation_map={datetime: UTCDateTime()},
    )


def relationship(*args, **kwargs):
    kwargs.setdefault("lazy", os.environ.get("TRELLIS_LAZY", "select"))
    return sa_relationship(*args, **kwargs)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class VersionMixin:
    """Optimistic locking: every UPDATE bumps ``version`` and checks the old one."""

    version: Mapped[int] = mapped_column(nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}


def get_or_404(model, ident, *options):
    """Load ``model`` by primary key (with loader ``options``) or raise NotFound."""
    from core.errors import NotFound
    from core.extensions import db

    try:
        ident = int(ident)
    except (TypeError, ValueError):
        raise NotFound(f"{model.__name__} not found.") from None
    stmt = sa.select(model).where(model.id == ident)
    if options:
        stmt = stmt.options(*options)
    obj = db.session.scalar(stmt)
    if obj is None:
        raise NotFound(f"{model.__name__} not found.")
    return obj


def ancestor_ids(
    model, parent_attr: str, start_id: int, max_depth: int = 50
) -> list[int]:
    """Ids up a self-referencing tree (manager chain, parent departments), nearest first.

    One recursive CTE, whatever the depth; ``max_depth`` stops a corrupt loop.
    """
    from core.extensions import db

    parent_col = getattr(model, parent_attr)
    up = (
        sa.select(parent_col.label("id"), sa.literal(1).label("depth"))
        .where(model.id == start_id, parent_col.is_not(None))
        .cte(f"up_{model.__tablename__}", recursive=True)
    )
    node = sa.orm.aliased(model)
    node_parent = getattr(node, parent_attr)
    up = up.union(
        sa.select(node_parent, up.c.depth + 1).where(
            node.id == up.c.id, node_parent.is_not(None), up.c.depth < max_depth
        )
    )
    return list(db.session.scalars(sa.select(up.c.id).order_by(up.c.depth)))
