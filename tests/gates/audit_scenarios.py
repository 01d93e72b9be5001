"""Scenario calls for the services the demo organisation does not call (account work,
HR's reference data, edits). Each recipe takes the standard org and calls services the
way the views and the API do; ``test_audit_coverage`` runs them under the watch.
"""

from contextlib import suppress
from datetime import UTC, datetime, timedelta

from core.extensions import db
from tests import factories as f

NOW = datetime(2026, 7, 5, 9, 0, tzinfo=UTC)
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def accounts(org):
    from auth import personal_tokens, tokens
    from auth import services as auth
    from people import services as people

    user = f.make_person(name="Ola Audit")
    auth.authenticate(user.email, f.PASSWORD, now=NOW)
    auth.set_password(org.admin, user, "a-new-long-passphrase-2026")
    auth.end_sessions(user)
    auth.sign_out_everywhere(user)
    people.update_account(org.admin, user, {"is_hr": True})
    _, token = tokens.issue_token(user, timedelta(hours=1), now=NOW)
    tokens.revoke_token(token, now=NOW)
    auth.sign_out(user)
    _, pat = personal_tokens.issue_personal_token(
        user, {"name": "Audit export", "expires_in_days": 30}, now=NOW
    )
    tokens.note_use(pat, now=NOW)
    personal_tokens.revoke_personal_token(user, pat, now=NOW)


def invitations_and_resets(org):
    """Invite, re-send, withdraw, invite again and accept; then a reset (and one for an
    unknown address) completed with the link."""
    from auth import invitations, resets

    person = f.make_employee(name="Ivo Invited")
    invitations.invite_person(org.hr, person, now=NOW)
    invitations.invite_person(org.hr, person, now=NOW)
    invitations.revoke_invitation(org.hr, person, now=NOW)
    token, _ = invitations.invite_person(org.hr, person, now=NOW)
    invitations.check_invitation(token, now=NOW)
    invitations.accept_invitation(token, "a-new-long-passphrase-2026", now=NOW)
    resets.request_reset("nobody@example.com", "audit-client", now=NOW)
    token = resets.request_reset(person.email, "audit-client", now=NOW)
    resets.check_reset(token, now=NOW)
    resets.complete_reset(token, "another-long-passphrase-2026", now=NOW)


def two_factor(org):
    """Set-up, the code step (web and token), new codes, turning off, the reset."""
    import pyotp
    from flask import current_app

    from auth import services as auth
    from auth import two_factor as totp

    config = current_app.config
    user = f.make_person(name="Tess Totp")
    secret = totp.new_secret()
    codes = totp.enable_two_factor(user, secret, pyotp.TOTP(secret).at(NOW), now=NOW)
    later = NOW + timedelta(seconds=30)
    auth.authenticate(user.email, f.PASSWORD, now=later)
    totp.sign_in_with_code(user, pyotp.TOTP(secret).at(later), config, now=later)
    auth.authenticate(user.email, f.PASSWORD, now=later)
    totp.complete_with_code(user, codes[0], now=later)
    codes = totp.regenerate_recovery_codes(user, f.PASSWORD, config, now=later)
    totp.disable_two_factor(user, codes[0], config, now=later)
    secret = totp.new_secret()
    totp.enable_two_factor(user, secret, pyotp.TOTP(secret).at(NOW), now=NOW)
    totp.reset_two_factor(org.admin, user, now=later)


def sign_in(org):
    from flask import current_app

    from auth import services as auth

    user = f.make_person(name="Sam Signin")
    auth.sign_in(user.email, f.PASSWORD, current_app.config)


def company_sign_in(org):
    """Company sign-in: a link by verified email, a sign-in by subject, an account made
    at first sign-in (``OIDC_CREATE`` inside the allowlist) and two refusals."""
    from auth import oidc

    config = {"OIDC_CREATE": True, "OIDC_DOMAINS": ("example.com",)}
    issuer = "https://id.example.com"
    known = oidc.Identity(issuer, "sub-lina", f.make_person().email, True)
    oidc.sign_in_with_identity(known, config, now=NOW)  # linked
    oidc.sign_in_with_identity(known, config, now=NOW)  # by subject
    newcomer = oidc.Identity(issuer, "sub-nico", f.make_employee().email, True)
    oidc.sign_in_with_identity(newcomer, config, now=NOW)
    stranger = oidc.Identity(issuer, "sub-x", "nobody@example.com", True)
    with suppress(oidc.SignInRefused):  # audited, then raised
        oidc.sign_in_with_identity(stranger, config, now=NOW)
    oidc.record_refusal("invalid_id_token", now=NOW)


def provisioning(org):
    """SCIM: a user named with a manager who arrives later, replaced, patched (a new
    department), deleted; a token made and revoked."""
    from scim import services as scim
    from scim import tokens

    _, token = tokens.create_token(org.admin, "Audit IdP", now=NOW)
    actor = scim.ScimActor(token)
    core = "urn:ietf:params:scim:schemas:core:2.0:User"
    ext = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    report = scim.create_user(
        actor,
        {
            "schemas": [core, ext],
            "userName": "scim.report@example.com",
            "displayName": "Scim Report",
            ext: {"manager": {"value": "boss-1"}},
        },
    )
    scim.create_user(
        actor,
        {
            "schemas": [core],
            "userName": "scim.boss@example.com",
            "externalId": "boss-1",
        },
    )
    scim.replace_user(
        actor,
        report,
        {"schemas": [core], "userName": "scim.report@example.com", "title": "Analyst"},
    )
    scim.patch_user(
        actor,
        report,
        {
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "replace", "path": f"{ext}:department", "value": "Ops"}
            ],
        },
        "http://trellis.test/scim/v2",
    )
    scim.delete_user(actor, report, now=NOW)
    tokens.revoke_token(org.admin, token, now=NOW)


def reference_data(org):
    from people import services as people

    department = people.create_department(org.hr, {"name": "Audit Lab"})
    people.update_department(org.hr, department, {"name": "Audit Lab Two"})
    person = people.create_employee(
        org.hr, {"name": "Ann Audit", "email": "ann.audit@example.com"}
    )
    people.update_employee(org.hr, person, {"job_title": "Analyst"})
    people.set_own_time_zone(org.employee, {"time_zone": "Europe/Berlin"})
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
    people.import_people(  # the CSV import of HR's page and the API
        org.hr,
        "email,name,job_title,department,manager_email,hired_on\n"
        "ivo.import@example.com,Ivo Import,Analyst,Audit Lab Two,,\n",
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


def verify_with_need_met(org):
    """The manager's desk: verify an activity and mark its need met in one step."""
    from development.enums import ActivityKind, ActivityStatus
    from development.services import activities, verification
    from reviews import services as reviews

    need = reviews.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": f.make_skill(name="Desk skill").id,
            "target_level": 2,
        },
    )
    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.course,
            "title": "A finished course",
            "status": ActivityStatus.completed,
            "need_ids": [need.id],
        },
    )
    verification.verify_activities(org.manager, [activity], met_need_ids=[need.id])
    need = reviews.create_need(
        org.manager,
        {
            "employee_id": org.employee.employee_id,
            "skill_id": f.make_skill(name="API desk skill").id,
            "target_level": 2,
        },
    )
    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.course,
            "title": "A course verified over the API",
            "status": ActivityStatus.completed,
            "need_ids": [need.id],
        },
    )
    verification.verify_activity_and_needs(org.manager, activity, {"need_met": True})


def interview_approval(org):
    from development.services import interviews

    interview = interviews.create_interview(org.employee, {"purpose": "Meet a PM"})
    interview.needs_approval = True
    db.session.flush()
    interviews.approve_interview(org.manager, interview)


def corrections(org):
    """Issue 16 item 3: an interview's details, a contact edited and deleted, an
    activity and a goal check-in entered by mistake deleted."""
    from development.enums import ActivityKind, InterviewMode
    from development.services import activities, contacts, interviews
    from reviews import services as reviews
    from reviews.enums import CheckInStatus

    contact = contacts.create_contact(org.employee, {"name": "Ana Ruiz"})
    interview = interviews.create_interview(org.employee, {"purpose": "Meet a PM"})
    interviews.update_interview(
        org.employee,
        interview,
        {"contact_id": contact.id, "mode": InterviewMode.phone},
    )
    contacts.update_contact(org.employee, contact, {"title": "CTO"})
    contacts.delete_contact(org.employee, contact)
    activity = activities.create_activity(
        org.employee, {"kind": ActivityKind.course, "title": "Entered twice"}
    )
    activities.delete_activity(org.employee, activity)
    goal = reviews.create_goal(org.employee, {"title": "Correct me"})
    entry = reviews.check_in(
        org.employee, goal, {"value": 5, "status": CheckInStatus.on_track}
    )
    reviews.delete_check_in(org.employee, goal, entry)


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
    invitations_and_resets,
    sign_in,
    company_sign_in,
    provisioning,
    two_factor,
    reference_data,
    review_settings_and_templates,
    reopened_review,
    activities_and_evidence,
    verify_with_need_met,
    interview_approval,
    corrections,
    notifications,
]


def run_all(org) -> None:
    """Run every recipe in turn on the test's session."""
    for recipe in RECIPES:
        recipe(org)
        db.session.flush()
