"""A mentorship's plan and its sessions (``/activities/{mentorship_id}/mentorship``, ``…/sessions``).

Decisions the brief left open:
- The mentorship is its mentoring activity: the same id, the same ``{id, version}``
  ETag. Another kind of activity answers 404 here.
- Who reads: whoever sees the activity (the mentee, their managers, HR) and the mentor
  when they are an employee (``mentor_id``) — the mentor reads the plan and the
  sessions they give. A session's ``note`` is the mentee's private note: ``null`` for
  everyone else, the mentor included.
- Who writes: the mentee alone (403 for the mentor, a manager, HR).
- ``PATCH …/mentorship`` needs ``If-Match`` (the plan is on the versioned activity);
  ``POST …/sessions`` adds a row to a collection and needs none (two tabs recording
  two sessions both record them); it answers the session, and the plan's new
  ``next_session_on`` is in ``GET …/mentorship``.
"""

from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.api import With
from core.errors import NotFound
from core.extensions import db
from core.queries import get_or_404
from development import permissions as perms
from development.api.blueprint import blp
from development.enums import ActivityKind
from development.models import DevelopmentActivity
from development.schemas.mentorships import (
    MentoringSessionCreateSchema,
    MentoringSessionSchema,
    MentorshipPlanSchema,
    MentorshipSchema,
)
from development.services import mentorships as services

MENTEE_ONLY = "Only the mentee changes a mentorship."


def load_mentorship(activity_id) -> DevelopmentActivity:
    activity = get_or_404(
        DevelopmentActivity,
        activity_id,
        joinedload(DevelopmentActivity.employee),
        joinedload(DevelopmentActivity.mentor),
    )
    if activity.kind is not ActivityKind.mentoring:
        raise NotFound("Not a mentorship.")
    return activity


# The route names the activity ``mentorship_id``: a mentoring activity, else 404.
mentorship_action = blp.object_action(
    "mentorship", load_mentorship, perms.can_view_mentorship
)


def mentorship_view(activity) -> With:
    return With(activity, sessions_held=services.sessions_held(activity.id))


def session_view(session, *, notes: bool) -> With:
    return With(session, note=session.note if notes else None)


def _respond(activity_id: int):
    activity = load_mentorship(activity_id)
    blp.set_version_etag(activity)
    return mentorship_view(activity)


@blp.route("/activities/<int:mentorship_id>/mentorship")
class MentorshipDetail(MethodView):
    @blp.show(MentorshipSchema, mentorship_action)
    def get(self, mentorship):
        """The mentorship's plan: cadence, end, next session, mentor, sessions held."""
        blp.set_version_etag(mentorship)
        return mentorship_view(mentorship)

    @mentorship_action(perms.can_edit_mentorship, MENTEE_ONLY, if_match=True)
    @blp.etag
    @blp.arguments(MentorshipPlanSchema)
    @blp.response(200, MentorshipSchema)
    def patch(self, data, mentorship):
        """Plan your mentorship (``If-Match``; only the fields sent change): the
        cadence, an end date *or* a number of sessions, the next session (computed
        after each session, editable) and the mentor when they are an employee."""
        services.plan_mentorship(current_user, mentorship, data)
        db.session.commit()
        return _respond(mentorship.id)


@blp.route("/activities/<int:mentorship_id>/sessions")
class MentoringSessionList(MethodView):
    @mentorship_action(perms.can_view_mentorship, "")
    @blp.response(200, MentoringSessionSchema(many=True))
    def get(self, mentorship):
        """The mentorship's sessions, oldest first; ``note`` is ``null`` for all but
        the mentee."""
        notes = perms.can_read_session_notes(current_user, mentorship)
        return [
            session_view(s, notes=notes)
            for s in services.mentoring_sessions(mentorship.id)
        ]

    @mentorship_action(perms.can_edit_mentorship, MENTEE_ONLY)
    @blp.arguments(MentoringSessionCreateSchema)
    @blp.response(201, MentoringSessionSchema)
    def post(self, data, mentorship):
        """Record a session of your mentorship; the next session moves on by the
        cadence (and the mentorship completes with its last planned session)."""
        session = services.add_mentoring_session(current_user, mentorship.id, data)
        db.session.commit()
        return session_view(session, notes=True)
