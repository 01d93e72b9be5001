"""The interviews board (columns by status) and the new-interview form (conducted or
given; a given interview needs the confidentiality reminder ticked)."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.permissions import require
from development.enums import ContactSource, InterviewMode, InterviewStatus
from development.learning_record import current_policy
from development.models import Contact, InformationalInterview
from development.schemas import ContactCreateSchema, InterviewCreateSchema
from development.services import contacts as contact_services
from development.services import interviews as services
from development.views import bp
from development.views.common import contact_choices
from people.views.common import save_form

S = InterviewStatus
COLUMNS = (S.idea, S.requested, S.scheduled, S.completed, S.followed_up)
CLOSED = (S.declined, S.no_response)


def _require_employee():
    require(current_user.employee_id is not None, "Only employees have interviews.")


def _board(status=200, errors=None, form=None):
    me = current_user.employee_id
    rows, contacts = [], []
    if me is not None:
        rows = list(
            db.session.scalars(
                sa.select(InformationalInterview)
                .where(InformationalInterview.employee_id == me)
                .options(
                    joinedload(InformationalInterview.contact),
                    joinedload(InformationalInterview.activity),
                )
                .order_by(InformationalInterview.id.desc())
            )
        )
        contacts = list(
            db.session.scalars(
                sa.select(Contact).where(Contact.owner_id == me).order_by(Contact.name)
            )
        )
    return render_template(
        "development/interviews.html",
        board={status: [i for i in rows if i.status is status] for status in S},
        columns=COLUMNS,
        closed=CLOSED,
        contacts=contacts,
        sources=list(ContactSource),
        has_employee=me is not None,
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/interviews")
@login_required
def interviews():
    return _board()


def _new_page(status=200, errors=None, form=None):
    return render_template(
        "development/interview_new.html",
        contacts=contact_choices(current_user.employee_id),
        modes=list(InterviewMode),
        policy=current_policy(),
        errors=errors or {},
        form=form
        or {"direction": request.args.get("direction", "conducted"), "mode": "video"},
    ), status


@bp.route("/interviews/new", methods=["GET", "POST"])
@login_required
def interview_new():
    _require_employee()
    if request.method == "GET":
        return _new_page()
    result, errors, status = save_form(
        InterviewCreateSchema(),
        request.form,
        lambda d: services.create_interview(current_user, d),
    )
    if result is None:
        return _new_page(status, errors, request.form)
    db.session.commit()
    flash("The interview is on your board as an idea.", "success")
    return redirect(url_for("development.interview", interview_id=result.id))


@bp.route("/contacts", methods=["POST"])
@login_required
def contact_new():
    _require_employee()

    def add(data):
        return contact_services.create_contact(current_user, data)

    result, errors, status = save_form(ContactCreateSchema(), request.form, add)
    if result is None:
        return _board(status, errors, request.form)
    db.session.commit()
    flash(f"{result.name} is in your contacts.", "success")
    return redirect(url_for("development.interviews") + "#contacts-heading")
