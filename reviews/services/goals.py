"""Goals: create, align, check in, assign to a team in bulk, roll progress up the tree.

Progress is derived on write from the measure: percent (0–100), number (from start to
target, either direction) or done (0 or 1). Roll-up: a goal with children shows the
weighted mean of its children's rolled-up progress (weight 0 children do not count);
a goal without children shows its own.

A goal's ``check_in_cadence`` (default monthly) is set on create and changed like its
other fields; copies from ``bulk_assign`` take the parent's. When a check-in is due is
``reviews.goal_due``, not here: services only write.
"""

import functools

import sqlalchemy as sa

from core.audit import record_event, record_events
from core.clock import local_today
from core.dates import not_before
from core.db import utcnow
from core.errors import Conflict, InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import ancestor_ids
from core.transitions import StateMachine
from people.models import Employee
from people.permissions import report_ids_select
from reviews import permissions as perms
from reviews.enums import GOAL_TRANSITIONS, GoalStatus, MeasureType
from reviews.models import Goal, GoalCheckIn, ReviewCycle

NOT_SAVED = "Nothing was saved; correct the fields marked."
SET = "the day the goal was set"
GOALS = StateMachine(GOAL_TRANSITIONS, "A goal that is {current} cannot become {to}.")


def _invalid(field: str, message: str):
    raise ValidationFailed(NOT_SAVED, {field: message})


def progress_for(
    measure: MeasureType, start: float, target: float, value: float
) -> int:
    """Percent progress of ``value``; raise ValidationFailed outside the measure's range."""
    if measure is MeasureType.percent:
        if not 0 <= value <= 100:
            _invalid("value", "A percentage goes from 0 to 100.")
        return round(value)
    if measure is MeasureType.done:
        if value not in (0, 1):
            _invalid("value", "Done is 1, not done is 0.")
        return 100 if value == 1 else 0
    low, high = sorted((start, target))
    if not low <= value <= high:
        _invalid("value", f"The value must lie between {start:g} and {target:g}.")
    return round(100 * (value - start) / (target - start))


def _check_measure(data: dict) -> None:
    if data.get("measure") is MeasureType.number:
        if data.get("start_value") is None or data.get("target_value") is None:
            _invalid("target_value", "A number goal needs a start and a target.")
        if data["start_value"] == data["target_value"]:
            _invalid("target_value", "The target must differ from the start.")


def _check_parent(
    actor, owner_id: int, parent_id: int | None, goal: Goal | None
) -> None:
    if parent_id is None:
        return
    parent = db.session.get(Goal, parent_id)
    if parent is None or not perms.can_align_to(actor, owner_id, parent):
        _invalid(
            "parent_id",
            "Align to one of your own goals or a goal of someone up your org chart.",
        )
    if goal is not None and (
        parent_id == goal.id or goal.id in ancestor_ids(Goal, "parent_id", parent_id)
    ):
        _invalid("parent_id", "This alignment would make a loop of goals.")


def create_goal(actor, data: dict, *, now=None) -> Goal:
    """Create a goal for the actor or one of their reports; its target date is not
    before today (the day it is set)."""
    now = now or utcnow()
    data = dict(data)
    owner_id = data.pop("owner_id", None) or actor.employee_id
    require(
        perms.can_create_goal_for(actor, owner_id),
        "You may not set goals for this person.",
    )
    if owner_id != actor.employee_id and db.session.get(Employee, owner_id) is None:
        _invalid("owner_id", "No such person.")
    cycle_id = data.get("cycle_id")
    if cycle_id is not None and db.session.get(ReviewCycle, cycle_id) is None:
        _invalid("cycle_id", "No such review cycle.")
    _check_measure(data)
    not_before("target_on", data.get("target_on"), local_today(now), SET)
    _check_parent(actor, owner_id, data.get("parent_id"), None)
    goal = Goal(owner_id=owner_id, created_at=now, updated_at=now, **data)
    if goal.measure is MeasureType.number:
        goal.current_value = goal.start_value
    elif goal.measure is MeasureType.done:
        goal.start_value, goal.target_value, goal.current_value = 0, 1, 0
    else:
        goal.start_value, goal.target_value = 0, 100
    goal.progress = 0
    db.session.add(goal)
    db.session.flush()
    record_event(
        actor, goal, "created", {"owner_id": owner_id, "title": goal.title}, now=now
    )
    return goal


def update_goal(actor, goal: Goal, data: dict, *, now=None) -> Goal:
    """Change a goal's text, target date, weight, check-in cadence, parent or status."""
    require(perms.can_edit_goal(actor, goal))
    data = dict(data)
    version = data.pop("version", None)
    if version is not None and version != goal.version:
        raise Conflict("Someone else changed this goal; reload and try again.")
    not_before("target_on", data.get("target_on"), local_today(goal.created_at), SET)
    if "parent_id" in data:
        _check_parent(actor, goal.owner_id, data["parent_id"], goal)
    status = data.pop("status", None)
    if status is not None and status is not goal.status:
        GOALS.check(goal.status, status)
        data["status"] = status
    changes = {}
    for key, value in data.items():
        if getattr(goal, key) != value:
            changes[key] = [getattr(goal, key), value]
            setattr(goal, key, value)
    if changes:
        db.session.flush()
        record_event(actor, goal, "updated", changes, now=now)
    return goal


def check_in(actor, goal: Goal, data: dict, *, now=None) -> GoalCheckIn:
    """Record progress: a value in the measure's range, a status and a note."""
    now = now or utcnow()
    require(perms.can_check_in(actor, goal))
    if goal.status is not GoalStatus.active:
        raise InvalidTransition("Only active goals take check-ins.")
    progress = progress_for(
        goal.measure, goal.start_value, goal.target_value, data["value"]
    )
    entry = GoalCheckIn(
        goal_id=goal.id,
        checked_on=data.get("checked_on") or now.date(),
        value=data["value"],
        progress=progress,
        status=data["status"],
        note=(data.get("note") or "").strip(),
        author_id=actor.id,
        created_at=now,
    )
    db.session.add(entry)
    goal.current_value = data["value"]
    goal.progress = progress
    db.session.flush()
    record_event(
        actor,
        goal,
        "checked_in",
        {
            "check_in_id": entry.id,
            "value": entry.value,
            "progress": progress,
            "status": entry.status,
        },
        now=now,
    )
    return entry


def bulk_assign(actor, parent: Goal, employee_ids: list[int], *, now=None) -> int:
    """Give each listed report their own copy of ``parent``, aligned to it.

    A fixed number of statements however many people: one check of the reports, one
    insert of the goals, one of the audit events.
    """
    now = now or utcnow()
    require(perms.can_edit_goal(actor, parent), "Assign from one of your own goals.")
    wanted = sorted(set(employee_ids))
    if not wanted:
        _invalid("employee_ids", "Choose at least one person.")
    if actor.employee_id != parent.owner_id:  # HR, or a manager using a report's goal:
        # only people below the goal's owner, so the copies' alignment stays valid
        scope = report_ids_select(parent.owner_id)
    else:
        scope = report_ids_select(actor.employee_id)
    allowed = set(db.session.scalars(scope))
    outside = [i for i in wanted if i not in allowed]
    if outside:
        _invalid("employee_ids", f"Not in your team: {outside[0]}.")
    copy = {
        "title": parent.title,
        "description": parent.description,
        "measure": parent.measure,
        "start_value": parent.start_value,
        "target_value": parent.target_value,
        "current_value": parent.start_value,
        "unit": parent.unit,
        "target_on": parent.target_on,
        "status": GoalStatus.active,
        "progress": 0,
        "weight": 1,
        "check_in_cadence": parent.check_in_cadence,
        "cycle_id": parent.cycle_id,
        "parent_id": parent.id,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    ids = db.session.scalars(
        sa.insert(Goal).returning(Goal.id), [{**copy, "owner_id": e} for e in wanted]
    ).all()
    record_events(
        actor,
        "Goal",
        [(gid, {"parent_id": parent.id}) for gid in ids],
        "assigned",
        now=now,
    )
    return len(ids)


@functools.cache
def _goal_tree() -> sa.Select:
    """Every goal below the roots ``root_ids`` (an expanding bind parameter): built once,
    as aliasing ``Goal`` and the recursive CTE cost more than running it (home page)."""
    tree = (
        sa.select(Goal.id, Goal.parent_id, Goal.progress, Goal.weight)
        .where(Goal.id.in_(sa.bindparam("root_ids", expanding=True)))
        .cte("goal_tree", recursive=True)
    )
    child = sa.orm.aliased(Goal)
    tree = tree.union_all(
        sa.select(child.id, child.parent_id, child.progress, child.weight).where(
            child.parent_id == tree.c.id, child.status != GoalStatus.dropped
        )
    )
    return sa.select(tree)


def rolled_up_progress(root_ids: list[int]) -> dict[int, float]:
    """Roll progress up the subtrees under ``root_ids``: goal id -> rolled progress.

    One recursive query loads every goal below the roots; the roll-up is one pass.
    """
    if not root_ids:
        return {}
    rows = db.session.execute(_goal_tree(), {"root_ids": list(root_ids)}).all()
    own = {r.id: (r.progress, r.weight) for r in rows}
    children: dict[int, set[int]] = {}
    for r in rows:
        if r.parent_id in own:
            children.setdefault(r.parent_id, set()).add(r.id)
    result: dict[int, float] = {}

    def roll(goal_id: int, depth: int = 0) -> float:
        if goal_id in result:
            return result[goal_id]
        kids = (
            [k for k in children.get(goal_id, []) if own[k][1] > 0]
            if depth < 50
            else []
        )
        if kids:
            total = sum(own[k][1] for k in kids)
            value = sum(roll(k, depth + 1) * own[k][1] for k in kids) / total
        else:
            value = float(own[goal_id][0])
        result[goal_id] = value
        return value

    for goal_id in own:
        roll(goal_id)
    return result
