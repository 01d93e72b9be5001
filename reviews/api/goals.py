"""Goals: the list with rolled-up progress, one goal with its check-ins and alignment,
edits and check-ins behind ``If-Match``, and assignment of one goal to a whole team.

Decisions the brief left open:
- Anyone with an employee record (or HR) may create goals — their own by default;
  ``owner_id`` names a report. Bulk assignment is for managers and HR (coarse gate;
  the service checks the parent and the team).
- A goal's ``children`` are only those aligned goals the caller may see
  (``visible_goals``), but ``rolled_progress`` counts every aligned goal: a team goal's
  progress is the team's, even for a member who cannot see a peer's own goal.
- ``POST /goals/<id>/check-ins`` changes the goal's value and progress, so it needs the
  goal's ``If-Match`` and answers with the goal (new check-in last) and its new ETag;
  ``POST /goals/bulk-assign`` does not — it never changes the parent goal.
- ``check_in_cadence`` (default monthly) is set on create and changed by ``PATCH``
  (``If-Match``). One goal answers with ``next_check_in_on`` (``reviews.goal_due``,
  from the check-ins it already carries); lists do not — it would need each goal's
  latest check-in — and the to-do list is where due check-ins are listed.
- ``DELETE /goals/<id>/check-ins/<check_in_id>`` (the goal's ``If-Match``: its value
  goes back to the latest check-in left) is for whoever entered the check-in, within
  7 days (409 after, with the reason; ``reviews.services.check_ins``); it answers
  204 (an ETag cannot go with a DELETE): ``GET`` the goal for its value and ETag.
"""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload, selectinload

from core.api import With
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.pagination import SelectPage
from core.queries import get_or_404
from reviews import permissions as perms
from reviews import services
from reviews.api.blueprint import blp
from reviews.models import Goal, GoalCheckIn
from reviews.schemas.api_goals import (
    BulkAssignResultSchema,
    CheckInOutSchema,
    GoalSchema,
    GoalSummarySchema,
)
from reviews.schemas.goals import (
    BulkAssignSchema,
    CheckInSchema,
    GoalCreateSchema,
    GoalQueryArgsSchema,
    GoalUpdateSchema,
)

GOAL_OPTIONS = (joinedload(Goal.owner),)
DETAIL_OPTIONS = (
    *GOAL_OPTIONS,
    selectinload(Goal.check_ins).joinedload(GoalCheckIn.author),
)
FILTERS = ("owner_id", "status", "cycle_id", "parent_id")


def _load(goal_id) -> Goal:
    return get_or_404(Goal, goal_id, *GOAL_OPTIONS)


goal_action = blp.object_action("goal", _load, perms.can_view_goal)


class GoalPage(SelectPage):
    """A page of goals, each with its rolled-up progress (one query for the page)."""

    @property
    def items(self):
        goals = super().items
        rolled = services.rolled_up_progress([g.id for g in goals])
        return [With(g, rolled_progress=rolled.get(g.id)) for g in goals]


def _load_detail(goal_id) -> Goal:
    return get_or_404(Goal, goal_id, *DETAIL_OPTIONS)


goal_detail = blp.object_action("goal", _load_detail, perms.can_view_goal)


def goal_payload(goal: Goal) -> With:
    """The goal (loaded by ``_load_detail``) with its check-ins, its parent and the
    aligned goals the caller sees; sets its ETag."""
    related = db.session.scalars(
        perms.visible_goals(current_user)
        .where(sa.or_(Goal.id == goal.parent_id, Goal.parent_id == goal.id))
        .options(*GOAL_OPTIONS)
        .order_by(Goal.id)
    ).all()
    roots = [goal.id] + ([goal.parent_id] if goal.parent_id else [])
    rolled = services.rolled_up_progress(roots)
    parent = next((g for g in related if g.id == goal.parent_id), None)
    children = [g for g in related if g.parent_id == goal.id]
    blp.set_version_etag(goal)
    return With(
        goal,
        rolled_progress=rolled.get(goal.id),
        parent=With(parent, rolled_progress=rolled.get(parent.id)) if parent else None,
        children=[With(c, rolled_progress=rolled.get(c.id)) for c in children],
    )


@blp.route("/goals")
@blp.gate(perms.can_set_goals, "POST")
class GoalList(MethodView):
    @blp.listing(GoalSummarySchema, GoalQueryArgsSchema, pager=GoalPage)
    def get(self, args):
        """Goals the caller may see: own, their reports', and those of everyone up
        their chain (team and company goals); HR all. Newest target date first."""
        stmt = perms.visible_goals(current_user)
        for name in FILTERS:
            if args.get(name) is not None:
                stmt = stmt.where(getattr(Goal, name) == args[name])
        return stmt.options(*GOAL_OPTIONS).order_by(
            Goal.target_on.is_(None), Goal.target_on.desc(), Goal.id.desc()
        )

    @blp.create(GoalCreateSchema, GoalSchema, services.create_goal, etag=blp.etag)
    def post(self, goal):
        """Create a goal for yourself (default) or one of your reports, optionally
        aligned to a goal of yours or of someone up the owner's chain."""
        return goal_payload(_load_detail(goal.id))


@blp.route("/goals/<int:goal_id>")
class GoalDetail(MethodView):
    @blp.show(GoalSchema, goal_detail)
    def get(self, goal):
        """One goal with its check-ins, parent and aligned goals."""
        return goal_payload(goal)

    @goal_action(
        perms.can_edit_goal,
        "Only the owner, their managers and HR change a goal.",
        if_match=True,
    )
    @blp.etag
    @blp.arguments(GoalUpdateSchema)
    @blp.response(200, GoalSchema)
    def patch(self, data, goal):
        """Change the text, target date, weight, alignment or status (``If-Match``)."""
        services.update_goal(current_user, goal, data)
        db.session.commit()
        return goal_payload(_load_detail(goal.id))


@blp.route("/goals/<int:goal_id>/check-ins")
class GoalCheckIns(MethodView):
    @goal_action(perms.can_view_goal, "")
    @blp.listing(CheckInOutSchema)
    def get(self, goal):
        """The goal's check-ins, newest first."""
        return (
            sa.select(GoalCheckIn)
            .where(GoalCheckIn.goal_id == goal.id)
            .options(joinedload(GoalCheckIn.author))
            .order_by(GoalCheckIn.checked_on.desc(), GoalCheckIn.id.desc())
        )

    post = blp.action_post(
        goal_action(
            perms.can_check_in,
            "Only the owner, their managers and HR check in on a goal.",
            if_match=True,
        ),
        services.check_in,
        respond=lambda goal, _: goal_payload(_load_detail(goal.id)),
        doc="Record progress (a value within the measure's range) on an active goal;"
        "\nanswers with the goal and its new ETag.",
        schema=CheckInSchema,
        response=GoalSchema,
        status=201,
        etag=blp.etag,
    )


@blp.route("/goals/<int:goal_id>/check-ins/<int:check_in_id>")
class GoalCheckInDetail(MethodView):
    @goal_action(
        perms.can_check_in,
        "Only the owner, their managers and HR check in on a goal.",
        if_match=True,
    )
    @blp.response(204)
    def delete(self, goal, check_in_id):
        """Delete a check-in you entered by mistake (within 7 days); the goal's value
        goes back to the latest check-in left (``GET`` the goal for its new ETag)."""
        entry = get_or_404(GoalCheckIn, check_in_id)
        if entry.goal_id != goal.id:
            raise NotFound("Check-in not found.")
        services.delete_check_in(current_user, goal, entry)
        db.session.commit()
        return None


@blp.route("/goals/bulk-assign")
@blp.gate(perms.can_assign_goals, "POST")
class GoalBulkAssign(MethodView):
    @blp.arguments(BulkAssignSchema)
    @blp.response(200, BulkAssignResultSchema)
    def post(self, data):
        """Give each listed report their own copy of a goal, aligned to it."""
        parent = db.session.get(Goal, data["parent_id"])
        if parent is None or not perms.can_view_goal(current_user, parent):
            raise ValidationFailed(
                "Nothing was assigned.", {"parent_id": "No such goal."}
            )
        created = services.bulk_assign(current_user, parent, data["employee_ids"])
        db.session.commit()
        return {"goals_created": created}
