"""Interviews: the list, one interview shaped by role, the ``.ics`` file, the outreach
draft and the referral tree (the step actions are in ``interview_actions``).

Decisions the brief left open:
- The list never carries private notes, not even the owner's own: they are read one
  interview at a time (``GET /interviews/<id>``), where ``InterviewOwnerSchema`` is
  chosen for the owner (``can_read_private_notes``) and ``InterviewSchema`` for
  everyone else.
- The list starts from ``visible_activities``: own, reports' (direct or indirect), HR
  all.
- The ``.ics`` file and the outreach draft are the owner's (their calendar, their
  letter); the referral tree is readable by anyone who may see the interview.
- The referral tree's depths are ``development.referrals.chain_depth`` (hops from the
  root of the chain), the number the interview page shows.
- ``PATCH /interviews/<id>`` (``If-Match``) changes the contact, target role, purpose
  or mode while the interview is an idea or requested (409 later); an interview
  accepted from a manager's suggestion gets its contact this way. Other fields are
  the steps' (``/request``, ``/schedule``…) and are refused as unknown (422).
- ``POST …/referrals`` adds one referral (a contact and the next interview, an idea);
  it needs no ``If-Match``: the interview itself does not change.
"""

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user
from sqlalchemy.orm import joinedload

from core.db import utcnow
from core.extensions import db
from core.openapi import sends_etag
from core.permissions import require_visible
from core.queries import get_or_404
from development import permissions as perms
from development.api.blueprint import (
    INTERVIEW_OPTIONS,
    blp,
    interview_action,
    interview_response,
    load_interview,
    reload_interview,
)
from development.ics import ics_download
from development.models import DevelopmentActivity, InformationalInterview
from development.outreach import draft_outreach
from development.permissions import has_employee_record
from development.referrals import referral_tree
from development.schemas.api import (
    InterviewOwnerSchema,
    InterviewQueryArgsSchema,
    InterviewSchema,
    OutreachDraftSchema,
    ReferralTreeSchema,
)
from development.schemas.forms import (
    InterviewCreateSchema,
    InterviewUpdateSchema,
    ReferralSchema,
)
from development.services import interviews as services
from people.models import Employee

IV = InformationalInterview
FILTERS = ("employee_id", "status", "direction")
OWNER_ONLY = "Only the employee does this."


def visible_interviews(user) -> sa.Select:
    """Interviews whose activity the caller may see."""
    activity_ids = perms.visible_activities(user).with_only_columns(
        DevelopmentActivity.id
    )
    return sa.select(IV).where(IV.activity_id.in_(activity_ids))


@blp.route("/interviews")
@blp.gate(has_employee_record, "POST")
class InterviewList(MethodView):
    @blp.listing(InterviewSchema, InterviewQueryArgsSchema)
    def get(self, args):
        """Your interviews and your reports' (HR: all), newest first; without private
        notes."""
        stmt = visible_interviews(current_user)
        for name in FILTERS:
            if args.get(name) is not None:
                stmt = stmt.where(getattr(IV, name) == args[name])
        return stmt.options(*INTERVIEW_OPTIONS).order_by(IV.id.desc())

    @blp.create(
        InterviewCreateSchema,
        InterviewOwnerSchema,
        services.create_interview,
        etag=sends_etag,
    )
    def post(self, interview):
        """Start an interview as an idea. A given interview needs
        ``confidentiality_confirmed``."""
        return reload_interview(interview.id, 201)


@blp.route("/interviews/<int:interview_id>")
class InterviewDetail(MethodView):
    @sends_etag
    @blp.response(
        200,
        InterviewOwnerSchema,
        description="The owner gets ``private_notes``; anyone else never does.",
    )
    def get(self, interview_id):
        """One interview, with its ETag (send it as ``If-Match`` with the steps)."""
        interview = load_interview(interview_id)
        require_visible(perms.can_view_interview(current_user, interview))
        return interview_response(interview)

    @sends_etag
    @interview_action(perms.can_edit_interview, OWNER_ONLY, if_match=True)
    @blp.arguments(InterviewUpdateSchema)
    @blp.response(200, InterviewOwnerSchema)
    def patch(self, data, interview):
        """Change the contact, target role, purpose or mode (only the fields sent)
        while the interview is an idea or requested; ``If-Match``."""
        services.update_interview(current_user, interview, data)
        db.session.commit()
        return reload_interview(interview.id)


@blp.route("/interviews/<int:interview_id>/outreach-draft")
class InterviewOutreachDraft(MethodView):
    @interview_action(perms.can_edit_interview, OWNER_ONLY)
    @blp.response(200, OutreachDraftSchema)
    def get(self, interview):
        """A request drafted from your profile and the purpose (edit, then send it
        with ``POST …/request``)."""
        employee = get_or_404(
            Employee, interview.employee_id, joinedload(Employee.department)
        )
        text = draft_outreach(employee, interview, interview.contact)
        return {"message": text}


@blp.route("/interviews/<int:interview_id>/ics")
class InterviewCalendar(MethodView):
    @interview_action(perms.can_edit_interview, OWNER_ONLY)
    @blp.alt_response(
        200,
        success=True,
        content_type="text/calendar",
        schema={"type": "string"},
        description="An RFC 5545 calendar file (422 until the interview is scheduled).",
    )
    def get(self, interview):
        """The scheduled interview as a calendar file."""
        return ics_download(interview, utcnow())


@blp.route("/interviews/<int:interview_id>/referrals")
class InterviewReferrals(MethodView):
    @interview_action(perms.can_view_interview, "")
    @blp.response(200, ReferralTreeSchema)
    def get(self, interview):
        """The referral tree below this interview (who introduced whom)."""
        return referral_tree(interview)

    @sends_etag
    @interview_action(perms.can_edit_interview, OWNER_ONLY)
    @blp.arguments(ReferralSchema)
    @blp.response(201, InterviewOwnerSchema)
    def post(self, data, interview):
        """Add a referral: a new contact and the next interview (an idea)."""
        created = services.add_referral(current_user, interview, data)
        db.session.commit()
        return reload_interview(created.id, 201)
