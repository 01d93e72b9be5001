"""Deleting a goal check-in entered by mistake from the goal page (whoever entered it,
within the grace period: ``reviews.services.check_ins``)."""

from flask import url_for
from flask_login import current_user, login_required

from core.errors import NotFound
from core.permissions import require
from core.queries import get_or_404
from core.views import committed
from reviews import permissions as perms
from reviews import services
from reviews.models import GoalCheckIn
from reviews.views import bp
from reviews.views.goal_common import load_visible_goal


@bp.route("/goals/<int:goal_id>/check-ins/<int:check_in_id>/delete", methods=["POST"])
@login_required
def goal_check_in_delete(goal_id: int, check_in_id: int):
    """Delete one's own check-in; the goal's value follows the latest one left."""
    goal = load_visible_goal(goal_id)
    entry = get_or_404(GoalCheckIn, check_in_id)
    if entry.goal_id != goal.id:
        raise NotFound("Check-in not found.")
    require(
        perms.can_delete_check_in(current_user, goal, entry),
        "Only the person who entered a check-in deletes it.",
    )
    on = entry.checked_on.isoformat()
    services.delete_check_in(current_user, goal, entry)
    return committed(
        f"The check-in of {on} is deleted; “{goal.title}” is at {goal.progress}%.",
        url_for("reviews.goal_detail", goal_id=goal.id),
    )
