"""Values for URL placeholders, drawn from the standard org (``tests.conftest.Org``)."""

import sqlalchemy as sa

from core.extensions import db


def _first_id(model):
    return db.session.scalar(sa.select(model.id).order_by(model.id).limit(1))


def _skill_id(org):
    from people.models import Skill
    from tests.factories import make_skill

    return _first_id(Skill) or make_skill().id


def _profile_id(org):
    from people.models import RoleProfile
    from tests.factories import make_role_profile

    return _first_id(RoleProfile) or make_role_profile().id


def _review_world(org):
    """Emma's review (not started) in a launched cycle, created once per test.

    ``review_id``, ``cycle_id`` and ``template_id`` all name this one world: the
    cycle is active (so draft-only cycle routes answer 409) and its template is
    locked (so template edits answer 409 / show the duplicate offer).
    """
    from datetime import UTC, datetime

    from reviews.models import Review
    from reviews.services import launch_cycle
    from tests.factories import make_cycle, make_template

    review = db.session.scalar(
        sa.select(Review)
        .where(Review.employee_id == org.employee.employee_id)
        .order_by(Review.id)
        .limit(1)
    )
    if review is None:
        template = make_template(actor=org.hr)
        cycle = make_cycle(template, name="Matrix cycle")
        launch_cycle(org.hr, cycle, now=datetime(2026, 7, 5, 9, tzinfo=UTC))
        db.session.flush()
        review = db.session.scalar(
            sa.select(Review).where(
                Review.employee_id == org.employee.employee_id,
                Review.cycle_id == cycle.id,
            )
        )
    return review


def _goal_world(org):
    """Emma's goal, aligned to her manager's team goal, created once per test."""
    from reviews.enums import MeasureType
    from reviews.models import Goal
    from reviews.services import create_goal

    goal = db.session.scalar(
        sa.select(Goal)
        .where(Goal.owner_id == org.employee.employee_id, Goal.title == "Matrix goal")
        .limit(1)
    )
    if goal is None:
        percent = {"measure": MeasureType.percent}
        team = create_goal(org.manager, {"title": "Matrix team goal", **percent})
        goal = create_goal(
            org.employee, {"title": "Matrix goal", "parent_id": team.id, **percent}
        )
    return goal


def _check_in_world(org):
    """Emma's check-in on her goal (entered now: within the grace period)."""
    from reviews.enums import CheckInStatus
    from reviews.models import GoalCheckIn
    from reviews.services import check_in

    goal = _goal_world(org)
    entry = db.session.scalar(
        sa.select(GoalCheckIn).where(GoalCheckIn.goal_id == goal.id).limit(1)
    )
    if entry is None:
        entry = check_in(
            org.employee, goal, {"value": 10, "status": CheckInStatus.on_track}
        )
    return entry


def _contact_world(org):
    """Emma's contact (contacts are their owner's alone)."""
    from development.models import Contact
    from development.services.contacts import create_contact

    contact = db.session.scalar(
        sa.select(Contact)
        .where(Contact.owner_id == org.employee.employee_id)
        .order_by(Contact.id)
        .limit(1)
    )
    if contact is None:
        contact = create_contact(org.employee, {"name": "Matrix contact"})
    return contact


def _need_world(org):
    """Emma's need, named by her manager, in progress with evidence (so verifiable)."""
    from reviews.models import TrainingNeed
    from reviews.services import create_need, link_evidence

    need = db.session.scalar(
        sa.select(TrainingNeed)
        .where(TrainingNeed.employee_id == org.employee.employee_id)
        .order_by(TrainingNeed.id)
        .limit(1)
    )
    if need is None:
        need = create_need(
            org.manager,
            {
                "employee_id": org.employee.employee_id,
                "skill_id": _skill_id(org),
                "target_level": 3,
            },
        )
        link_evidence(org.employee, need, note="Finished the course.")
    return need


def _activity_world(org):
    """Emma's (first) course, completed, so her direct manager may verify it. In the
    private-data sweep the planted private course comes first and is the one named."""
    from development.enums import ActivityKind, ActivityStatus
    from development.models import DevelopmentActivity
    from development.services.activities import create_activity

    activity = db.session.scalar(
        sa.select(DevelopmentActivity)
        .where(
            DevelopmentActivity.employee_id == org.employee.employee_id,
            DevelopmentActivity.kind == ActivityKind.course,
        )
        .order_by(DevelopmentActivity.id)
        .limit(1)
    )
    if activity is None:
        activity = create_activity(
            org.employee,
            {
                "kind": ActivityKind.course,
                "title": "Matrix course",
                "hours": 2.0,
                "status": ActivityStatus.completed,
            },
        )
    return activity


def _mentorship_world(org):
    """Emma's monthly mentorship, mentored by her peer Piet (an employee, who so reads
    its plan and sessions), with one session and its private note."""
    from datetime import date

    from development.enums import ActivityKind, ActivityStatus, Cadence
    from development.models import DevelopmentActivity
    from development.services.activities import create_activity
    from development.services.mentorships import (
        add_mentoring_session,
        plan_mentorship,
    )

    activity = db.session.scalar(
        sa.select(DevelopmentActivity)
        .where(
            DevelopmentActivity.employee_id == org.employee.employee_id,
            DevelopmentActivity.kind == ActivityKind.mentoring,
        )
        .order_by(DevelopmentActivity.id)
        .limit(1)
    )
    if activity is None:
        activity = create_activity(
            org.employee,
            {
                "kind": ActivityKind.mentoring,
                "title": "Matrix mentorship",
                "status": ActivityStatus.in_progress,
                "started_on": date(2026, 1, 5),
            },
        )
        plan_mentorship(
            org.employee,
            activity,
            {"cadence": Cadence.monthly, "mentor_id": org.peer.employee_id},
        )
        add_mentoring_session(
            org.employee, activity.id, {"held_on": date(2026, 2, 5), "note": "Notes."}
        )
    return activity


def _interview_world(org):
    """Emma's (first) informational interview, an idea. In the private-data sweep the
    planted one (with private notes) comes first and is the one named."""
    from development.models import InformationalInterview
    from development.services.interviews import create_interview

    interview = db.session.scalar(
        sa.select(InformationalInterview)
        .where(InformationalInterview.employee_id == org.employee.employee_id)
        .order_by(InformationalInterview.id)
        .limit(1)
    )
    if interview is None:
        interview = create_interview(
            org.employee, {"purpose": "Learn about product work", "target_role": "PM"}
        )
    return interview


def _suggestion_world(org):
    """An open suggestion Emma's manager made to her."""
    from development.enums import SuggestionStatus
    from development.models import InterviewSuggestion
    from development.services.settings import suggest_interview

    suggestion = db.session.scalar(
        sa.select(InterviewSuggestion)
        .where(
            InterviewSuggestion.employee_id == org.employee.employee_id,
            InterviewSuggestion.status == SuggestionStatus.open,
        )
        .order_by(InterviewSuggestion.id)
        .limit(1)
    )
    if suggestion is None:
        suggestion = suggest_interview(
            org.manager,
            {"employee_id": org.employee.employee_id, "topic": "Talk to a data lead"},
        )
    return suggestion


def _personal_token_world(org):
    """Emma's personal access token (read-only), created once per test."""
    from auth.permissions import visible_personal_tokens
    from auth.personal_tokens import issue_personal_token

    row = db.session.scalar(visible_personal_tokens(org.employee).limit(1))
    if row is None:
        _, row = issue_personal_token(org.employee, {"name": "Matrix token"})
    return row


def _notifications():
    """Emma's delivered notification and its email (``tests.notifications.helpers``)."""
    from tests.notifications import helpers

    return helpers


def _provisioning():
    from tests.gates.matrix import provisioning

    return provisioning


def _links():
    from tests.gates.matrix import accounts_links

    return accounts_links


PARAMS = {
    "person_id": lambda org: org.employee.employee_id,
    "employee_id": lambda org: org.employee.employee_id,
    "department_id": lambda org: org.department.id,
    "skill_id": _skill_id,
    "profile_id": _profile_id,
    "user_id": lambda org: org.employee.id,
    "review_id": lambda org: _review_world(org).id,
    "cycle_id": lambda org: _review_world(org).cycle_id,
    "template_id": lambda org: _review_world(org).template_id,
    "goal_id": lambda org: _goal_world(org).id,
    "check_in_id": lambda org: _check_in_world(org).id,
    "contact_id": lambda org: _contact_world(org).id,
    "need_id": lambda org: _need_world(org).id,
    "activity_id": lambda org: _activity_world(org).id,
    "interview_id": lambda org: _interview_world(org).id,
    "mentorship_id": lambda org: _mentorship_world(org).id,
    "suggestion_id": lambda org: _suggestion_world(org).id,
    "notification_id": lambda org: _notifications().emmas_notification(org).id,
    "message_id": lambda org: _notifications().emmas_email_id(org),
    "token_id": lambda org: _personal_token_world(org).id,
    "name": lambda org: "swagger-ui.css",
    "filename": lambda org: "css/app.css",
    "invite_token": lambda org: _links().invite_token(org),
    "reset_token": lambda org: _links().reset_token(org),
    "scim_token_id": lambda org: _provisioning().scim_token_id(org),
    "key": lambda org: "User",
    "rest": lambda org: "Groups",
}


def fill(rule: str, org) -> str:
    """Turn ``/people/<int:person_id>`` into ``/people/7``."""
    import re

    def repl(match):
        name = match.group(1)
        if name not in PARAMS:
            raise KeyError(f"no matrix value for URL placeholder <{name}> in {rule}")
        return str(PARAMS[name](org))

    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", repl, rule)
