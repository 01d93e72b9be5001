"""The interview's steps, each an action endpoint behind ``If-Match`` (428 without it,
412 when stale); the answer is the interview as the caller sees it, with its new ETag.

Decisions the brief left open:
- ``/schedule`` over the policy's monthly limit or its paid-hours cap answers 200 with
  ``needs_approval`` true (``over_count_limit`` / ``over_hours_cap`` say why) and the status still ``requested``, the proposed time kept in ``scheduled_at``;
  a manager's ``/approve`` schedules it as proposed (an older request without a
  proposal stays requested and the same ``/schedule`` call then schedules it).
- ``/approve`` is for the employee's managers (direct or indirect), never HR alone.
- ``/mentorship`` answers with the interview; ``mentorship_activity_id`` names the new
  mentoring activity (``GET /activities/<id>``).
"""

from functools import partial

from core.openapi import sends_etag
from development import permissions as perms
from development.api.blueprint import blp, interview_action, reload_interview
from development.enums import InterviewStatus
from development.schemas.api import CloseSchema, InterviewOwnerSchema
from development.schemas.forms import (
    CompleteSchema,
    FollowUpSchema,
    OutreachSchema,
    PrepareSchema,
    ScheduleSchema,
)
from development.services import interviews as services

I = "/interviews/<int:interview_id>"  # noqa: E741
OWNER = interview_action(
    perms.can_edit_interview, "Only the employee does this.", if_match=True
)
MANAGER = interview_action(
    perms.can_approve_interview, "Only a manager approves.", if_match=True
)

_step = partial(
    blp.action,
    respond=lambda interview, _: reload_interview(interview.id),
    response=InterviewOwnerSchema,
    etag=sends_etag,
)
"""An interview step: ``act(user, interview[, data])``, answered with the interview
as the caller sees it and its new ETag."""


def _close(actor, interview, data):
    services.close_interview(actor, interview, InterviewStatus(data["outcome"]))


_step(
    I + "/request",
    "InterviewRequest",
    OWNER,
    services.request_interview,
    doc="Record the outreach message as sent (idea → requested).",
    schema=OutreachSchema,
)
_step(
    I + "/schedule",
    "InterviewSchedule",
    OWNER,
    services.schedule_interview,
    doc="Schedule (requested → scheduled), subject to the interview policy.",
    schema=ScheduleSchema,
    description="Scheduled, or — over the monthly limit or the paid-hours cap — "
    "``needs_approval`` true and still requested until a manager approves. Away from "
    "the premises when the policy keeps interviews there: 422 on ``off_premises``.",
)
_step(
    I + "/approve",
    "InterviewApprove",
    MANAGER,
    services.approve_interview,
    doc="A manager approves an interview over the monthly limit or the paid-hours "
    "cap; it is scheduled at "
    "the time the employee proposed.",
)
_step(
    I + "/prepare",
    "InterviewPrepare",
    OWNER,
    services.prepare_interview,
    doc="Research notes and the questions to bring (replaces both).",
    schema=PrepareSchema,
)
_step(
    I + "/complete",
    "InterviewComplete",
    OWNER,
    services.complete_interview,
    doc="""Record the conversation (scheduled → completed): private notes (yours
        alone), takeaways, referrals (each a contact and a new idea).""",
    schema=CompleteSchema,
)
_step(
    I + "/follow-up",
    "InterviewFollowUp",
    OWNER,
    services.follow_up_interview,
    doc="The thank-you was sent (completed → followed up).",
    schema=FollowUpSchema,
)
_step(
    I + "/close",
    "InterviewClose",
    OWNER,
    _close,
    doc="Close as ``declined`` or ``no_response``.",
    schema=CloseSchema,
)
_step(
    I + "/mentorship",
    "InterviewMentorship",
    OWNER,
    services.start_mentorship,
    doc="The interview became a mentorship: a mentoring activity linked to it.",
)
