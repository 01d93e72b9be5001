"""Gate: private fields never leave the server to anyone but their owner.

Each planter writes ``MARKER`` into one private field of something ``org.employee`` owns.
Then every GET route of the authorization matrix is fetched as every other actor (HTML with
a session, API with a bearer token) and the marker must occur 0 times. Later issues add
their private fields (private interview notes) as planters.
"""

import pytest
import sqlalchemy as sa

from auth.tokens import issue_token
from core.extensions import db
from people.models import ApiToken, Employee, User
from tests.conftest import bearer, sign_in
from tests.gates.matrix import ACTORS
from tests.gates.matrix.params import fill
from tests.gates.test_authorization_matrix import ROWS

MARKER = "PRIVATE-7f3a9c-MARKER"


def plant_password_hash(org):
    db.session.execute(
        sa.update(User).where(User.id == org.employee.id).values(password_hash=MARKER)
    )


def plant_token_hash(org):
    from datetime import timedelta

    _, row = issue_token(org.employee, timedelta(hours=1))
    db.session.execute(
        sa.update(ApiToken).where(ApiToken.id == row.id).values(token_hash=MARKER)
    )


def plant_two_factor_secrets(org):
    """Emma's second factor: her TOTP secret (what the column decrypts to is the
    marker, so a page that showed the secret would show it), a recovery code's hash,
    and the same values in an audit diff a careless service might write."""
    from core.audit import record_event
    from core.db import utcnow
    from core.secrets_box import encrypt
    from people.models import RecoveryCode

    db.session.execute(
        sa.update(User)
        .where(User.id == org.employee.id)
        .values(
            totp_secret_encrypted=encrypt(MARKER),
            totp_enabled_at=utcnow(),
        )
    )
    db.session.add(RecoveryCode(user_id=org.employee.id, code_hash=MARKER))
    record_event(
        org.employee,
        org.employee,
        "two_factor_enabled",
        {"totp_secret": MARKER, "recovery_codes": [MARKER], "code_hash": MARKER},
    )


def plant_account_link_hashes(org):
    """An invitation of a new person and a reset link of Emma's account, their token
    hashes the marker, and an audit diff a careless service might write with them."""
    from auth.invitations import invite_person
    from auth.resets import request_reset
    from core.audit import record_event
    from people.models import AccountLink
    from tests.factories import make_employee

    _, invitation = invite_person(org.hr, make_employee(name="Ivy Invited"))
    request_reset(org.employee.email, "sweep-client")
    links = db.session.scalars(sa.select(AccountLink).order_by(AccountLink.id)).all()
    for n, link in enumerate(links):
        link.token_hash = f"{MARKER}-{n}"
    record_event(org.hr, invitation, "invitation_sent", {"token_hash": MARKER})


def plant_personal_token_hash(org):
    """Emma's personal access token, its stored hash holding the marker (the session
    token's hash is the marker itself: the column is unique)."""
    from auth.personal_tokens import issue_personal_token

    _, row = issue_personal_token(org.employee, {"name": "Emma's exporter"})
    db.session.execute(
        sa.update(ApiToken)
        .where(ApiToken.id == row.id)
        .values(token_hash=f"pat-{MARKER}")
    )


def plant_unsubmitted_self_assessment(org):
    """Emma's self-assessment draft: hers alone until she submits it."""
    from reviews.models import Review, ReviewRating, TemplateCompetency
    from tests.gates.matrix.params import PARAMS

    review_id = PARAMS["review_id"](org)
    competency_id = db.session.scalar(
        sa.select(TemplateCompetency.id)
        .join(Review, Review.template_id == TemplateCompetency.template_id)
        .where(Review.id == review_id)
        .limit(1)
    )
    db.session.add(
        ReviewRating(
            review_id=review_id,
            competency_id=competency_id,
            self_rating=2,
            self_comment=MARKER,
        )
    )
    db.session.execute(
        sa.update(Review)
        .where(Review.id == review_id)
        .values(achievements=MARKER, answers={"1": MARKER}, self_submitted_at=None)
    )


def plant_private_interview_notes(org):
    """Emma's private interview notes (and a private activity's reflection)."""
    from development.enums import ActivityKind
    from development.services import activities, interviews

    interview = interviews.create_interview(org.employee, {"purpose": "Meet a PM"})
    interview.private_notes = MARKER
    activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.course,
            "title": "Private course",
            "reflection": MARKER,
            "is_private": True,
        },
    )


def plant_mentoring_session_note(org):
    """Emma's mentorship, her peer its mentor (he reads the sessions, never the note):
    a session whose private note is the marker, the next one within the jobs' sweep
    (so its reminders are written), and the same note in an audit diff a careless
    service might write (``session_note``, redacted by ``core.audit``)."""
    from datetime import date

    from core.audit import record_event
    from development.enums import ActivityKind, ActivityStatus, Cadence
    from development.services import activities, mentorships

    activity = activities.create_activity(
        org.employee,
        {
            "kind": ActivityKind.mentoring,
            "title": "Mentorship with Piet",
            "status": ActivityStatus.in_progress,
            "started_on": date(2026, 9, 1),
        },
    )
    mentorships.plan_mentorship(
        org.employee,
        activity,
        {"cadence": Cadence.monthly, "mentor_id": org.peer.employee_id},
    )
    mentorships.add_mentoring_session(
        org.employee, activity.id, {"held_on": date(2026, 10, 20), "note": MARKER}
    )
    record_event(org.employee, activity, "updated", {"session_note": MARKER})


def plant_idempotency_answer(org):
    """Emma's stored answer to a retried POST (``core.idempotency``): the answer to
    her completed interview holds her private notes."""
    from core.idempotency import IdempotencyRecord

    db.session.add(
        IdempotencyRecord(
            user_id=org.employee.id,
            key="private-answer",
            request_hash="0" * 64,
            status_code=200,
            body=f'{{"private_notes": "{MARKER}"}}'.encode(),
            headers={"Content-Type": "application/json"},
        )
    )


def plant_private_fields_in_audit_diffs(org):
    """Audit events about Emma's private fields: written by a service (a private
    activity's reflection), one a careless service might write with the value in the
    diff (redacted on write), and an old row from before the rule (redacted on read).
    HR and the admin read the audit trail; none of them may see the marker."""
    from core.audit import AuditEvent, record_event
    from development.enums import ActivityKind
    from development.services import activities, interviews

    interview = interviews.create_interview(org.employee, {"purpose": "Meet a lead"})
    activity = activities.create_activity(
        org.employee,
        {"kind": ActivityKind.course, "title": "Course", "is_private": True},
    )
    activities.update_activity(org.employee, activity, {"reflection": MARKER})
    record_event(org.employee, interview, "updated", {"private_notes": MARKER})
    db.session.add(
        AuditEvent(
            actor_id=org.employee.id,
            object_type="InformationalInterview",
            object_id=interview.id,
            action="completed",
            changes={"private_notes": MARKER, "new": {"reflection": MARKER}},
        )
    )


def plant_scim_token_hash(org):
    """A SCIM token (the admin's), its hash the marker, and a careless audit diff."""
    from core.audit import record_event
    from scim.models import ScimToken
    from scim.tokens import create_token

    _, row = create_token(org.admin, "Sweep IdP")
    db.session.execute(
        sa.update(ScimToken).where(ScimToken.id == row.id).values(token_hash=MARKER)
    )
    record_event(org.admin, row, "created", {"token_hash": MARKER, "token": MARKER})


PLANTERS = [
    plant_password_hash,
    plant_scim_token_hash,
    plant_token_hash,
    plant_personal_token_hash,
    plant_two_factor_secrets,
    plant_account_link_hashes,
    plant_unsubmitted_self_assessment,
    plant_private_interview_notes,
    plant_mentoring_session_note,
    plant_private_fields_in_audit_diffs,
    plant_idempotency_answer,
]
GET_ROUTES = sorted(rule for method, rule in ROWS if method == "GET")
READERS = [a for a in ACTORS if a not in ("employee", "anonymous")]


@pytest.mark.parametrize("actor", READERS)
def test_no_private_field_reaches_a_non_owner(client, org, actor):
    for plant in PLANTERS:
        plant(org)
    db.session.commit()
    user = org.actor(actor)
    headers = bearer(user)
    sign_in(client, user)
    leaks = []
    for rule in GET_ROUTES:
        url = fill(rule, org)
        response = client.get(url, headers=headers if url.startswith("/api/") else {})
        # Bytes, not text: a route may answer a binary file (the favicon).
        if MARKER in response.get_data().decode("utf-8", "replace"):
            leaks.append(url)
    assert leaks == []


@pytest.mark.parametrize("actor", ACTORS)
def test_the_company_sign_in_secret_reaches_no_one(
    app, client, org, actor, monkeypatch
):
    """Company sign-in configured with the marker as its client secret (the provider
    unreachable: nothing leaves the machine): no GET route shows it to anyone, the
    sign-in page, its redirect and the admin's pages included."""
    from auth import oidc_client

    settings = {
        "OIDC_ISSUER": "http://127.0.0.1:9",
        "OIDC_CLIENT_ID": "trellis",
        "OIDC_CLIENT_SECRET": MARKER,
    }
    for key, value in settings.items():
        monkeypatch.setitem(app.config, key, value)
    client_app = oidc_client.make_client(app.config)
    monkeypatch.setitem(app.extensions, oidc_client.EXTENSION, client_app)
    user = org.actor(actor)
    headers = bearer(user) if user is not None else {}
    if user is not None:
        sign_in(client, user)
    leaks = []
    for rule in GET_ROUTES:
        url = fill(rule, org)
        response = client.get(url, headers=headers if url.startswith("/api/") else {})
        text = response.get_data().decode("utf-8", "replace") + str(response.headers)
        if MARKER in text:
            leaks.append(url)
    assert leaks == []


def test_a_personal_token_secret_and_hash_reach_no_one(client, org):
    """Not even the owner: after a token is made and revoked through the API, no GET
    route shows its secret or hash to Emma or to the admin (who reads the audit trail,
    its CSV and API)."""
    headers = bearer(org.employee)
    got = client.post(
        "/api/v1/personal-tokens", json={"name": "Sweep"}, headers=headers
    ).get_json()
    client.delete(f"/api/v1/personal-tokens/{got['id']}", headers=headers)
    secrets = (got["token"], db.session.get(ApiToken, got["id"]).token_hash)
    leaks = []
    for actor in ("employee", "admin"):
        user = org.actor(actor)
        headers = bearer(user)
        sign_in(client, user)
        for rule in GET_ROUTES:
            url = fill(rule, org)
            response = client.get(url, headers=headers if "/api/" in url else {})
            text = response.get_data().decode("utf-8", "replace")
            leaks += [(actor, url) for secret in secrets if secret in text]
    assert leaks == []


def test_a_scim_token_secret_and_hash_reach_no_one(client, org):
    """Not even the admin who made it: after a SCIM token is made on the admin page
    (its secret shown in that one answer), used on /scim/v2 and revoked, no GET route
    shows its secret or hash to anyone (the admin page, the audit trail included)."""
    import re

    from scim.models import ScimToken

    sign_in(client, org.admin)
    page = client.post("/admin/sign-in/scim-tokens", data={"name": "Sweep IdP"})
    secret = re.search(
        r'id="new-token"[^>]*value="([^"]+)"', page.get_data(as_text=True)
    )
    assert secret is not None
    secret = secret.group(1)
    scim = {"Authorization": f"Bearer {secret}"}
    assert client.get("/scim/v2/Users", headers=scim).status_code == 200
    row = db.session.scalar(sa.select(ScimToken).where(ScimToken.name == "Sweep IdP"))
    client.post(f"/admin/sign-in/scim-tokens/{row.id}/revoke")
    assert client.get("/scim/v2/Users", headers=scim).status_code == 401
    secrets = (secret, row.token_hash)
    leaks = []
    for actor in ACTORS:
        user = org.actor(actor)
        headers = bearer(user) if user is not None else {}
        if user is not None:
            sign_in(client, user)
        for rule in GET_ROUTES:
            url = fill(rule, org)
            response = client.get(url, headers=headers if "/api/" in url else {})
            text = response.get_data().decode("utf-8", "replace")
            leaks += [(actor, url) for value in secrets if value in text]
    assert leaks == []


def test_the_sweep_reads_the_audit_trail(client, org):
    """The audit page, CSV and API are in the sweep and do show diffs: a value that is
    not private is found in each, so the planted private ones would be too."""
    from core.audit import record_event

    record_event(org.manager, "Goal", "updated", {"title": MARKER})
    db.session.commit()
    sign_in(client, org.hr)
    headers = bearer(org.hr)
    for rule in ("/admin/audit", "/admin/audit.csv", "/api/v1/audit-events"):
        assert rule in GET_ROUTES
        text = client.get(rule, headers=headers).get_data(as_text=True)
        assert MARKER in text, rule


def test_the_sweep_sees_a_leak_when_there_is_one(client, org):
    """The sweep is real: a field shown on a page is found."""
    db.session.get(Employee, org.employee.employee_id).job_title = MARKER
    db.session.commit()
    sign_in(client, org.hr)
    url = fill("/api/v1/people/<int:person_id>", org)
    assert MARKER in client.get(url, headers=bearer(org.hr)).get_data(as_text=True)


def _completed_interview_with_private_notes(org, now):
    """An interview Emma held yesterday — no thank-you yet, a follow-up due and a
    referral — whose private notes (and research notes) hold the marker."""
    from datetime import timedelta

    from development.services import interviews

    emma = org.employee
    interview = interviews.create_interview(emma, {"purpose": "Meet a data lead"})
    sent = (now - timedelta(days=3)).date()  # asked before it was held
    interviews.request_interview(
        emma, interview, {"message": "Hi", "sent_on": sent}, now=now
    )
    interviews.schedule_interview(
        emma, interview, {"scheduled_at": now - timedelta(days=1)}, now=now
    )
    interviews.complete_interview(
        emma,
        interview,
        {
            "private_notes": MARKER,
            "takeaways": "Learn SQL.",
            "follow_up_on": (now + timedelta(days=3)).date(),
            "referrals": [{"name": "Bo Berg", "organisation": "Acme"}],
        },
        now=now,
    )
    interview.research_notes = MARKER


def test_no_private_field_reaches_a_notification_or_an_email(app, org):
    """Every registered job, run over two months, writes notification and email bodies
    from safe fields only: the planted private notes appear in none of them."""
    from datetime import UTC, datetime, timedelta

    from jobs.registry import job_specs
    from jobs.runner import run_job
    from notifications.models import EmailMessage, Notification

    start = datetime(2026, 11, 2, 9, tzinfo=UTC)
    for plant in PLANTERS:
        plant(org)
    _completed_interview_with_private_notes(org, start)
    db.session.commit()
    for day in range(0, 60):
        for spec in job_specs():
            run = run_job(spec, start + timedelta(days=day, hours=1))
            assert run.error == "", (spec.id, run.error)
    texts = db.session.execute(
        sa.select(
            Notification.title,
            Notification.body,
            EmailMessage.subject,
            EmailMessage.body,
        ).outerjoin(EmailMessage)
    ).all()
    assert [t for t in texts if MARKER in " ".join(x or "" for x in t)] == []
    if len(job_specs()) > 1:  # the domain jobs exist: the sweep saw real notices
        assert texts
