"""Corrections in the services (issue 16, item 3): ``update_interview``,
``update_contact``/``delete_contact`` and ``delete_activity`` — who, when, and what the
audit keeps. Time is passed as ``now=``."""

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from core.audit import AuditEvent
from core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from development.enums import ActivityKind, ActivityStatus, InterviewMode
from development.models import (
    Contact,
    DevelopmentActivity,
    InformationalInterview,
    MentoringSession,
)
from development.services import activities, contacts, interviews
from reviews import services as review_services
from reviews.models import NeedEvidence
from tests import factories as f

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _events(db, obj, action):
    return list(
        db.session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.object_type == type(obj).__name__,
                AuditEvent.object_id == obj.id,
                AuditEvent.action == action,
            )
        )
    )


def test_an_idea_gets_a_contact_and_the_audit_names_the_fields(db, org):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    contact = contacts.create_contact(
        org.employee, {"name": "Li Wei", "organisation": "Acme"}
    )
    interviews.update_interview(
        org.employee,
        interview,
        {"contact_id": contact.id, "mode": InterviewMode.in_person, "purpose": "Learn"},
        now=NOW,
    )
    assert interview.contact_id == contact.id
    activity = db.session.get(DevelopmentActivity, interview.activity_id)
    assert (activity.title, activity.provider) == (
        "Informational interview with Li Wei",
        "Acme",
    )
    (event,) = _events(db, interview, "updated")
    assert event.changes == {"fields": ["contact_id", "mode"]}  # purpose unchanged


def test_only_the_owner_edits_and_only_before_scheduling(db, org):
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    with pytest.raises(PermissionDenied):
        interviews.update_interview(org.manager, interview, {"purpose": "x"})
    theirs = contacts.create_contact(org.peer, {"name": "Not hers"})
    with pytest.raises(ValidationFailed) as err:
        interviews.update_interview(org.employee, interview, {"contact_id": theirs.id})
    assert "contact_id" in err.value.errors
    for status in ("scheduled", "completed", "declined"):
        interview.status = type(interview.status)[status]
        with pytest.raises(InvalidTransition):
            interviews.update_interview(org.employee, interview, {"purpose": "x"})


def test_a_deleted_contact_leaves_its_name_on_the_interviews(db, org):
    contact = contacts.create_contact(org.employee, {"name": "Zoë Ångström"})
    first = interviews.create_interview(org.employee, {"contact_id": contact.id})
    second = interviews.create_interview(org.employee, {"contact_id": contact.id})
    contacts.update_contact(org.employee, contact, {"title": "CTO"}, now=NOW)
    with pytest.raises(PermissionDenied):
        contacts.delete_contact(org.manager, contact)
    cid = contact.id
    assert contacts.delete_contact(org.employee, contact, now=NOW) == 2
    db.session.expire_all()
    assert db.session.get(Contact, cid) is None
    for interview in (first, second):
        row = db.session.get(InformationalInterview, interview.id)
        assert (row.contact_id, row.contact_name) == (None, "Zoë Ångström")
    deleted = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.object_type == "Contact", AuditEvent.object_id == cid
        )
    ).all()
    assert [e.action for e in deleted] == ["created", "updated", "deleted"]
    assert deleted[-1].changes == {"name": "Zoë Ångström", "interviews": 2}


def _course(org, **extra):
    return activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.course,
            "title": "Oops",
            "status": ActivityStatus.completed,
            **extra,
        },
        now=NOW,
    )


def test_an_activity_is_deleted_within_the_grace_period_with_what_hung_on_it(db, org):
    need = review_services.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": f.make_skill().id,
            "target_level": 3,
        },
    )
    activity = _course(org, need_ids=[need.id])
    activity.created_at = NOW
    db.session.add(MentoringSession(activity_id=activity.id, held_on=NOW.date()))
    db.session.flush()
    aid = activity.id
    with pytest.raises(PermissionDenied):
        activities.delete_activity(org.manager, activity, now=NOW)
    activities.delete_activity(org.employee, activity, now=NOW + timedelta(days=7))
    db.session.expire_all()
    assert db.session.get(DevelopmentActivity, aid) is None
    for model in (NeedEvidence, MentoringSession):
        assert not db.session.scalars(
            sa.select(model).where(model.activity_id == aid)
        ).all()
    (event,) = db.session.scalars(
        sa.select(AuditEvent).where(
            AuditEvent.object_type == "DevelopmentActivity",
            AuditEvent.object_id == aid,
            AuditEvent.action == "deleted",
        )
    ).all()
    assert event.changes["title"] == "Oops"


def test_an_activity_stays_after_the_grace_period_once_verified_or_an_interview(
    db, org
):
    late = _course(org)
    late.created_at = NOW
    with pytest.raises(InvalidTransition, match="within 7 days"):
        activities.delete_activity(
            org.employee, late, now=NOW + timedelta(days=7, seconds=1)
        )
    verified = _course(org)
    verified.created_at = NOW
    activities.verify_activity(org.manager, verified, now=NOW)
    with pytest.raises(InvalidTransition, match="verified"):
        activities.delete_activity(org.employee, verified, now=NOW)
    interview = interviews.create_interview(org.employee, {"purpose": "Learn"})
    activity = db.session.get(DevelopmentActivity, interview.activity_id)
    with pytest.raises(InvalidTransition, match="close the interview"):
        activities.delete_activity(org.employee, activity, now=activity.created_at)
