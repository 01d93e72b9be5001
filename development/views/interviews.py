"""The interviews board (columns by status) and the new-interview form (conducted or
given; a given interview needs the confidentiality reminder ticked)."""

from functools import partial

import sqlalchemy as sa
from flask import render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from core.extensions import db
from core.forms import save_form
from core.permissions import require
from core.views import answer_form, form_view
from development.enums import ContactSource, InterviewMode, InterviewStatus
from development.learning_record import current_policy
from development.models import Contact, InformationalInterview
from development.schemas.forms import ContactCreateSchema, InterviewCreateSchema
from development.services import contacts as contact_services
from development.services import interviews as services
from development.views import bp
from development.views.common import contact_choices

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
    """The interviews board: the caller's interviews by stage."""
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
    """Show and save the new-interview form."""
    _require_employee()
    return form_view(
        _new_page,  # an empty form starts from the page's defaults
        {},
        InterviewCreateSchema(),
        partial(services.create_interview, current_user),
        lambda interview: (
            "The interview is on your board as an idea.",
            url_for("development.interview", interview_id=interview.id),
        ),
    )


@bp.route("/contacts", methods=["POST"])
@login_required
def contact_new():
    """Add a contact from the interviews board."""
    _require_employee()
    add = partial(contact_services.create_contact, current_user)
    return answer_form(
        save_form(ContactCreateSchema(), request.form, add),
        _board,
        lambda contact: (
            f"{contact.name} is in your contacts.",
            url_for("development.interviews") + "#contacts-heading",
        ),
    )
