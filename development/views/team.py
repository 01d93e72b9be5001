"""Team development (managers): each report's learning record summary, the verification
queue, the approval queue and the suggest-an-interview form; and the employee's answer to
a suggestion (accept → an idea, or dismiss)."""

from functools import partial

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.errors import NotFound
from core.extensions import db
from core.forms import save_form
from core.permissions import require
from core.queries import get_or_404
from core.views import answer_form, committed
from development.enums import ActivityStatus
from development.learning_record import current_policy, learning_records
from development.models import (
    DevelopmentActivity,
    InformationalInterview,
    InterviewSuggestion,
)
from development.schemas.forms import SuggestionCreateSchema
from development.services import settings as services
from development.views import bp
from development.views.common import today
from people.models import Employee
from people.permissions import has_reports, report_ids_select


def _require_manager():
    require(has_reports(current_user), "Team development is for managers.")


def render_team(status=200, errors=None, form=None):
    me = current_user.employee_id
    reports = list(
        db.session.scalars(
            sa.select(Employee)
            .where(Employee.id.in_(report_ids_select(me)), Employee.is_active.is_(True))
            .order_by(Employee.name)
        )
    )
    policy = current_policy()
    ids = [r.id for r in reports]
    records = learning_records(ids, today=today(), policy=policy) if ids else {}
    direct = [r.id for r in reports if r.manager_id == me]
    to_verify = list(
        db.session.scalars(
            sa.select(DevelopmentActivity)
            .where(
                DevelopmentActivity.employee_id.in_(direct or [0]),
                DevelopmentActivity.status == ActivityStatus.completed,
                DevelopmentActivity.verified_at.is_(None),
            )
            .options(joinedload(DevelopmentActivity.employee))
            .order_by(
                DevelopmentActivity.ended_on.desc().nulls_last(), DevelopmentActivity.id
            )
        )
    )
    to_approve = list(
        db.session.scalars(
            sa.select(InformationalInterview)
            .where(
                InformationalInterview.employee_id.in_(ids or [0]),
                InformationalInterview.needs_approval.is_(True),
            )
            .options(
                joinedload(InformationalInterview.employee),
                joinedload(InformationalInterview.contact),
            )
        )
    )
    return render_template(
        "development/team.html",
        reports=reports,
        records=records,
        policy=policy,
        to_verify=to_verify,
        to_approve=to_approve,
        choices=[(r.id, r.name) for r in reports],
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/team")
@login_required
def team():
    """The team development page of a manager."""
    _require_manager()
    return render_team()


@bp.route("/suggestions", methods=["POST"])
@login_required
def suggestion_new():
    """Suggest an interview to one of the manager's reports."""
    _require_manager()
    suggest = partial(services.suggest_interview, current_user)
    return answer_form(
        save_form(SuggestionCreateSchema(), request.form, suggest),
        render_team,
        lambda _suggestion: (
            "The suggestion is on their home page.",
            url_for("development.team"),
        ),
    )


def _own_suggestion(suggestion_id: int) -> InterviewSuggestion:
    suggestion = get_or_404(InterviewSuggestion, suggestion_id)
    if suggestion.employee_id != current_user.employee_id:
        raise NotFound("Suggestion not found.")
    return suggestion


@bp.route("/suggestions/<int:suggestion_id>/accept", methods=["POST"])
@login_required
def suggestion_accept(suggestion_id: int):
    """Accept an interview suggestion addressed to the caller."""
    interview = services.accept_suggestion(current_user, _own_suggestion(suggestion_id))
    return committed(
        "The suggestion is an idea on your interviews board.",
        url_for("development.interview", interview_id=interview.id),
    )


@bp.route("/suggestions/<int:suggestion_id>/dismiss", methods=["POST"])
@login_required
def suggestion_dismiss(suggestion_id: int):
    """Dismiss an interview suggestion addressed to the caller."""
    services.dismiss_suggestion(current_user, _own_suggestion(suggestion_id))
    return committed("The suggestion is dismissed.", url_for("home.index"))
