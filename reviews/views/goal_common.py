"""Helpers shared by the goal and training-need pages: loaders that 404 what the caller
may not see, the select options of the goal forms, the team scope of manager pages, and
the check-in chart (pure geometry, drawn as SVG beside a table with the same numbers).
"""

from dataclasses import dataclass

import sqlalchemy as sa
from flask import request
from flask_login import current_user
from sqlalchemy.orm import aliased, joinedload

from core.charts import Chart, Frame, line_chart, series_class
from core.errors import NotFound
from core.extensions import db
from core.permissions import require, require_visible
from people.models import Department, Employee
from people.permissions import (
    has_reports,
    is_hr_or_manager,
    manager_chain_ids,
    report_ids_select,
)
from reviews import permissions as perms
from reviews.enums import GoalStatus
from reviews.models import Goal, GoalCheckIn, ReviewCycle, TrainingNeed


def load_visible_goal(goal_id: int) -> Goal:
    """The goal with its owner; NotFound unless the caller may see it."""
    goal = db.session.scalar(
        sa.select(Goal).where(Goal.id == goal_id).options(joinedload(Goal.owner))
    )
    if goal is None:
        raise NotFound("Goal not found.")
    require_visible(perms.can_view_goal(current_user, goal), "Goal not found.")
    return goal


def load_visible_need(need_id: int, *options) -> TrainingNeed:
    """The need with its person and skill; NotFound unless the caller may see it."""
    need = db.session.scalar(
        sa.select(TrainingNeed)
        .where(TrainingNeed.id == need_id)
        .options(
            joinedload(TrainingNeed.employee), joinedload(TrainingNeed.skill), *options
        )
    )
    if need is None:
        raise NotFound("Training need not found.")
    require_visible(perms.can_view_need(current_user, need), "Training need not found.")
    return need


def parents_of(goal_ids) -> dict[int, tuple[str, str]]:
    """goal id -> (parent id, parent title, parent owner's name), in one query."""
    ids = [i for i in goal_ids if i]
    if not ids:
        return {}
    parent = aliased(Goal)
    rows = db.session.execute(
        sa.select(Goal.id, parent.id, parent.title, Employee.name)
        .join(parent, parent.id == Goal.parent_id)
        .join(Employee, Employee.id == parent.owner_id)
        .where(Goal.id.in_(ids))
    )
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def parent_choices(owner_id: int, exclude: int | None = None) -> list:
    """Goals ``owner_id`` may align to that the form offers: the owner's own and those
    of the people up their chain (not dropped). One query (the chain is cached)."""
    owners = [owner_id, *manager_chain_ids(owner_id)]
    stmt = (
        sa.select(Goal.id, Goal.title, Employee.name)
        .join(Employee, Employee.id == Goal.owner_id)
        .where(Goal.owner_id.in_(owners), Goal.status != GoalStatus.dropped)
        .order_by(Employee.name, Goal.title, Goal.id)
    )
    if exclude is not None:
        stmt = stmt.where(Goal.id != exclude)
    return [(row.id, f"{row.title} ({row.name})") for row in db.session.execute(stmt)]


def report_choices(manager_employee_id: int) -> list[tuple[int, str]]:
    """The manager's active reports, direct and indirect, by name (one query)."""
    rows = db.session.execute(
        sa.select(Employee.id, Employee.name)
        .where(
            Employee.id.in_(report_ids_select(manager_employee_id)),
            Employee.is_active.is_(True),
        )
        .order_by(Employee.name)
    )
    return [(row.id, row.name) for row in rows]


def cycle_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(ReviewCycle.id, ReviewCycle.name).order_by(
            ReviewCycle.period_end.desc()
        )
    )
    return [(row.id, row.name) for row in rows]


def require_manager_or_hr() -> None:
    require(is_hr_or_manager(current_user), "This page is for managers and HR.")


@dataclass
class TeamScope:
    """Whose needs or gaps a manager page shows: a manager's team, or for HR (without a
    team) a department chosen with ``?department_id=``."""

    people: sa.Select | None  # employee ids, or None: nothing chosen yet
    department_id: int | None
    departments: list


def team_scope(direct_only: bool = False) -> TeamScope:
    me = current_user.employee_id
    if me is not None and has_reports(current_user):
        if direct_only:
            ids = sa.select(Employee.id).where(
                Employee.manager_id == me, Employee.is_active.is_(True)
            )
        else:
            ids = report_ids_select(me)
        return TeamScope(ids, None, [])
    rows = db.session.execute(
        sa.select(Department.id, Department.name).order_by(Department.name)
    ).all()
    try:
        chosen = int(request.args.get("department_id", ""))
    except ValueError:
        chosen = None
    if chosen not in {row.id for row in rows}:
        return TeamScope(None, None, rows)
    ids = sa.select(Employee.id).where(
        Employee.department_id == chosen, Employee.is_active.is_(True)
    )
    return TeamScope(ids, chosen, rows)


# --- the check-in chart ------------------------------------------------------------

PROGRESS = Frame(420, 200, 46, 14, 12, 34)
MAX_LABELS = 5


def progress_chart(check_ins: list[GoalCheckIn]) -> Chart | None:
    """Progress (0–100 %) per check-in, oldest first; None without check-ins."""
    if not check_ins:
        return None
    n = len(check_ins)
    every = max(1, -(-n // MAX_LABELS))  # ceil: at most MAX_LABELS dates under the axis
    description = ", ".join(
        f"{c.checked_on.isoformat()} {c.progress}%" for c in check_ins
    )
    return line_chart(
        PROGRESS,
        [c.checked_on.isoformat() for c in check_ins],
        [("Progress", series_class(0), [c.progress for c in check_ins])],
        (0, 100),
        (0, 25, 50, 75, 100),
        f"Progress per check-in: {description}.",
        shown=sorted({*range(0, n, every), n - 1}),
        unit="%",
    )
