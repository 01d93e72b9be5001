"""Team development (managers) — the manager's desk: the team's open reviews by step,
the evidence to verify (bulk, with a confirmation step that asks, per need the
activities are evidence for, whether it is now met), the interviews waiting for
approval, the needs due, who is lapsing, each report's learning record and the
suggest-an-interview form; and the employee's answer to a suggestion (accept → an idea,
or dismiss).

The bulk verify is a server-rendered confirm step (no script): ``POST /team/verify``
without ``confirmed`` shows what will be verified and the needs to mark met; with it,
one service call verifies all or nothing."""

from functools import partial

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.due import org_today
from core.errors import NotFound
from core.extensions import db
from core.forms import load_form, save_form
from core.permissions import require
from core.queries import get_or_404
from core.views import answer_form, committed
from development.learning_record import current_policy, learning_records
from development.models import InterviewSuggestion
from development.schemas.forms import BulkVerifySchema, SuggestionCreateSchema
from development.services import settings as services
from development.services.verification import verify_activities
from development.views import bp
from development.views import team_desk as desk
from people.models import Employee
from people.permissions import has_reports, report_ids_select

NO_LONGER = "An activity you chose no longer waits for your verification; reload."


def require_manager():
    require(has_reports(current_user), "Team development is for managers.")


def team_reports() -> list[Employee]:
    return list(
        db.session.scalars(
            sa.select(Employee)
            .where(
                Employee.id.in_(report_ids_select(current_user.employee_id)),
                Employee.is_active.is_(True),
            )
            .order_by(Employee.name)
        )
    )


def _direct(reports) -> list[int]:
    return [r.id for r in reports if r.manager_id == current_user.employee_id]


def render_team(status=200, errors=None, form=None):
    reports = team_reports()
    policy = current_policy()
    ids = [r.id for r in reports]
    direct = _direct(reports)
    day = org_today()
    records = learning_records(ids, today=day, policy=policy) if ids else {}
    to_verify, evidenced = desk.evidence_to_verify(direct)
    needs_due, needs_total = desk.needs_due(current_user, ids, day)
    return render_template(
        "development/team.html",
        reports=reports,
        records=records,
        policy=policy,
        today=day,
        steps=desk.reviews_by_step(current_user, direct, day),
        to_verify=to_verify,
        evidenced=evidenced,
        to_approve=desk.interviews_to_approve(ids),
        needs_due=needs_due,
        needs_total=needs_total,
        needs_ahead=desk.NEEDS_AHEAD,
        lapsing=desk.lapsing(reports, records),
        choices=[(r.id, r.name) for r in reports],
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/team")
@login_required
def team():
    """The team development page of a manager (the manager's desk)."""
    require_manager()
    return render_team()


def _chosen(data) -> tuple[list, dict, dict]:
    """The activities the form names, from the caller's queue, their needs, errors."""
    queue, evidenced = desk.evidence_to_verify(_direct(team_reports()))
    if data["select_all"] or data["employee_id"] is not None:
        if data["employee_id"] is not None:
            queue = [a for a in queue if a.employee_id == data["employee_id"]]
        return queue, evidenced, {} if queue else {"activity_ids": NO_LONGER}
    wanted = set(data["activity_ids"])
    chosen = [a for a in queue if a.id in wanted]
    if len(chosen) != len(wanted):
        return [], evidenced, {"activity_ids": NO_LONGER}
    if not chosen:
        return (
            [],
            evidenced,
            {"activity_ids": "Choose at least one activity to verify."},
        )
    return chosen, evidenced, {}


def _confirm_page(chosen, evidenced, status=200, errors=None):
    return render_template(
        "development/team_verify.html",
        chosen=chosen,
        evidenced=evidenced,
        errors=errors or {},
        met=set(request.form.getlist("met_need_ids")),
    ), status


@bp.route("/team/verify", methods=["POST"])
@login_required
def team_verify():
    """Verify chosen activities after a confirmation that marks their needs met."""
    require_manager()
    data, errors = load_form(BulkVerifySchema(), request.form)
    if data is None:  # a tampered form: say it on the list, whatever the field
        return render_team(422, {"activity_ids": "Choose activities from the list."})
    chosen, evidenced, errors = _chosen(data)
    if errors:
        return render_team(422, errors)
    if not data["confirmed"]:
        return _confirm_page(chosen, evidenced)
    verify = partial(verify_activities, current_user, chosen)
    met, errors, status = save_form(
        BulkVerifySchema(),
        request.form,
        lambda d: verify(met_need_ids=d["met_need_ids"]),
    )
    if met is None:
        return _confirm_page(chosen, evidenced, status, errors)
    db.session.commit()
    flash(_verified(len(chosen), len(met)), "success")
    return redirect(url_for("development.team"))


def _verified(activities: int, needs: int) -> str:
    text = f"{activities} {'activity is' if activities == 1 else 'activities are'} verified"
    if needs:
        text += f"; {needs} {'need is' if needs == 1 else 'needs are'} marked met"
    return text + "."


@bp.route("/suggestions", methods=["POST"])
@login_required
def suggestion_new():
    """Suggest an interview to one of the manager's reports."""
    require_manager()
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
