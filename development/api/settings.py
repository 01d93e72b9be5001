"""The question bank, the learning record, manager suggestions and the policy.

Decisions the brief left open:
- The question bank (active topics, in order) and the policy are readable by everyone
  signed in (the policy is shown on the interview form); HR writes them.
- The policy is changed with ``PATCH /development-policy`` (partial, ``If-Match`` from
  ``GET``; 428 without, 412 when stale) — a single resource, so PATCH rather than PUT
  or POST. ``active_months`` is checked against the merged window.
- A learning record is readable by the person, their managers (direct or indirect)
  and HR; others who may see the person get 403.
- Suggestions: the list holds those made to the caller and those the caller made.
  Only managers (people with reports) may suggest; the service checks the team.
  Accept and dismiss are the suggested person's; the suggestion is visible to them,
  their managers and HR (else 404).
"""

from functools import wraps

import sqlalchemy as sa
from flask.views import MethodView
from flask_login import current_user

from core.db import utcnow
from core.errors import ValidationFailed
from core.extensions import db
from core.openapi import sends_etag
from core.permissions import require, require_visible
from core.queries import get_or_404
from development import permissions as perms
from development.api.blueprint import blp, reload_interview
from development.learning_record import current_policy, learning_record
from development.models import InterviewSuggestion, QuestionTopic
from development.schemas.api import (
    InterviewOwnerSchema,
    LearningRecordSchema,
    PolicyOutSchema,
    PolicyUpdateSchema,
    QuestionTopicOutSchema,
    SuggestionQueryArgsSchema,
    SuggestionSchema,
)
from development.schemas.forms import QuestionTopicSchema, SuggestionCreateSchema
from development.services import settings as services
from people.models import Employee
from people.permissions import can_view_person, has_reports


@blp.route("/question-bank")
@blp.gate(perms.can_manage_question_bank, "POST")
class QuestionBank(MethodView):
    @blp.response(200, QuestionTopicOutSchema(many=True))
    def get(self):
        """The active topics, in order ("Whom else should I talk to?" last)."""
        return db.session.scalars(
            sa.select(QuestionTopic)
            .where(QuestionTopic.is_active.is_(True))
            .order_by(QuestionTopic.position, QuestionTopic.id)
        ).all()

    @blp.arguments(QuestionTopicSchema)
    @blp.response(201, QuestionTopicOutSchema)
    def post(self, data):
        """Add a topic (HR)."""
        topic = services.add_question_topic(current_user, data["text"])
        db.session.commit()
        return topic


@blp.route("/people/<int:person_id>/learning-record")
class LearningRecordResource(MethodView):
    @blp.response(200, LearningRecordSchema)
    def get(self, person_id):
        """The person's learning record over the last 12 months."""
        person = get_or_404(Employee, person_id)
        require_visible(can_view_person(current_user, person))
        require(
            perms.can_view_learning_record(current_user, person),
            "Only the person, their managers and HR see a learning record.",
        )
        record = learning_record(person.id, today=utcnow().date())
        by_kind = [{"kind": k, **vars(v)} for k, v in record.by_kind.items()]
        return {**vars(record), "by_kind": by_kind}


suggestion_action = blp.object_action(
    "suggestion",
    lambda suggestion_id: get_or_404(InterviewSuggestion, suggestion_id),
    perms.can_view_suggestion,
)(
    perms.can_answer_suggestion,
    "Only the person it was made to answers a suggestion.",
)


@blp.route("/interview-suggestions")
@blp.gate(has_reports, "POST")
class SuggestionList(MethodView):
    @blp.listing(SuggestionSchema, SuggestionQueryArgsSchema)
    def get(self, args):
        """Suggestions made to you and those you made, newest first."""
        me = current_user.employee_id
        stmt = sa.select(InterviewSuggestion).where(
            sa.or_(
                InterviewSuggestion.employee_id == me,
                InterviewSuggestion.manager_id == me,
            )
        )
        if args.get("status") is not None:
            stmt = stmt.where(InterviewSuggestion.status == args["status"])
        return stmt.order_by(
            InterviewSuggestion.created_at.desc(), InterviewSuggestion.id.desc()
        )

    @blp.create(SuggestionCreateSchema, SuggestionSchema, services.suggest_interview)
    def post(self, suggestion):
        """Suggest an informational interview to someone in your team."""
        return suggestion


blp.action(
    "/interview-suggestions/<int:suggestion_id>/accept",
    "SuggestionAccept",
    suggestion_action,
    services.accept_suggestion,
    respond=lambda suggestion, interview: reload_interview(interview.id, 201),
    doc="Turn the suggestion into an interview idea.",
    response=InterviewOwnerSchema,
    status=201,
    etag=sends_etag,
)
blp.action(
    "/interview-suggestions/<int:suggestion_id>/dismiss",
    "SuggestionDismiss",
    suggestion_action,
    services.dismiss_suggestion,
    respond=lambda suggestion, dismissed: dismissed,
    doc="Dismiss the suggestion.",
    response=SuggestionSchema,
)


def _policy_if_match(func):
    """``If-Match`` on the policy before the body is read (after the HR gate)."""

    @wraps(func)
    def wrapper(*args, **kwargs):
        policy = current_policy()
        blp.require_if_match(policy)
        blp.check_version(policy)
        return func(*args, policy=policy, **kwargs)

    return blp.if_match(wrapper)


@blp.route("/development-policy")
@blp.gate(perms.can_manage_policy, "PATCH")
class PolicyResource(MethodView):
    @blp.etag
    @blp.response(200, PolicyOutSchema)
    def get(self):
        """The interview policy and the keeps-learning rule."""
        policy = current_policy()
        blp.set_version_etag(policy)
        return policy

    @_policy_if_match
    @blp.etag
    @blp.arguments(PolicyUpdateSchema(partial=True))
    @blp.response(200, PolicyOutSchema)
    def patch(self, data, policy):
        """Change the policy (HR; only the fields sent; ``If-Match``)."""
        window = data.get("window_months", policy.window_months)
        if data.get("active_months", policy.active_months) > window:
            raise ValidationFailed(
                "Nothing was saved.", {"active_months": ["Cannot exceed the window."]}
            )
        policy = services.update_policy(current_user, data)
        db.session.commit()
        blp.set_version_etag(policy)
        return policy
