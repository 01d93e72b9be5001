"""Team goals: the tree of a manager's goals and their reports' (direct and indirect) as
nested lists with rolled-up progress, and the bulk-assign form (one of my goals → a copy
for each chosen report, aligned to it).

Decisions the brief left open:
- The page is for managers (anyone with reports); HR without a team has nothing to show
  here and gets 403 like any other non-manager. The tree shows active and draft goals
  (``?all=1`` adds achieved and missed); dropped goals are never shown. My own goals come
  first, then the other aligned trees, then single goals, by owner.
- A goal whose parent is outside the team (a company goal owned higher up) is a root of
  the tree, with its alignment named.
"""

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.errors import ValidationFailed
from core.extensions import db
from core.forms import save_form
from core.permissions import require
from people.models import Employee
from people.permissions import has_reports, report_ids_select
from reviews import services
from reviews.enums import GoalStatus
from reviews.models import Goal
from reviews.schemas.goals import BulkAssignSchema
from reviews.views import bp
from reviews.views.goal_common import parents_of, report_choices


@dataclass
class Node:
    goal: Goal
    progress: float
    children: list = field(default_factory=list)


def build_tree(goals: list[Goal], rolled: dict[int, float]) -> list[Node]:
    """Nest ``goals`` by parent; a goal whose parent is not in the list is a root."""
    nodes = {g.id: Node(g, rolled.get(g.id, float(g.progress))) for g in goals}
    roots = []
    for goal in goals:
        parent = nodes.get(goal.parent_id)
        (parent.children if parent else roots).append(nodes[goal.id])
    return roots


def _require_manager() -> None:
    require(
        current_user.employee_id is not None and has_reports(current_user),
        "Team goals are for managers.",
    )


def _page(status=200, form=None, errors=None):
    me = current_user.employee_id
    show_all = request.args.get("all") == "1"
    shown = list(GoalStatus) if show_all else [GoalStatus.active, GoalStatus.draft]
    goals = list(
        db.session.scalars(
            sa.select(Goal)
            .join(Employee, Employee.id == Goal.owner_id)
            .where(
                sa.or_(Goal.owner_id == me, Goal.owner_id.in_(report_ids_select(me))),
                Goal.status.in_([s for s in shown if s is not GoalStatus.dropped]),
            )
            .options(joinedload(Goal.owner))
            .order_by(Employee.name, Goal.title, Goal.id)
        )
    )
    in_team = {g.id for g in goals}
    roots = [g for g in goals if g.parent_id not in in_team]
    rolled = services.rolled_up_progress([g.id for g in roots])
    mine = [
        (g.id, g.title)
        for g in goals
        if g.owner_id == me and g.status in (GoalStatus.active, GoalStatus.draft)
    ]
    tree = build_tree(goals, rolled)
    # My goals first, then the other aligned trees, then single goals (by owner).
    tree.sort(key=lambda n: (n.goal.owner_id != me, not n.children))
    return render_template(
        "reviews/goal_team.html",
        tree=tree,
        show_all=show_all,
        outside=parents_of([g.id for g in roots if g.parent_id]),
        mine=mine,
        reports=report_choices(me),
        form=form or {},
        errors=errors or {},
    ), status


@bp.route("/goals/team")
@login_required
def team_goals():
    """The team goals page: a manager's team goal tree."""
    _require_manager()
    return _page()


def _assign(data: dict) -> int:
    parent = db.session.get(Goal, data["parent_id"])
    if parent is None or parent.owner_id != current_user.employee_id:
        raise ValidationFailed(
            "Nothing was assigned.", {"parent_id": "Choose one of your own goals."}
        )
    return services.bulk_assign(current_user, parent, data["employee_ids"])


@bp.route("/goals/bulk-assign", methods=["POST"])
@login_required
def goal_bulk_assign():
    """Assign one goal to several reports at once."""
    _require_manager()
    created, errors, status = save_form(BulkAssignSchema(), request.form, _assign)
    if created is None:
        return _page(status, form=request.form, errors=errors)
    db.session.commit()
    flash(
        f"Assigned: {created} {'person has' if created == 1 else 'people have'} "
        "their own copy of the goal, aligned to yours.",
        "success",
    )
    return redirect(url_for("reviews.team_goals"))
