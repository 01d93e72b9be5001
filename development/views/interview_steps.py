"""The interview page and its steps: asking, preparing, scheduling, afterwards,
mentorship, approval and the ``.ics`` download. Private notes reach the template only
for the owner (``can_read_private_notes``)."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from marshmallow import fields, validate

from core.dates import PlausibleDate
from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.fields import LONG, LongText
from core.forms import load_form, save_form
from core.permissions import require
from core.schemas import StrictSchema
from development import permissions as perms
from development.enums import InterviewMode, InterviewStatus
from development.interview_policy import approval_reason
from development.learning_record import current_policy
from development.models import MentoringSession, QuestionTopic
from development.outreach import draft_outreach
from development.schemas.forms import (
    CompleteSchema,
    FollowUpSchema,
    OutreachSchema,
    PrepareSchema,
    ReferralSchema,
    ScheduleSchema,
)
from development.services import interviews as services
from development.views import bp
from development.views.common import aware, check_version, load_interview, today
from development.views.network import network

S = InterviewStatus
REFERRAL_ROWS = 3
REFERRAL_FIELDS = ("name", "title", "organisation", "email")


class SessionSchema(StrictSchema):
    held_on = PlausibleDate(required=True)
    note = LongText(load_default="", validate=validate.Length(max=LONG))
    hours = fields.Float(load_default=1.0, validate=validate.Range(min=0, max=24))


def render_detail(interview, status=200, failed=None, errors=None, form=None):
    owner = perms.can_edit_interview(current_user, interview)
    sessions = []
    if interview.mentorship_activity_id:
        sessions = list(
            db.session.scalars(
                sa.select(MentoringSession)
                .where(MentoringSession.activity_id == interview.mentorship_activity_id)
                .order_by(MentoringSession.held_on)
            )
        )
    topics = []
    if owner:
        topics = list(
            db.session.scalars(
                sa.select(QuestionTopic.text)
                .where(QuestionTopic.is_active.is_(True))
                .order_by(QuestionTopic.position, QuestionTopic.id)
            )
        )
    policy = current_policy()
    draft = interview.outreach_message
    if owner and not draft and interview.status is S.idea:
        draft = draft_outreach(interview.employee, interview, interview.contact)
    return render_template(
        "development/interview_detail.html",
        interview=interview,
        owner=owner,
        # Never read for anyone else: the template cannot show what it is not given.
        private_notes=interview.private_notes
        if perms.can_read_private_notes(current_user, interview)
        else None,
        can_approve=perms.can_approve_interview(current_user, interview),
        draft=draft,
        topics=topics,
        own_questions=[q for q in interview.questions or [] if q not in topics],
        sessions=sessions,
        net=network(interview),
        policy=policy,
        approval_reason=approval_reason(interview, policy),
        modes=list(InterviewMode),
        referral_rows=range(REFERRAL_ROWS),
        failed=failed,
        errors=errors or {},
        form=form or {},
        today=today(),
    ), status


@bp.route("/interviews/<int:interview_id>")
@login_required
def interview(interview_id: int):
    """The interview page: its steps, notes and next action."""
    return render_detail(load_interview(interview_id))


def owned(interview_id: int, *allowed: InterviewStatus):
    """Load, check ownership and state, and the form's version — before reading input."""
    interview = load_interview(interview_id)
    require(
        perms.can_edit_interview(current_user, interview),
        "Only the employee edits an interview.",
    )
    if allowed and interview.status not in allowed:
        raise InvalidTransition(
            f"This step is not open while the interview is “{interview.status.title}”."
        )
    check_version(interview, request.form)
    return interview


def step(interview_id, name, schema, data, action, message):
    interview = load_interview(interview_id)
    result, errors, status = save_form(schema, data, lambda d: action(interview, d))
    if result is None:
        return render_detail(
            load_interview(interview_id), status, name, errors, request.form
        )
    db.session.commit()
    flash(message if isinstance(message, str) else message(result), "success")
    return redirect(
        url_for("development.interview", interview_id=interview_id) + f"#{name}-heading"
    )


def form_step(slug, section, schema, action, message, *states, prepare=None):
    """Declare the POST route of one form step of the interview page.

    ``POST /interviews/<id>/<slug>`` (endpoint ``interview_<slug>``): check ownership
    and state before reading input, load ``schema`` from the form (``prepare`` adjusts
    it first), run ``action(actor, interview, data)`` and answer as ``step`` does, back
    at ``section`` of the page. The steps below differ only in these arguments.
    """

    def view(interview_id: int):
        owned(interview_id, *states)
        form = prepare(request.form) if prepare else request.form
        return step(
            interview_id,
            section,
            schema(),
            form,
            lambda i, d: action(current_user, i, d),
            message,
        )

    view.__doc__ = f"The interview's {slug} step ({section})."
    bp.add_url_rule(
        f"/interviews/<int:interview_id>/{slug}",
        endpoint="interview_" + slug.replace("-", "_"),
        view_func=login_required(view),
        methods=["POST"],
    )


def _with_own_questions(form):
    """The typed questions (one per line) join the ticked topics."""
    form = form.copy()
    own = [q.strip() for q in form.pop("own_questions", "").splitlines() if q.strip()]
    for question in own:
        form.add("questions", question)
    return form


def _with_aware_time(form):
    form = form.copy()
    form["scheduled_at"] = aware(form.get("scheduled_at", ""))
    return form


def _scheduled(interview) -> str:
    if interview.needs_approval:
        reason = approval_reason(interview, current_policy())
        return f"This interview is {reason}: it waits for your manager’s approval."
    return "The interview is scheduled."


form_step(
    "outreach",
    "asking",
    OutreachSchema,
    services.request_interview,
    "The request is marked sent.",
    S.idea,
    S.no_response,
)
form_step(
    "prepare",
    "preparing",
    PrepareSchema,
    services.prepare_interview,
    "Your preparation is saved.",
    prepare=_with_own_questions,
)
form_step(
    "schedule",
    "scheduling",
    ScheduleSchema,
    services.schedule_interview,
    _scheduled,
    S.requested,
    prepare=_with_aware_time,
)
form_step(
    "follow-up",
    "afterwards",
    FollowUpSchema,
    services.follow_up_interview,
    "The thank-you is recorded: the interview is followed up.",
    S.completed,
)


def _referral_rows(form):
    """(row number, values) of the referral rows that have anything typed in."""
    for n in range(REFERRAL_ROWS):
        row = {f: form.get(f"referral_{f}_{n}", "").strip() for f in REFERRAL_FIELDS}
        if any(row.values()):
            yield n, {k: v for k, v in row.items() if v or k == "name"}


def _load_referrals(form):
    loaded, errors = [], {}
    for n, row in _referral_rows(form):
        data, row_errors = load_form(ReferralSchema(), row)
        if data is None:
            for key, message in row_errors.items():
                errors[f"referral_{key}_{n}"] = message
        else:
            loaded.append(data)
    return loaded, errors


@bp.route("/interviews/<int:interview_id>/complete", methods=["POST"])
@login_required
def interview_complete(interview_id: int):
    """Record the interview as held, with notes and referrals."""
    owned(interview_id, S.scheduled)
    data, errors = load_form(CompleteSchema(), request.form)
    loaded, referral_errors = _load_referrals(request.form)
    errors = {**errors, **referral_errors}
    if errors:
        return render_detail(
            load_interview(interview_id), 422, "afterwards", errors, request.form
        )
    data["referrals"] = loaded
    return finish(
        interview_id,
        "afterwards",
        lambda i: services.complete_interview(current_user, i, data),
        "The interview is completed; referrals are on your board as ideas.",
    )


def finish(interview_id, name, action, message):
    """Run an action whose input is already valid; service refusals show inline."""
    interview = load_interview(interview_id)
    try:
        result = action(interview)
    except ValidationFailed as err:
        db.session.rollback()
        errors = dict(err.errors or {"_form": err.message})
        if not set(errors) & set(request.form):  # about the interview, not a field here
            errors["_form"] = " ".join(str(m) for m in errors.values())
        return render_detail(
            load_interview(interview_id), 422, name, errors, request.form
        )
    db.session.commit()
    flash(message if isinstance(message, str) else message(result), "success")
    return redirect(
        url_for("development.interview", interview_id=interview_id) + f"#{name}-heading"
    )
