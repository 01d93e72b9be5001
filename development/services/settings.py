"""Manager suggestions, the organisation's policy and the question bank.

A suggestion may be made in a review (``review_id``: a review of the same person; the
review page then shows it and what came of it) and may name a contact from the
manager's own network (``contact_id``: one of the manager's contacts; its name, title
and organisation are copied into ``contact_name``, since the contact record stays the
manager's and the person cannot read it). A suggestion from a training need's page is
made in the review that named the need, if any — a suggestion stores no need.
"""

import sqlalchemy as sa

from core.audit import record_event, update_audited
from core.db import utcnow
from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.queries import get_or_404
from development import permissions as perms
from development.enums import SuggestionStatus
from development.models import (
    Contact,
    DevelopmentPolicy,
    InterviewSuggestion,
    QuestionTopic,
)
from development.services.interviews import create_interview
from people.models import Employee
from reviews.models import Review


def contact_line(contact: Contact) -> str:
    """ "Name, Title, Organisation" — what the person needs to find the contact."""
    parts = [contact.name, contact.title, contact.organisation]
    return ", ".join(p for p in parts if p)[:160]


def _suggestion_links(actor, employee: Employee, data: dict) -> tuple[int | None, str]:
    """The review the suggestion is made in and the contact's line, checked.

    :raises ValidationFailed: a review of someone else, a contact not the manager's.
    """
    errors, review_id = {}, data.get("review_id")
    if review_id is not None:
        review = db.session.get(Review, review_id)
        if review is None or review.employee_id != employee.id:
            errors["review_id"] = f"Choose a review of {employee.name}."
    contact_name = data.get("contact_name", "")
    if data.get("contact_id") is not None:
        contact = db.session.get(Contact, data["contact_id"])
        if contact is None or contact.owner_id != actor.employee_id:
            errors["contact_id"] = "Choose one of your own contacts."
        else:
            contact_name = contact_line(contact)
    if errors:
        raise ValidationFailed("The suggestion was not made.", errors)
    return review_id, contact_name


def suggest_interview(actor, data: dict, *, now=None) -> InterviewSuggestion:
    """A manager suggests an informational interview to someone in their team, in a
    review of theirs or not, optionally with a contact from the manager's network."""
    now = now or utcnow()
    employee = get_or_404(Employee, data["employee_id"])
    require(
        perms.can_suggest_interview(actor, employee.id),
        "Managers suggest to their team.",
    )
    review_id, contact_name = _suggestion_links(actor, employee, data)
    suggestion = InterviewSuggestion(
        manager_id=actor.employee_id,
        employee_id=employee.id,
        topic=data["topic"],
        contact_name=contact_name,
        review_id=review_id,
        created_at=now,
    )
    db.session.add(suggestion)
    db.session.flush()
    record_event(
        actor,
        suggestion,
        "created",
        {"employee_id": employee.id, "review_id": review_id},
        now=now,
    )
    return suggestion


def _answer(actor, suggestion: InterviewSuggestion) -> None:
    require(
        actor is not None and actor.employee_id == suggestion.employee_id,
        "Only the person it was made to answers a suggestion.",
    )
    if suggestion.status is not SuggestionStatus.open:
        raise InvalidTransition("This suggestion was answered already.")


def accept_suggestion(actor, suggestion: InterviewSuggestion, *, now=None):
    """Turn the suggestion into an interview idea."""
    _answer(actor, suggestion)
    interview = create_interview(actor, {"purpose": suggestion.topic}, now=now)
    suggestion.status = SuggestionStatus.accepted
    suggestion.interview_id = interview.id
    db.session.flush()
    record_event(actor, suggestion, "accepted", {"interview_id": interview.id}, now=now)
    return interview


def dismiss_suggestion(actor, suggestion: InterviewSuggestion, *, now=None):
    """Decline the suggestion (it stays in the list as dismissed)."""
    _answer(actor, suggestion)
    suggestion.status = SuggestionStatus.dismissed
    db.session.flush()
    record_event(actor, suggestion, "dismissed", {}, now=now)
    return suggestion


def update_policy(actor, data: dict, *, now=None) -> DevelopmentPolicy:
    """HR sets the interview policy and the keeps-learning rule. The interview settings
    act when an interview is scheduled (``development.interview_policy``): the monthly
    count and the paid-hours cap send it to the manager's approval, "may leave the
    premises" refuses one away from them."""
    require(perms.can_manage_policy(actor), "HR sets the policy.")
    policy = db.session.scalar(sa.select(DevelopmentPolicy).limit(1))
    if policy is None:
        policy = DevelopmentPolicy()
        db.session.add(policy)
    return update_audited(actor, policy, data, now=now)


def add_question_topic(actor, text: str) -> QuestionTopic:
    """HR adds a topic to the question bank (before the closing question)."""
    require(perms.can_manage_question_bank(actor), "HR edits the question bank.")
    if db.session.scalar(sa.select(QuestionTopic.id).where(QuestionTopic.text == text)):
        raise ValidationFailed("Nothing was saved.", {"text": "This topic exists."})
    from development.seeds import STANDARD_TOPICS

    last = db.session.scalar(sa.select(sa.func.max(QuestionTopic.position))) or 0
    closing = db.session.scalar(
        sa.select(QuestionTopic).where(QuestionTopic.text == STANDARD_TOPICS[-1])
    )
    position = last + 1
    if closing is not None:  # "Whom else should I talk to?" always stays last
        position, closing.position = closing.position, last + 1
    topic = QuestionTopic(text=text, position=position)
    db.session.add(topic)
    db.session.flush()
    record_event(actor, topic, "created", {"text": text, "position": position})
    return topic
