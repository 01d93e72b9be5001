"""Filling a one-to-many collection of objects already loaded, from a statement built once.

What ``selectinload`` does — one ``SELECT … WHERE parent_id IN (…)`` for every parent, the
lists set as loaded from the database — without what it costs on a hot page: it builds
that statement again each time it runs, and SQLAlchemy computes its cache key again (on
the review page, four of them took about a third of the page's CPU). A caller builds
the children's statement once (``functools.cache``, as ``core.queries.get_or_404``'s) and
``fill_collection`` executes the same object again, so SQLAlchemy reuses its cache key.

As ``selectinload``, a parent whose collection is already loaded is left alone (its list
may hold changes not yet flushed), and no statement runs when no parent needs one.
"""

from collections import defaultdict
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from core.extensions import db

PARENT_IDS = "parent_ids"


def parent_ids_param() -> sa.BindParameter:
    """The expanding bind parameter a children statement filters its parents by."""
    return sa.bindparam(PARENT_IDS, expanding=True)


def fill_collection(parents: Iterable, key: str, stmt: sa.Select) -> None:
    """Set the collection ``key`` of each of ``parents`` that has not loaded it.

    ``stmt`` selects ``(parent id, child)`` rows, the children of the parents whose ids
    are in ``parent_ids_param()``, in the relationship's order (its ``order_by``).
    """
    todo = [parent for parent in parents if key not in sa.inspect(parent).dict]
    if not todo:
        return
    found: dict[int, list] = defaultdict(list)
    rows = db.session.execute(stmt, {PARENT_IDS: [parent.id for parent in todo]})
    for parent_id, child in rows:
        found[parent_id].append(child)
    for parent in todo:
        set_committed_value(parent, key, found.get(parent.id, []))
