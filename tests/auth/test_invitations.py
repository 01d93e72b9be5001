"""Invitations: HR invites a person without an account; the emailed link (single use,
7 days) asks for a password, creates the account and signs the person in."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from auth.invitations import accept_invitation, invite_person, revoke_invitation
from core.audit import AuditEvent
from core.db import utcnow
from core.errors import Conflict, InvalidTransition, PermissionDenied
from notifications.models import EmailMessage
from people.account_state import account_info
from people.enums import AccountState
from people.models import AccountLink, Employee, User
from tests.factories import make_employee, make_person

NEW_PASSWORD = "gravel-orchid-lantern"


@pytest.fixture
def hr(db):
    user = make_person(name="Hana HR", is_hr=True)
    db.session.commit()
    return user


@pytest.fixture
def newcomer(db):
    person = make_employee(name="Nina New", email="nina@example.com")
    db.session.commit()
    return person


def _outbox_path(db, to="nina@example.com") -> str:
    """The path of the link in the newest email to ``to`` (as the outbox shows it)."""
    message = db.session.scalars(
        sa.select(EmailMessage)
        .where(EmailMessage.to_address == to)
        .order_by(EmailMessage.id.desc())
    ).first()
    url = re.search(r"https?://\S+", message.body).group(0)
    return urlsplit(url).path


def _accept(client, path, password=NEW_PASSWORD):
    return client.post(path, data={"password": password, "password_confirm": password})


def test_the_invitation_email_link_opens_the_accept_page(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    db.session.commit()
    message = db.session.scalar(sa.select(EmailMessage))
    assert message.subject == "You are invited to Trellis"
    response = client.get(_outbox_path(db))
    assert response.status_code == 200
    assert "Choose a password" in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"


def test_accepting_creates_the_account_and_signs_in(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    db.session.commit()
    response = _accept(client, _outbox_path(db))
    assert response.status_code == 302
    user = db.session.scalar(sa.select(User).where(User.employee_id == newcomer.id))
    assert user.email == "nina@example.com"
    assert not (user.is_hr or user.is_admin)
    assert "Nina New" in client.get("/").get_data(as_text=True)
    actions = set(db.session.scalars(sa.select(AuditEvent.action)))
    assert {"invitation_sent", "accepted", "created_from_invitation"} <= actions


def test_the_new_password_signs_in_afterwards(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    db.session.commit()
    _accept(client, _outbox_path(db))
    other = client.application.test_client()
    response = other.post(
        "/login", data={"email": "nina@example.com", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


def test_a_weak_password_is_refused_on_its_field_and_the_link_still_works(
    client, db, hr, newcomer
):
    invite_person(hr, newcomer)
    db.session.commit()
    path = _outbox_path(db)
    response = _accept(client, path, "short")
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _accept(client, path).status_code == 302


def test_a_used_link_is_refused_with_410(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    db.session.commit()
    path = _outbox_path(db)
    _accept(client, path)
    other = client.application.test_client()
    response = other.get(path)
    assert response.status_code == 410
    assert "used already" in response.get_data(as_text=True)
    assert _accept(other, path).status_code == 410


def test_an_expired_link_is_refused_and_the_refusal_audited(client, db, hr, newcomer):
    invite_person(hr, newcomer, now=utcnow() - timedelta(days=8))
    db.session.commit()
    response = client.get(_outbox_path(db))
    assert response.status_code == 410
    assert "expired" in response.get_data(as_text=True)
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "refused")
    )
    assert event.changes == {"reason": "expired"}


def test_an_unknown_link_is_a_plain_404(client, db):
    response = client.get("/invitation/not-a-real-token")
    assert response.status_code == 404
    assert "not valid" in response.get_data(as_text=True)


def test_a_resend_revokes_the_earlier_link(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    db.session.commit()
    first = _outbox_path(db)
    invite_person(hr, newcomer)
    db.session.commit()
    second = _outbox_path(db)
    assert first != second
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200
    assert "invitation_resent" in set(db.session.scalars(sa.select(AuditEvent.action)))


def test_a_revoked_link_is_refused(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    revoke_invitation(hr, newcomer)
    db.session.commit()
    response = client.get(_outbox_path(db))
    assert response.status_code == 410
    assert "withdrawn" in response.get_data(as_text=True)


def test_revoking_without_a_pending_invitation_is_a_conflict(db, hr, newcomer):
    with pytest.raises(InvalidTransition):
        revoke_invitation(hr, newcomer)


def test_a_person_with_an_account_cannot_be_invited(db, hr):
    with pytest.raises(Conflict):
        invite_person(hr, db.session.get(Employee, hr.employee_id))


def test_an_inactive_person_cannot_be_invited(db, hr, newcomer):
    newcomer.is_active = False
    with pytest.raises(InvalidTransition):
        invite_person(hr, newcomer)


def test_an_employee_cannot_invite(db, newcomer):
    with pytest.raises(PermissionDenied):
        invite_person(make_person(), newcomer)


def test_the_link_stops_working_when_the_person_leaves(client, db, hr, newcomer):
    invite_person(hr, newcomer)
    db.session.commit()
    newcomer.is_active = False
    db.session.commit()
    path = _outbox_path(db)
    assert client.get(path).status_code == 410
    assert _accept(client, path).status_code == 410
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


def test_the_token_is_stored_only_as_its_hash(db, hr, newcomer):
    token, link = invite_person(hr, newcomer)
    assert token not in link.token_hash
    assert len(link.token_hash) == 64
    message = db.session.scalar(sa.select(EmailMessage))
    assert token in message.body


def test_accepting_twice_at_once_makes_one_account(db, hr, newcomer):
    token, _ = invite_person(hr, newcomer)
    accept_invitation(token, NEW_PASSWORD)
    with pytest.raises(InvalidTransition):
        accept_invitation(token, NEW_PASSWORD)


def test_account_states_follow_the_invitation(db, hr, newcomer):
    now = utcnow()
    assert account_info(newcomer, now).state is AccountState.none
    token, _ = invite_person(hr, newcomer, now=now)
    info = account_info(newcomer, now)
    assert info.state is AccountState.invited
    assert info.invited_by == hr.email
    assert info.invited_at == now
    later = now + timedelta(days=7, minutes=1)
    assert account_info(newcomer, later).state is AccountState.expired
    accept_invitation(token, NEW_PASSWORD, now=now)
    assert account_info(newcomer, now).state is AccountState.active
    user = db.session.scalar(sa.select(User).where(User.employee_id == newcomer.id))
    user.is_enabled = False
    db.session.flush()
    assert account_info(newcomer, now).state is AccountState.disabled


def test_a_person_who_left_shows_no_pending_invitation(db, hr, newcomer):
    invite_person(hr, newcomer)
    newcomer.is_active = False
    db.session.flush()
    assert account_info(newcomer).state is AccountState.none


# --- the HTML buttons -----------------------------------------------------------------


def test_hr_invites_from_the_person_page(client, db, login_as, hr, newcomer):
    page = login_as(hr).get(f"/people/{newcomer.id}")
    assert "No account" in page.get_data(as_text=True)
    response = client.post(f"/people/{newcomer.id}/invitation")
    assert response.status_code == 302
    page = client.get(f"/people/{newcomer.id}").get_data(as_text=True)
    assert "Invited" in page
    assert "Re-send invitation" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AccountLink)) == 1


def test_inviting_someone_with_an_account_says_so(client, db, login_as, hr):
    person = make_person(name="Has Account")
    db.session.commit()
    response = login_as(hr).post(f"/people/{person.employee_id}/invitation")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "has an account already" in page


def test_hr_invites_a_directory_selection(client, db, login_as, hr, newcomer):
    second = make_employee(name="Otto Other")
    with_account = make_person(name="Anna Account")
    db.session.commit()
    page = login_as(hr).get("/people").get_data(as_text=True)
    assert "Invite selected" in page
    ids = [newcomer.id, second.id, with_account.employee_id]
    response = client.post("/people/invitations", data={"person_ids": ids})
    assert response.status_code == 302
    sent = set(db.session.scalars(sa.select(EmailMessage.to_address)))
    assert sent == {newcomer.email, second.email}


def test_an_employee_sees_no_selection_in_the_directory(client, db, login_as):
    page = login_as(make_person()).get("/people").get_data(as_text=True)
    assert "Invite selected" not in page


def test_hr_sees_people_without_an_account(client, db, login_as, hr, newcomer):
    page = login_as(hr).get("/admin/accounts?view=people").get_data(as_text=True)
    assert "Nina New" in page
    assert "No account" in page
