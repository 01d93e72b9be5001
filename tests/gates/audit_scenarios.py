"""Scenario calls for the services the demo organisation does not call (account work,
HR's reference data, edits). Each recipe takes the standard org and calls services the
way the views and the API do; ``test_audit_coverage`` runs them under the watch.
"""

from datetime import UTC, datetime, timedelta

from core.extensions import db
from tests import factories as f

NOW = datetime(2026, 7, 5, 9, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def accounts(org):
    from auth import services as auth
    from auth import tokens
    from people import services as people

    user = f.make_person(name="Ola Audit")
    auth.authenticate(user.email, f.PASSWORD, now=NOW)
    auth.set_password(org.admin, user, "a-new-long-passphrase-2026")
    auth.end_sessions(user)
    auth.sign_out_everywhere(user)
    people.update_account(org.admin, user, {"is_hr": True})
    _, token = tokens.issue_token(user, timedelta(hours=1), now=NOW)
    tokens.revoke_token(token, now=NOW)


def sign_in(org):
    from flask import current_app

    from auth import services as auth

    user = f.make_person(name="Sam Signin")
    auth.sign_in(user.email, f.PASSWORD, current_app.config)


def reference_data(org):
    from people import services as people

    department = people.create_department(org.hr, {"name": "Audit Lab"})
    people.update_department(org.hr, department, {"name": "Audit Lab Two"})
    person = people.create_employee(
        org.hr, {"name": "Ann Audit", "email": "ann.audit@example.com"}
    )
    people.update_employee(org.hr, person, {"job_title": "Analyst"})
    skill = people.create_skill(org.hr, {"name": "Auditing", "group": "Craft"})
    people.update_skill(org.hr, skill, {"description": "Reading trails."})
    profile = people.create_role_profile(
        org.hr,
        {
            "job_title": "Analyst",
            "expectations": [{"skill_id": skill.id, "expected_level": 3}],
        },
    )
    people.update_role_profile(
        org.hr, profile, {"expectations": [{"skill_id": skill.id, "expected_level": 4}]}
    )


def review_settings_and_templates(org):
    from reviews import services as reviews

    template = f.make_template(actor=org.hr)
    reviews.update_template(org.hr, template, {"description": "Edited."})
    reviews.duplicate_template(org.hr, template)
    reviews.update_review_settings(org.hr, {"anniversary_reviews": True})
    cycle = f.make_cycle(template)
    reviews.update_cycle(org.hr, cycle, {"name": "Renamed cycle"})


def reopened_review(org):
    from reviews import services as reviews
    from tests.reviews.conftest import walk_to_shared

    template = f.make_template(actor=org.hr)
    cycle = f.make_cycle(template)
    reviews.launch_cycle(org.hr, cycle, now=NOW)
    review = walk_to_shared(db, org, cycle)
    reviews.acknowledge_review(org.employee, review, {"comment": "Agreed"}, now=NOW)
    reviews.reopen_review(org.hr, review, {"reason": "A typo in a rating"}, now=NOW)


def activities_and_evidence(org):
    from development.enums import ActivityKind, ActivityStatus
    from development.services import activities
    from development.services.evidence_files import attach_evidence_file
    from reviews import services as reviews

    skill = f.make_skill(name="Evidence skill")
    need = reviews.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": skill.id,
            "target_level": 3,
            "priority": "high",
        },
    )
    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.course,
            "title": "A course",
            "status": ActivityStatus.in_progress,
        },
    )
    activities.update_activity(org.employee, activity, {"title": "A better course"})
    activities.link_activity_to_need(org.employee, activity, need)
    attach_evidence_file(org.employee, activity, "certificate.pdf", PDF)


def interview_approval(org):
    from development.services import interviews

    interview = interviews.create_interview(org.employee, {"purpose": "Meet a PM"})
    interview.needs_approval = True
    db.session.flush()
    interviews.approve_interview(org.manager, interview)


def notifications(org):
    from notifications import services
    from notifications.kinds import NotificationKind
    from notifications.models import Notification

    note = Notification(
        kind=next(iter(NotificationKind)).value,
        recipient_id=org.employee.id,
        subject_type="Review",
        subject_id=1,
        title="Hello",
        body="",
        due_at=NOW,
        delivered_at=NOW,
    )
    db.session.add(note)
    db.session.flush()
    services.mark_read(org.employee, note)
    services.mark_all_read(org.employee)
    optional = {k for k in NotificationKind if not k.essential}
    services.set_disabled_kinds(org.employee, set(list(optional)[:1]))


RECIPES = [
    accounts,
    sign_in,
    reference_data,
    review_settings_and_templates,
    reopened_review,
    activities_and_evidence,
    interview_approval,
    notifications,
]


def run_all(org) -> None:
    """Run every recipe in turn on the test's session."""
    for recipe in RECIPES:
        recipe(org)
        db.session.flush()
