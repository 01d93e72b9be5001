"""Declarative base, mixins and small helpers shared by every model.

``relationship`` wraps SQLAlchemy's so the default loading strategy can be switched to
``raise`` (``TRELLIS_LAZY=raise``, set by the test suite): a stray lazy load — the usual N+1 —
then fails instead of silently issuing a query per row.
"""

import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

import sqlalchemy as sa
from sqlalchemy import MetaData
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedColumn,
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
    if TYPE_CHECKING:
        # Every model here is mapped to a Table; SQLAlchemy types it as any FromClause,
        # which insert()/update()/delete() do not accept.
        __table__: ClassVar[sa.Table]

    registry = registry(
        metadata=MetaData(naming_convention=NAMING),
        type_annotation_map={datetime: UTCDateTime()},
    )


def relationship(*args, **kwargs):
    kwargs.setdefault("lazy", os.environ.get("TRELLIS_LAZY", "select"))
    return sa_relationship(*args, **kwargs)


def children(back_populates: str, order_by: str):
    """The rows that belong to this one (``back_populates`` names this side), in
    ``order_by`` order; removed from the list or with the parent, they are deleted."""
    return relationship(
        back_populates=back_populates, cascade="all, delete-orphan", order_by=order_by
    )


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class VersionMixin:
    """Optimistic locking: every UPDATE bumps ``version`` and checks the old one."""

    version: Mapped[int] = mapped_column(nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls):  # noqa: N805
        # A mixin has no table; the mapped class it is mixed into has one.
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Tracked(VersionMixin, TimestampMixin):
    """A record people edit: when it was created and last updated, and the version that
    optimistic locking checks."""


def foreign_key(target: str, ondelete: str = "CASCADE", **kwargs) -> MappedColumn[Any]:
    """A column referring to ``target`` ("table.id"); by default the row goes with the
    row it refers to (``ondelete="CASCADE"``). ``kwargs`` go to ``mapped_column``."""
    return mapped_column(sa.ForeignKey(target, ondelete=ondelete), **kwargs)


def enum_column(enum_cls: type, length: int, **kwargs) -> MappedColumn[Any]:
    """An enum stored by member name in a ``VARCHAR(length)`` (no native enum type, so
    a new member needs no ``ALTER TYPE``). ``kwargs`` go to ``mapped_column``."""
    return mapped_column(sa.Enum(enum_cls, native_enum=False, length=length), **kwargs)


def descendant_ids_select(model, parent_attr: str, start, name: str) -> sa.Select:
    """A select of the ids of the rows matching ``start`` and of every row below them
    in a self-referencing tree (a department's sub-departments, a manager's indirect
    reports): one recursive CTE called ``name`` (distinct names let two sit in one
    statement)."""
    tree = sa.select(model.id).where(start).cte(name, recursive=True)
    child = sa.orm.aliased(model)
    below = sa.select(child.id).where(getattr(child, parent_attr) == tree.c.id)
    return sa.select(tree.union(below).c.id)


def dialect_insert(dialect_name: str):
    """The ``insert`` of PostgreSQL or SQLite (both have ``on_conflict_do_nothing``),
    for the session's bind: ``dialect_insert(db.session.get_bind().dialect.name)``."""
    from sqlalchemy.dialects import postgresql, sqlite

    return postgresql.insert if dialect_name == "postgresql" else sqlite.insert
