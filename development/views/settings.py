"""HR: the question bank (list and add a topic) and the development policy."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from core.extensions import db
from core.permissions import require
from development import permissions as perms
from development.learning_record import current_policy
from development.models import QuestionTopic
from development.schemas import PolicySchema, QuestionTopicSchema
from development.services import settings as services
from development.views import bp
from people.views.common import save_form

POLICY_FIELDS = ("interviews_per_month", "interviews_on_paid_time",
                 "paid_hours_per_month", "may_leave_premises", "window_months",
                 "active_months")  # fmt: skip


def _bank(status=200, errors=None, form=None):
    topics = list(db.session.scalars(
        sa.select(QuestionTopic).order_by(QuestionTopic.position, QuestionTopic.id)
    ))  # fmt: skip
    return render_template("development/question_bank.html", topics=topics,
                           errors=errors or {}, form=form or {}), status  # fmt: skip


@bp.route("/question-bank", methods=["GET", "POST"])
@login_required
def question_bank():
    require(perms.can_manage_question_bank(current_user), "HR keeps the question bank.")
    if request.method == "GET":
        return _bank()
    result, errors, status = save_form(
        QuestionTopicSchema(), request.form,
        lambda d: services.add_question_topic(current_user, d["text"]),
    )  # fmt: skip
    if result is None:
        return _bank(status, errors, request.form)
    db.session.commit()
    flash("The topic is in the question bank.", "success")
    return redirect(url_for("development.question_bank"))


def _policy_page(status=200, errors=None, form=None):
    policy = current_policy()
    values = form or {f: getattr(policy, f) for f in POLICY_FIELDS}
    return render_template("development/policy.html", errors=errors or {},
                           form=values), status  # fmt: skip


@bp.route("/policy", methods=["GET", "POST"])
@login_required
def policy():
    require(perms.can_manage_policy(current_user), "HR sets the policy.")
    if request.method == "GET":
        return _policy_page()
    result, errors, status = save_form(
        PolicySchema(), request.form, lambda d: services.update_policy(current_user, d)
    )
    if result is None:
        return _policy_page(status, errors, request.form)
    db.session.commit()
    flash("The policy is saved.", "success")
    return redirect(url_for("development.policy"))
