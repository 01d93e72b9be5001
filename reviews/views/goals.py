"""My goals (progress, rolled-up progress of goals with children, alignment, a check-in
form per goal) and the goal page (details, check-in history as a chart with a table
twin, aligned goals, the check-in form).

Decisions the brief left open:
- "My goals" lists the signed-in person's own goals only (active first, then by target
  date), paginated; a manager sees their team's on "Team goals".
- A check-in posted from the list returns to the list; a rejected one (a value outside
  the measure's range) re-renders the goal page with the message inline (422).
"""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.db import utcnow
from core.due import org_today
from core.errors import InvalidTransition
from core.extensions import db
from core.forms import save_form
from core.pagination import paginate_html
from core.permissions import require
from people.models import User
from people.permissions import has_reports
from reviews import permissions as perms
from reviews import services
from reviews.enums import CheckInStatus, GoalStatus
from reviews.goal_due import goal_next_check_in_on
from reviews.models import Goal, GoalCheckIn
from reviews.schemas.goals import CheckInSchema
from reviews.services.check_ins import check_in_deletion_refusal
from reviews.views import bp
from reviews.views.goal_common import load_visible_goal, parents_of, progress_chart

STATUS_ORDER = sa.case(
    (Goal.status == GoalStatus.active, 0),
    (Goal.status == GoalStatus.draft, 1),
    else_=2,
)
CHECK_IN_STATUSES = [(s.value, s.title) for s in CheckInStatus]
CHECK_IN_REFUSED = "The owner, their managers or HR check in on a goal."


def child_counts(goal_ids) -> dict[int, int]:
    """goal id -> how many goals (not dropped) are aligned to it (one query)."""
    if not goal_ids:
        return {}
    rows = db.session.execute(
        sa.select(Goal.parent_id, sa.func.count())
        .where(Goal.parent_id.in_(goal_ids), Goal.status != GoalStatus.dropped)
        .group_by(Goal.parent_id)
    )
    return dict(rows.all())


@bp.route("/goals")
@login_required
def goals():
    """The goals page: the caller's goals with their progress."""
    me = current_user.employee_id
    page, rolled, parents, children = None, {}, {}, {}
    if me is not None:
        page = paginate_html(
            perms.visible_goals(current_user)
            .where(Goal.owner_id == me)
            .order_by(STATUS_ORDER, Goal.target_on.is_(None), Goal.target_on, Goal.id)
        )
        ids = [g.id for g in page.items]
        rolled = services.rolled_up_progress(ids)
        parents = parents_of(ids)
        children = child_counts(ids)
    return render_template(
        "reviews/goal_list.html",
        page=page,
        rolled=rolled,
        parents=parents,
        children=children,
        statuses=CHECK_IN_STATUSES,
        is_manager=bool(me) and has_reports(current_user),
    )


def deletable_check_ins(goal: Goal, check_ins) -> set[int]:
    """The check-ins the caller entered and may still delete (the grace period)."""
    now = utcnow()
    return {
        c.id
        for c in check_ins
        if perms.can_delete_check_in(current_user, goal, c)
        and not check_in_deletion_refusal(c, now)
    }


def render_goal(goal: Goal, status: int = 200, errors=None, form=None):
    """The goal page; the check-in handler re-renders it with ``errors`` and ``form``."""
    check_ins = list(
        db.session.scalars(
            sa.select(GoalCheckIn)
            .where(GoalCheckIn.goal_id == goal.id)
            .options(joinedload(GoalCheckIn.author).joinedload(User.employee))
            .order_by(GoalCheckIn.checked_on, GoalCheckIn.id)
        )
    )
    children = list(
        db.session.scalars(
            perms.visible_goals(current_user)
            .where(Goal.parent_id == goal.id)
            .options(joinedload(Goal.owner))
            .order_by(Goal.title, Goal.id)
        )
    )
    may_check_in = (
        perms.can_check_in(current_user, goal) and goal.status is GoalStatus.active
    )
    return render_template(
        "reviews/goal_detail.html",
        goal=goal,
        parent=parents_of([goal.id]).get(goal.id),
        check_ins=check_ins,
        chart=progress_chart(check_ins),
        next_check_in_on=goal_next_check_in_on(goal, org_today(), check_ins),
        children=children,
        rolled=services.rolled_up_progress([goal.id]),
        can_edit=perms.can_edit_goal(current_user, goal),
        can_check_in=may_check_in,
        deletable_check_ins=deletable_check_ins(goal, check_ins),
        can_align=perms.can_create_goal_for(current_user, goal.owner_id),
        statuses=CHECK_IN_STATUSES,
        errors=errors or {},
        form=form or {"status": CheckInStatus.on_track.value},
    ), status


@bp.route("/goals/<int:goal_id>")
@login_required
def goal_detail(goal_id: int):
    """The goal page: measures, check-ins and sub-goals."""
    return render_goal(load_visible_goal(goal_id))


@bp.route("/goals/<int:goal_id>/check-ins", methods=["POST"])
@login_required
def goal_check_in(goal_id: int):
    """Record a check-in on a goal."""
    goal = load_visible_goal(goal_id)
    require(perms.can_check_in(current_user, goal), CHECK_IN_REFUSED)
    if goal.status is not GoalStatus.active:
        raise InvalidTransition("Only active goals take check-ins.")
    result, errors, status = save_form(
        CheckInSchema(),
        request.form,
        lambda data: services.check_in(current_user, goal, data),
    )
    if result is None:
        return render_goal(load_visible_goal(goal_id), status, errors, request.form)
    message = f"Check-in saved: “{goal.title}” is at {goal.progress}%."
    db.session.commit()
    flash(message, "success")
    if request.form.get("next") == "list":
        return redirect(url_for("reviews.goals") + f"#goal-{goal_id}")
    return redirect(url_for("reviews.goal_detail", goal_id=goal_id))
