"""Loading through the bound session: one object by id or 404, and the ids up a tree.

``get_or_404`` runs on nearly every request, so its statement is built once per model
and options and reused with the id as a bind parameter (``_by_id``).

Kept apart from ``core.db`` (the declarative base and mixins, which ``core.extensions``
builds ``db`` from) so that nothing in ``core`` imports in a circle.
"""

import functools

import sqlalchemy as sa

from core.errors import NotFound
from core.extensions import db


def get_or_404(model, ident, *options, message: str | None = None):
    """Load ``model`` by primary key (with loader ``options``) or raise NotFound
    (``message``, by default "<Model> not found.")."""
    try:
        ident = int(ident)
    except (TypeError, ValueError):
        raise NotFound(message or f"{model.__name__} not found.") from None
    obj = db.session.scalar(_by_id(model, options), {"ident": ident})
    if obj is None:
        raise NotFound(message or f"{model.__name__} not found.")
    return obj


@functools.lru_cache(maxsize=256)
def _by_id(model, options: tuple) -> sa.Select:
    """The prebuilt ``SELECT model WHERE id = :ident`` with ``options``, reused.

    Keyed by the model and the option objects themselves (loader options hash by
    identity): a caller passing module-level options (``EMPLOYEE_OPTIONS``) gets the
    same statement object every time, whose cache key SQLAlchemy computed once; options
    built inline at each call miss and cost what building the statement always did.
    The bound keeps those misses from growing the cache.
    """
    stmt = sa.select(model).where(model.id == sa.bindparam("ident"))
    return stmt.options(*options) if options else stmt


def is_free(model, field: str, value, obj=None) -> bool:
    """False when another row of ``model`` than ``obj`` has ``value`` in ``field`` (the
    "name already used" check of every create and update form)."""
    if value is None:
        return True
    clash = db.session.scalar(sa.select(model.id).where(getattr(model, field) == value))
    return clash is None or (obj is not None and clash == obj.id)


def ancestor_ids(
    model, parent_attr: str, start_id: int, max_depth: int = 50
) -> list[int]:
    """Ids up a self-referencing tree (manager chain, parent departments), nearest first.

    One recursive CTE, whatever the depth; ``max_depth`` stops a corrupt loop.
    """
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
