from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from development.enums import InterviewDirection, InterviewStatus
from development.models import Contact, DevelopmentPolicy, InformationalInterview
from development.outreach import draft_outreach
from development.services import interviews as svc
from development.services import mentorships
from people.models import Employee

WHEN = datetime(2026, 11, 10, 14, 0, tzinfo=UTC)
SENT = date(2026, 11, 1)  # the request goes out before the interview is scheduled
MARKER = "PRIVATE-NOTES-MARKER-91d2"


def _contact(db, org, name="Dana Lee"):
    contact = Contact(owner_id=org.employee.employee_id, name=name, organisation="Acme")
    db.session.add(contact)
    db.session.flush()
    return contact


def _scheduled(db, org, when=WHEN):
    contact = _contact(db, org)
    interview = svc.create_interview(
        org.employee, {"contact_id": contact.id, "target_role": "Data engineer"}
    )
    employee = db.session.scalar(
        sa.select(Employee)
        .where(Employee.id == org.employee.employee_id)
        .options(sa.orm.joinedload(Employee.department))
    )
    message = draft_outreach(employee, interview, contact)
    svc.request_interview(
        org.employee, interview, {"message": message, "sent_on": SENT}
    )
    svc.schedule_interview(org.employee, interview, {"scheduled_at": when})
    return interview, message


def test_an_interview_goes_from_idea_to_followed_up_and_its_referrals_chain_on(db, org):
    interview, message = _scheduled(db, org)
    assert "20 minutes" in message and org.employee.email in message
    assert interview.status is InterviewStatus.scheduled
    svc.complete_interview(
        org.employee,
        interview,
        {
            "private_notes": MARKER,
            "takeaways": "Learn dbt first.",
            "referrals": [
                {"name": "Sam Ortiz"},
                {"name": "Kim Park", "organisation": "Beta"},
            ],
        },
    )
    svc.follow_up_interview(
        org.employee, interview, {"thank_you_sent_on": date(2026, 11, 11)}
    )
    assert interview.status is InterviewStatus.followed_up
    nexts = db.session.scalars(
        sa.select(InformationalInterview).where(
            InformationalInterview.referred_by_id == interview.id
        )
    ).all()
    assert {n.status for n in nexts} == {InterviewStatus.idea}
    assert len(nexts) == 2
    with pytest.raises(InvalidTransition):  # an idea has no referrals yet
        svc.add_referral(org.employee, nexts[0], {"name": "Too early"})
    child = nexts[0]
    svc.request_interview(org.employee, child, {"message": "Hello", "sent_on": SENT})
    svc.schedule_interview(org.employee, child, {"scheduled_at": WHEN.replace(day=12)})
    svc.complete_interview(org.employee, child, {"referrals": [{"name": "Third"}]})
    grandchild = db.session.scalars(
        sa.select(InformationalInterview).where(
            InformationalInterview.referred_by_id == child.id
        )
    ).one()
    assert grandchild.status is InterviewStatus.idea


def test_private_notes_never_reach_the_audit_log(db, org):
    interview, _ = _scheduled(db, org)
    svc.complete_interview(org.employee, interview, {"private_notes": MARKER})
    db.session.flush()
    changes = db.session.scalars(sa.select(AuditEvent.changes)).all()
    assert MARKER not in repr(changes)


def test_over_the_monthly_limit_an_interview_waits_for_approval(db, org):
    db.session.add(DevelopmentPolicy(interviews_per_month=1))
    _scheduled(db, org)  # the first this month
    second, _ = _scheduled(db, org, when=WHEN.replace(day=20))
    assert (second.status, second.needs_approval) == (InterviewStatus.requested, True)
    with pytest.raises(PermissionDenied):
        svc.approve_interview(org.employee, second)
    svc.approve_interview(org.manager, second)
    assert second.status is InterviewStatus.scheduled


def test_approval_keeps_the_proposed_schedule(db, org):
    db.session.add(DevelopmentPolicy(interviews_per_month=1))
    _scheduled(db, org)
    second, _ = _scheduled(db, org, when=WHEN.replace(day=20))
    second.duration_minutes, second.location = 45, "Café Nero"
    svc.approve_interview(org.manager, second)
    assert (second.status, second.scheduled_at) == (
        InterviewStatus.scheduled,
        WHEN.replace(day=20),
    )
    assert (second.duration_minutes, second.location) == (45, "Café Nero")


def test_approval_without_a_proposal_leaves_the_scheduling_to_the_employee(db, org):
    interview = svc.create_interview(org.employee, {})
    svc.request_interview(org.employee, interview, {"message": "Hi", "sent_on": SENT})
    interview.needs_approval = True  # an older request, waiting without a proposal
    svc.approve_interview(org.manager, interview)
    assert interview.status is InterviewStatus.requested
    svc.schedule_interview(org.employee, interview, {"scheduled_at": WHEN})
    assert interview.status is InterviewStatus.scheduled


def test_a_given_interview_needs_the_confidentiality_reminder(db, org):
    with pytest.raises(ValidationFailed):
        svc.create_interview(org.employee, {"direction": InterviewDirection.given})
    given = svc.create_interview(
        org.employee,
        {"direction": InterviewDirection.given, "confidentiality_confirmed": True},
    )
    assert given.confidentiality_confirmed


def test_a_manager_cannot_edit_an_interview(db, org):
    interview = svc.create_interview(org.employee, {})
    with pytest.raises(PermissionDenied):
        svc.request_interview(org.manager, interview, {"message": "Hi"})


def test_a_completed_interview_can_become_a_mentorship(db, org):
    interview, _ = _scheduled(db, org)
    svc.complete_interview(org.employee, interview, {})
    activity = svc.start_mentorship(org.employee, interview)
    mentorships.add_mentoring_session(
        org.employee, activity.id, {"held_on": date(2026, 12, 1)}
    )
    assert activity.title == "Mentorship with Dana Lee"
    assert interview.mentorship_activity_id == activity.id


def test_a_manager_suggestion_becomes_an_idea_for_the_employee_only(db, org):
    from development.services import settings

    suggestion = settings.suggest_interview(
        org.manager, {"employee_id": org.employee.employee_id, "topic": "Talk to a PM"}
    )
    with pytest.raises(PermissionDenied):
        settings.accept_suggestion(org.manager, suggestion)
    interview = settings.accept_suggestion(org.employee, suggestion)
    assert (interview.purpose, interview.status) == (
        "Talk to a PM",
        InterviewStatus.idea,
    )
    with pytest.raises(PermissionDenied):
        settings.suggest_interview(
            org.peer,
            {"employee_id": org.employee.employee_id, "topic": "Not my report"},
        )
