"""The new-goal and edit-goal forms.

Decisions the brief left open:
- The parent select offers goals of the owner and of the people up the owner's chain.
  On the new form the owner is chosen in the same form (no script), so the select offers
  the goals of the signed-in person and their chain — valid for them and for every one
  of their reports; the service refuses anything else with a message on the field.
- The owner select appears for managers only: themselves or one of their reports
  (direct or indirect).
- The edit form carries the goal's ``version``; a stale one re-renders the form with
  "This record changed" and a reload link (409). The status select offers the allowed
  transitions only; a forged one is a 409.
"""

from functools import partial

from flask import request, url_for
from flask_login import current_user, login_required

from core.enums import choices
from core.forms import render_form, save_form
from core.permissions import require
from core.views import answer_form, form_view, with_id_args
from people.permissions import has_reports
from reviews import permissions as perms
from reviews import services
from reviews.enums import GOAL_TRANSITIONS, CheckInCadence, MeasureType
from reviews.models import Goal
from reviews.schemas.goals import GoalCreateSchema, GoalFormSchema
from reviews.views import bp
from reviews.views.goal_common import (
    cycle_choices,
    load_visible_goal,
    parent_choices,
    report_choices,
)

MEASURES = [(m.value, m.title) for m in MeasureType]
CADENCES = choices(CheckInCadence)
EDITORS_ONLY = "The owner, their managers or HR edit a goal."


def _owner_choices() -> list[tuple[int, str]]:
    me = current_user.employee_id
    mine = [(me, "Me")]
    return mine + report_choices(me) if has_reports(current_user) else mine


def _new_page(status=200, **context):
    return render_form(
        "reviews/goal_form.html",
        status,
        goal=None,
        owners=_owner_choices(),
        parents=parent_choices(current_user.employee_id),
        cycles=cycle_choices(),
        measures=MEASURES,
        cadences=CADENCES,
        **context,
    )


NEW_GOAL = {
    "measure": "percent",
    "weight": "1",
    "start_value": "0",
    "check_in_cadence": CheckInCadence.monthly.value,
}


@bp.route("/goals/new", methods=["GET", "POST"])
@login_required
def goal_new():
    """Show and save the new-goal form."""
    require(
        perms.can_create_goal_for(current_user, current_user.employee_id),
        "Your account is not linked to a person, so it has no goals.",
    )
    return form_view(
        _new_page,
        lambda: with_id_args({**NEW_GOAL, "target_value": "100"}, "parent_id"),
        GoalCreateSchema(),
        partial(services.create_goal, current_user),
        lambda goal: (
            f"Goal “{goal.title}” is created.",
            url_for("reviews.goal_detail", goal_id=goal.id),
        ),
    )


def goal_values(goal: Goal) -> dict:
    return {
        "title": goal.title,
        "description": goal.description,
        "target_on": goal.target_on.isoformat() if goal.target_on else "",
        "weight": goal.weight,
        "check_in_cadence": goal.check_in_cadence.value,
        "parent_id": goal.parent_id or "",
        "status": goal.status.value,
        "version": goal.version,
    }


def _edit_page(goal: Goal, status=200, **context):
    allowed = [
        goal.status,
        *sorted(GOAL_TRANSITIONS[goal.status], key=lambda s: s.value),
    ]
    return render_form(
        "reviews/goal_form.html",
        status,
        goal=goal,
        parents=parent_choices(goal.owner_id, exclude=goal.id),
        statuses=choices(allowed),
        cadences=CADENCES,
        **context,
    )


def _update(goal: Goal, data: dict) -> Goal:
    # An emptied description arrives as a missing field; clearing it is a change.
    if "description" in request.form and not request.form["description"].strip():
        data["description"] = ""
    return services.update_goal(current_user, goal, data)


@bp.route("/goals/<int:goal_id>/edit", methods=["GET", "POST"])
@login_required
def goal_edit(goal_id: int):
    """Show and save the edit form of a goal."""
    goal = load_visible_goal(goal_id)
    require(perms.can_edit_goal(current_user, goal), EDITORS_ONLY)
    if request.method == "GET":
        return _edit_page(goal, form=goal_values(goal))
    return answer_form(
        save_form(GoalFormSchema(), request.form, partial(_update, goal)),
        lambda status, **context: _edit_page(
            load_visible_goal(goal_id), status, **context
        ),
        lambda _goal: (
            "The goal is saved.",
            url_for("reviews.goal_detail", goal_id=goal_id),
        ),
    )
