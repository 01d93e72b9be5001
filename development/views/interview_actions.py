"""Interview actions after the main steps (``interview_steps``): close, extra referrals,
mentorship and its sessions, the manager's approval, and the ``.ics`` download."""

from flask import flash, redirect, request, url_for
from flask_login import current_user, login_required

from core.db import utcnow
from core.errors import InvalidTransition, NotFound
from core.extensions import db
from core.forms import load_form
from core.permissions import require
from development import permissions as perms
from development.enums import InterviewStatus
from development.ics import ics_download
from development.schemas.forms import ReferralSchema
from development.services import interviews as services
from development.services import mentorships
from development.views import bp
from development.views.common import load_interview
from development.views.interview_steps import (
    SessionSchema,
    finish,
    owned,
    render_detail,
    step,
)

S = InterviewStatus


@bp.route("/interviews/<int:interview_id>/close", methods=["POST"])
@login_required
def interview_close(interview_id: int):
    """Close an interview that was declined or got no response."""
    owned(interview_id, S.idea, S.requested, S.scheduled)
    outcome = request.form.get("outcome", "")
    if outcome not in ("declined", "no_response"):
        return render_detail(
            load_interview(interview_id),
            422,
            "asking",
            {"outcome": "Choose declined or no response."},
        )
    return finish(
        interview_id,
        "asking",
        lambda i: services.close_interview(current_user, i, S[outcome]),
        "The interview is closed.",
    )


@bp.route("/interviews/<int:interview_id>/referrals", methods=["POST"])
@login_required
def interview_referral(interview_id: int):
    """Add a referral that an interview led to."""
    owned(interview_id, S.completed, S.followed_up)
    data, errors = load_form(ReferralSchema(), request.form)
    if data is None:
        errors = {
            "_form": " ".join(f"{k.capitalize()}: {v}" for k, v in errors.items())
        }
        return render_detail(
            load_interview(interview_id), 422, "afterwards", errors, request.form
        )
    return finish(
        interview_id,
        "network",
        lambda i: services.add_referral(current_user, i, data),
        f"{data['name']} is on your board as an idea.",
    )


@bp.route("/interviews/<int:interview_id>/mentorship", methods=["POST"])
@login_required
def interview_mentorship(interview_id: int):
    """Record a mentorship that grew out of an interview."""
    owned(interview_id, S.completed, S.followed_up)
    return finish(
        interview_id,
        "mentorship",
        lambda i: services.start_mentorship(current_user, i),
        "The interview became a mentorship.",
    )


@bp.route("/interviews/<int:interview_id>/sessions", methods=["POST"])
@login_required
def interview_session(interview_id: int):
    """Record a session of the mentorship an interview started."""
    interview = owned(interview_id)
    if interview.mentorship_activity_id is None:
        raise InvalidTransition("Start the mentorship first.")
    return step(
        interview_id,
        "mentorship",
        SessionSchema(),
        request.form,
        lambda i, d: mentorships.add_mentoring_session(
            current_user, i.mentorship_activity_id, d
        ),
        "The session is recorded.",
    )


@bp.route("/interviews/<int:interview_id>/approve", methods=["POST"])
@login_required
def interview_approve(interview_id: int):
    """Approve an interview that waits for the manager's approval."""
    interview = load_interview(interview_id)
    require(perms.can_approve_interview(current_user, interview), "Only a manager.")
    if not interview.needs_approval:
        raise InvalidTransition("This interview does not wait for approval.")
    services.approve_interview(current_user, interview)
    db.session.commit()
    flash(
        "Approved: the interview is scheduled as proposed."
        if interview.status is S.scheduled
        else "Approved: the interview can be scheduled.",
        "success",
    )
    target = request.form.get("next")
    if target == "team":
        return redirect(url_for("development.team"))
    return redirect(url_for("development.interview", interview_id=interview_id))


@bp.route("/interviews/<int:interview_id>/ics")
@login_required
def interview_ics_file(interview_id: int):
    """Download the interview's meeting as an iCalendar file."""
    interview = load_interview(interview_id)
    if interview.scheduled_at is None or interview.needs_approval:
        # a proposed time waiting for approval is not a meeting yet
        raise NotFound("The interview has no date yet.")
    return ics_download(interview, utcnow())
