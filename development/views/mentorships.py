"""The mentorship page: its plan (cadence, end, next session, mentor) and its sessions.

The mentee reads and changes everything; their managers and HR read the plan and the
sessions; the mentor (an employee) reads the plan and the sessions they give. A session's
note is the mentee's private note: the template gets it only through
``can_read_session_notes`` (``None`` for everyone else).
"""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.errors import NotFound
from core.extensions import db
from core.forms import save_form
from core.permissions import require, require_visible
from development import permissions as perms
from development.enums import ActivityKind, Cadence
from development.models import DevelopmentActivity, InformationalInterview
from development.schemas.mentorships import (
    MentoringSessionCreateSchema,
    MentorshipPlanFormSchema,
)
from development.services import mentorships as services
from development.views import bp
from development.views.common import check_version, today
from people.models import Employee

MENTEE_ONLY = "Only the mentee changes a mentorship."


def load_mentorship(activity_id: int) -> DevelopmentActivity:
    activity = db.session.scalar(
        sa.select(DevelopmentActivity)
        .where(DevelopmentActivity.id == activity_id)
        .options(
            joinedload(DevelopmentActivity.employee),
            joinedload(DevelopmentActivity.mentor),
        )
    )
    if activity is None or activity.kind is not ActivityKind.mentoring:
        raise NotFound("Mentorship not found.")
    require_visible(
        perms.can_view_mentorship(current_user, activity), "Mentorship not found."
    )
    return activity


def mentorships_given(employee_id) -> list:
    """The mentorships the person gives as an employee mentor, open ones first (one
    statement): the "Mentorships you give" list on their development page."""
    if employee_id is None:
        return []
    return list(
        db.session.scalars(
            sa.select(DevelopmentActivity)
            .where(
                DevelopmentActivity.mentor_id == employee_id,
                DevelopmentActivity.kind == ActivityKind.mentoring,
            )
            .options(joinedload(DevelopmentActivity.employee))
            .order_by(
                DevelopmentActivity.next_session_on.is_(None),
                DevelopmentActivity.next_session_on,
                DevelopmentActivity.id,
            )
            .limit(50)
        )
    )


def _plan_form(activity) -> dict:
    return {
        "cadence": activity.cadence.value if activity.cadence else "",
        "plan_ends_on": activity.plan_ends_on.isoformat()
        if activity.plan_ends_on
        else "",
        "planned_sessions": activity.planned_sessions or "",
        "next_session_on": activity.next_session_on.isoformat()
        if activity.next_session_on
        else "",
        "mentor_id": activity.mentor_id or "",
        "version": activity.version,
    }


def _mentor_choices(activity) -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Employee.id, Employee.name, Employee.job_title)
        .where(Employee.is_active.is_(True), Employee.id != activity.employee_id)
        .order_by(Employee.name)
    )
    return [
        (r.id, f"{r.name} · {r.job_title}" if r.job_title else r.name) for r in rows
    ]


def render_mentorship(activity, status=200, failed=None, errors=None, form=None):
    owner = perms.can_edit_mentorship(current_user, activity)
    notes = perms.can_read_session_notes(current_user, activity)
    sessions = services.mentoring_sessions(activity.id)
    interview_id = db.session.scalar(
        sa.select(InformationalInterview.id).where(
            InformationalInterview.mentorship_activity_id == activity.id
        )
    )
    return render_template(
        "development/mentorship_detail.html",
        activity=activity,
        owner=owner,
        sessions=sessions,
        # Never read for anyone else: the template cannot show what it is not given.
        session_notes={s.id: s.note for s in sessions} if notes else None,
        is_mentor=perms.is_mentor(current_user, activity),
        interview_id=interview_id
        if perms.can_view_activity(current_user, activity)
        else None,
        cadences=[(c.value, c.title) for c in Cadence],
        mentors=_mentor_choices(activity) if owner else [],
        failed=failed,
        errors=errors or {},
        plan=form if failed == "plan" else _plan_form(activity),
        session_form=form
        if failed == "session"
        else {"held_on": (activity.next_session_on or today()).isoformat(), "hours": 1},
        today=today(),
    ), status


@bp.route("/mentorships/<int:mentorship_id>")
@login_required
def mentorship(mentorship_id: int):
    """A mentorship: its plan and its sessions."""
    return render_mentorship(load_mentorship(mentorship_id))


@bp.route("/mentorships/<int:mentorship_id>/plan", methods=["POST"])
@login_required
def mentorship_plan(mentorship_id: int):
    """Change the mentorship's cadence, end, next session or mentor."""
    activity = load_mentorship(mentorship_id)
    require(perms.can_edit_mentorship(current_user, activity), MENTEE_ONLY)
    check_version(activity, request.form)
    result, errors, status = save_form(
        MentorshipPlanFormSchema(),
        request.form,
        lambda d: services.plan_mentorship(
            current_user, activity, {k: v for k, v in d.items() if k != "version"}
        ),
    )
    if result is None:
        return render_mentorship(
            load_mentorship(mentorship_id), status, "plan", errors, request.form
        )
    db.session.commit()
    flash("The mentorship's plan is saved.", "success")
    return redirect(url_for("development.mentorship", mentorship_id=mentorship_id))


@bp.route("/mentorships/<int:mentorship_id>/sessions", methods=["POST"])
@login_required
def mentorship_session(mentorship_id: int):
    """Record a session; the next session moves on by the cadence."""
    activity = load_mentorship(mentorship_id)
    require(perms.can_edit_mentorship(current_user, activity), MENTEE_ONLY)
    result, errors, status = save_form(
        MentoringSessionCreateSchema(),
        request.form,
        lambda d: services.add_mentoring_session(current_user, activity.id, d),
    )
    if result is None:
        return render_mentorship(
            load_mentorship(mentorship_id), status, "session", errors, request.form
        )
    db.session.commit()
    flash("The session is recorded.", "success")
    return redirect(url_for("development.mentorship", mentorship_id=mentorship_id))
