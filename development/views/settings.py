"""HR: the question bank (list and add a topic) and the development policy."""

from functools import partial

import sqlalchemy as sa
from flask import render_template, url_for
from flask_login import current_user, login_required

from core.extensions import db
from core.permissions import require
from core.views import form_view
from development import permissions as perms
from development.learning_record import current_policy
from development.models import QuestionTopic
from development.schemas.forms import PolicySchema, QuestionTopicSchema
from development.services import settings as services
from development.views import bp

POLICY_FIELDS = (
    "interviews_per_month",
    "interviews_on_paid_time",
    "paid_hours_per_month",
    "may_leave_premises",
    "window_months",
    "active_months",
)


def _bank(status=200, errors=None, form=None):
    topics = list(
        db.session.scalars(
            sa.select(QuestionTopic).order_by(QuestionTopic.position, QuestionTopic.id)
        )
    )
    return render_template(
        "development/question_bank.html",
        topics=topics,
        errors=errors or {},
        form=form or {},
    ), status


@bp.route("/question-bank", methods=["GET", "POST"])
@login_required
def question_bank():
    """The question bank page: list questions and add one (HR)."""
    require(perms.can_manage_question_bank(current_user), "HR keeps the question bank.")
    return form_view(
        _bank,
        {},
        QuestionTopicSchema(),
        lambda data: services.add_question_topic(current_user, data["text"]),
        lambda _topic: (
            "The topic is in the question bank.",
            url_for("development.question_bank"),
        ),
    )


def _policy_page(status=200, errors=None, form=None):
    policy = current_policy()
    values = form or {f: getattr(policy, f) for f in POLICY_FIELDS}
    return render_template(
        "development/policy.html", errors=errors or {}, form=values
    ), status


@bp.route("/policy", methods=["GET", "POST"])
@login_required
def policy():
    """Show and save the development policy (HR)."""
    require(perms.can_manage_policy(current_user), "HR sets the policy.")
    return form_view(
        _policy_page,  # an empty form shows the policy in force
        {},
        PolicySchema(),
        partial(services.update_policy, current_user),
        lambda _policy: ("The policy is saved.", url_for("development.policy")),
    )
