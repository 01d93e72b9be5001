"""The interview's steps, each an action endpoint behind ``If-Match`` (428 without it,
412 when stale); the answer is the interview as the caller sees it, with its new ETag.

Decisions the brief left open:
- ``/schedule`` over the policy's monthly limit answers 200 with ``needs_approval``
  true and the status still ``requested``; once a manager ``/approve``s, the same
  ``/schedule`` call schedules it.
- ``/approve`` is for the employee's managers (direct or indirect), never HR alone.
- ``/mentorship`` answers with the interview; ``mentorship_activity_id`` names the new
  mentoring activity (``GET /activities/<id>``).
"""

from flask.views import MethodView
from flask_login import current_user

from core.extensions import db
from core.openapi import sends_etag
from development import permissions as perms
from development.api.blueprint import blp, interview_action, reload_interview
from development.api_schemas import CloseSchema, InterviewOwnerSchema
from development.enums import InterviewStatus
from development.schemas import (
    CompleteSchema,
    FollowUpSchema,
    OutreachSchema,
    PrepareSchema,
    ScheduleSchema,
)
from development.services import interviews as services

OWNER_ONLY = "Only the employee does this."
I = "/interviews/<int:interview_id>"  # noqa: E741


def owner_step(func):
    step = interview_action(perms.can_edit_interview, OWNER_ONLY, if_match=True)
    return sends_etag(step(func))


@blp.route(I + "/request")
class InterviewRequest(MethodView):
    @owner_step
    @blp.arguments(OutreachSchema)
    @blp.response(200, InterviewOwnerSchema)
    def post(self, data, interview):
        """Record the outreach message as sent (idea → requested)."""
        services.request_interview(current_user, interview, data)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/schedule")
class InterviewSchedule(MethodView):
    @owner_step
    @blp.arguments(ScheduleSchema)
    @blp.response(
        200,
        InterviewOwnerSchema,
        description="Scheduled, or — over the monthly limit — ``needs_approval`` true "
        "and still requested until a manager approves.",
    )
    def post(self, data, interview):
        """Schedule (requested → scheduled), subject to the interview policy."""
        services.schedule_interview(current_user, interview, data)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/approve")
class InterviewApprove(MethodView):
    @sends_etag
    @interview_action(
        perms.can_approve_interview, "Only a manager approves.", if_match=True
    )
    @blp.response(200, InterviewOwnerSchema)
    def post(self, interview):
        """A manager approves an interview over the monthly limit."""
        services.approve_interview(current_user, interview)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/prepare")
class InterviewPrepare(MethodView):
    @owner_step
    @blp.arguments(PrepareSchema)
    @blp.response(200, InterviewOwnerSchema)
    def post(self, data, interview):
        """Research notes and the questions to bring (replaces both)."""
        services.prepare_interview(current_user, interview, data)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/complete")
class InterviewComplete(MethodView):
    @owner_step
    @blp.arguments(CompleteSchema)
    @blp.response(200, InterviewOwnerSchema)
    def post(self, data, interview):
        """Record the conversation (scheduled → completed): private notes (yours
        alone), takeaways, referrals (each a contact and a new idea)."""
        services.complete_interview(current_user, interview, data)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/follow-up")
class InterviewFollowUp(MethodView):
    @owner_step
    @blp.arguments(FollowUpSchema)
    @blp.response(200, InterviewOwnerSchema)
    def post(self, data, interview):
        """The thank-you was sent (completed → followed up)."""
        services.follow_up_interview(current_user, interview, data)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/close")
class InterviewClose(MethodView):
    @owner_step
    @blp.arguments(CloseSchema)
    @blp.response(200, InterviewOwnerSchema)
    def post(self, data, interview):
        """Close as ``declined`` or ``no_response``."""
        outcome = InterviewStatus(data["outcome"])
        services.close_interview(current_user, interview, outcome)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route(I + "/mentorship")
class InterviewMentorship(MethodView):
    @owner_step
    @blp.response(200, InterviewOwnerSchema)
    def post(self, interview):
        """The interview became a mentorship: a mentoring activity linked to it."""
        services.start_mentorship(current_user, interview)
        db.session.commit()
        return reload_interview(interview.id)
