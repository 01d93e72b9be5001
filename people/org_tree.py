"""The org chart as a closure table (``ReportingLine``): every (manager, report) pair at
any depth, kept in step with ``Employee.manager_id`` by the session itself.

Why a closure table (issue 17, measured at 20,000 people): a recursive CTE over
``manager_id`` walked the whole subtree on every page of a senior manager — the CEO's
home page spent about a third of its time counting indirect reports, and every list
filtered "my reports" re-walked the tree. A materialised path needs a byte-ordered text
index (PostgreSQL's collations differ from SQLite's), a cached count answers only the
count; the closure table answers both the subtree (``report_ids_select``) and its size
with one indexed lookup on both databases, and costs about depth × people rows (≈5 per
person here).

How it stays right, without any caller remembering it:
- an ``after_flush`` listener on every session moves the lines of each employee that
  was inserted or whose ``manager_id`` changed (with its whole subtree), in a few
  statements per moved employee — correct in any order within one flush;
- a deleted employee (the app deletes none today; erasure may) triggers a full
  ``rebuild`` — rare, and always right;
- bulk writers that bypass the ORM (``people.importer``, ``bench.fixtures``) call
  ``rebuild`` themselves; ``flask people rebuild-reporting-lines`` repairs by hand and
  ``drift`` reports any difference from ``manager_id`` (a test gate uses it).
"""

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, attributes

from people.models import Employee, ReportingLine

MAX_DEPTH = 50  # a corrupt loop in manager_id stops here instead of running forever
LINES = ReportingLine.__table__


def _computed_lines() -> sa.Select:
    """(manager_id, employee_id, depth) of every line, computed from ``manager_id``."""
    emp = Employee.__table__
    lines = (
        sa.select(
            emp.c.manager_id.label("manager_id"),
            emp.c.id.label("employee_id"),
            sa.literal(1).label("depth"),
        )
        .where(emp.c.manager_id.is_not(None))
        .cte("computed_lines", recursive=True)
    )
    below = emp.alias("below")
    lines = lines.union_all(
        sa.select(lines.c.manager_id, below.c.id, lines.c.depth + 1).where(
            below.c.manager_id == lines.c.employee_id, lines.c.depth < MAX_DEPTH
        )
    )
    return sa.select(lines.c.manager_id, lines.c.employee_id, lines.c.depth)


def rebuild(connection) -> int:
    """Recompute every line from ``manager_id`` (one DELETE, one INSERT … SELECT);
    returns the number of lines."""
    connection.execute(sa.delete(LINES))
    computed = _computed_lines()
    connection.execute(
        sa.insert(LINES).from_select(["manager_id", "employee_id", "depth"], computed)
    )
    return connection.scalar(sa.select(sa.func.count()).select_from(LINES))


def drift(connection) -> list[tuple[int, int, int]]:
    """Lines that differ between the table and ``manager_id`` (empty when in step)."""
    computed = {tuple(r) for r in connection.execute(_computed_lines())}
    stored = {
        tuple(r)
        for r in connection.execute(
            sa.select(LINES.c.manager_id, LINES.c.employee_id, LINES.c.depth)
        )
    }
    return sorted(computed ^ stored)


def move(connection, employee_id: int, manager_id: int | None) -> None:
    """Re-hang ``employee_id`` and its subtree under ``manager_id`` (None: a root).

    Lines inside the subtree stay; lines from its old managers go; lines from the new
    manager and the new manager's managers come, one INSERT … SELECT."""
    subtree = sa.union_all(
        sa.select(sa.literal(employee_id).label("id"), sa.literal(0).label("d")),
        sa.select(LINES.c.employee_id, LINES.c.depth).where(
            LINES.c.manager_id == employee_id
        ),
    ).subquery("subtree")
    connection.execute(
        sa.delete(LINES).where(
            LINES.c.employee_id.in_(sa.select(subtree.c.id)),
            LINES.c.manager_id.not_in(sa.select(subtree.c.id)),
        )
    )
    if manager_id is None:
        return
    above = sa.union_all(
        sa.select(sa.literal(manager_id).label("id"), sa.literal(0).label("d")),
        sa.select(LINES.c.manager_id, LINES.c.depth).where(
            LINES.c.employee_id == manager_id
        ),
    ).subquery("above")
    connection.execute(
        sa.insert(LINES).from_select(
            ["manager_id", "employee_id", "depth"],
            sa.select(above.c.id, subtree.c.id, above.c.d + subtree.c.d + 1).where(
                above.c.id != subtree.c.id  # a loop: never a line to oneself
            ),
        )
    )


def _manager_changed(obj: Employee) -> bool:
    # The relationship's history without loading it (it may be lazy="raise").
    return any(
        attributes.get_history(
            obj, name, passive=attributes.PASSIVE_NO_INITIALIZE
        ).has_changes()
        for name in ("manager_id", "manager")
    )


@event.listens_for(Session, "after_flush")
def _keep_lines(session: Session, _flush_context) -> None:
    """Move the lines of the employees this flush inserted or re-parented."""
    if any(isinstance(obj, Employee) for obj in session.deleted):
        rebuild(session.connection())
        return
    moved = [
        obj
        for obj in (*session.new, *session.dirty)
        if isinstance(obj, Employee) and (obj in session.new or _manager_changed(obj))
    ]
    if not moved:
        return
    connection = session.connection()
    for obj in moved:
        move(connection, obj.id, obj.manager_id)
