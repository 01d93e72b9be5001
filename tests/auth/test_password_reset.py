"""Password reset: the same answer for every address, limits per address and client,
a single-use 30-minute link, and a new password that ends every credential."""

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from auth.resets import complete_reset, request_reset
from core.audit import AuditEvent
from core.db import utcnow
from core.errors import InvalidTransition
from notifications.models import EmailMessage
from people.models import AccountLink, Employee, ResetRequest
from tests.factories import PASSWORD, make_person

EMAIL = "emma@example.com"
NEW_PASSWORD = "gravel-orchid-lantern"


@pytest.fixture
def emma(db):
    user = make_person(name="Emma Example", email=EMAIL)
    db.session.commit()
    return user


def _forgot(client, email, ip="203.0.113.7"):
    return client.post(
        "/password-reset", data={"email": email}, environ_base={"REMOTE_ADDR": ip}
    )


def _emails(db, to=EMAIL) -> list[EmailMessage]:
    return list(
        db.session.scalars(
            sa.select(EmailMessage)
            .where(EmailMessage.to_address == to)
            .order_by(EmailMessage.id)
        )
    )


def _path(message: EmailMessage) -> str:
    return urlsplit(re.search(r"https?://\S+", message.body).group(0)).path


def _reset(client, path, password=NEW_PASSWORD):
    return client.post(path, data={"password": password, "password_confirm": password})


def test_the_sign_in_page_links_to_forgot_password(client, db):
    page = client.get("/login").get_data(as_text=True)
    assert 'href="/password-reset"' in page
    assert "Forgot your password?" in page


def test_known_and_unknown_addresses_get_the_same_answer(client, db, emma):
    known = _forgot(client, EMAIL)
    unknown = _forgot(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 200
    assert known.get_data() == unknown.get_data()
    assert "If an account exists for that address" in known.get_data(as_text=True)
    assert len(_emails(db)) == 1
    assert _emails(db, "nobody@example.com") == []


def test_known_and_unknown_addresses_do_the_same_kind_of_work(db, emma, monkeypatch):
    """Both record the request, look the account up, make a token and render the
    email (so the answer takes the same order of time)."""
    import auth.resets as resets

    rendered = []
    real = resets.render_template
    monkeypatch.setattr(
        resets, "render_template", lambda *a, **k: rendered.append(a) or real(*a, **k)
    )
    assert request_reset(EMAIL, "c1") is not None
    assert request_reset("nobody@example.com", "c1") is None
    assert len(rendered) == 2
    counted = db.session.scalars(sa.select(ResetRequest.email)).all()
    assert sorted(counted) == ["emma@example.com", "nobody@example.com"]


def test_the_link_in_the_outbox_opens_the_new_password_form(client, db, emma):
    _forgot(client, EMAIL)
    (message,) = _emails(db)
    assert message.subject == "Choose a new Trellis password"
    response = client.get(_path(message))
    assert response.status_code == 200
    assert "Choose a new password" in response.get_data(as_text=True)


def test_a_reset_sets_the_password_and_the_old_one_stops(client, db, emma):
    _forgot(client, EMAIL)
    response = _reset(client, _path(_emails(db)[0]))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    login = client.application.test_client()
    assert (
        login.post("/login", data={"email": EMAIL, "password": PASSWORD}).status_code
        == 401
    )
    assert (
        login.post(
            "/login", data={"email": EMAIL, "password": NEW_PASSWORD}
        ).status_code
        == 302
    )


def test_a_reset_ends_every_session_and_api_token(client, db, emma):
    browser = client.application.test_client()
    browser.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert browser.get("/").status_code == 200
    token = client.post("/api/v1/tokens", json={"email": EMAIL, "password": PASSWORD})
    headers = {"Authorization": f"Bearer {token.get_json()['token']}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    _forgot(client, EMAIL)
    _reset(client, _path(_emails(db)[0]))
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert browser.get("/").status_code == 302


def test_a_used_link_is_refused(client, db, emma):
    _forgot(client, EMAIL)
    path = _path(_emails(db)[0])
    _reset(client, path)
    response = client.get(path)
    assert response.status_code == 410
    assert "used already" in response.get_data(as_text=True)
    assert _reset(client, path, "another-fine-password").status_code == 410


def test_a_link_expires_after_30_minutes(client, db, emma):
    request_reset(EMAIL, "c1", now=utcnow() - timedelta(minutes=31))
    db.session.commit()
    response = client.get(_path(_emails(db)[0]))
    assert response.status_code == 410
    assert "expired" in response.get_data(as_text=True)


def test_a_newer_link_revokes_the_older(client, db, emma):
    _forgot(client, EMAIL)
    _forgot(client, EMAIL)
    first, second = _emails(db)
    assert client.get(_path(first)).status_code == 410
    assert client.get(_path(second)).status_code == 200


def test_at_most_three_emails_per_address_per_hour(client, db, emma):
    now = utcnow()
    sent = [request_reset(EMAIL, f"client-{i}", now=now) for i in range(5)]
    assert [token is not None for token in sent] == [True, True, True, False, False]
    later = now + timedelta(minutes=61)
    assert request_reset(EMAIL, "client-x", now=later) is not None


def test_at_most_ten_requests_per_client_per_hour(client, db, emma):
    now = utcnow()
    for i in range(10):
        request_reset(f"someone{i}@example.com", "203.0.113.9", now=now)
    assert request_reset(EMAIL, "203.0.113.9", now=now) is None
    assert request_reset(EMAIL, "198.51.100.1", now=now) is not None


def test_the_limited_answer_is_the_same_page(client, db, emma):
    first = _forgot(client, EMAIL)
    for _ in range(4):
        last = _forgot(client, EMAIL)
    assert last.status_code == 200
    assert last.get_data() == first.get_data()
    assert len(_emails(db)) == 3


def test_a_disabled_account_gets_no_link(client, db, emma):
    emma.is_enabled = False
    db.session.commit()
    assert _forgot(client, EMAIL).status_code == 200
    assert _emails(db) == []


def test_a_departed_person_gets_no_link_and_an_open_link_stops(client, db, emma):
    _forgot(client, EMAIL)
    path = _path(_emails(db)[0])
    db.session.get(Employee, emma.employee_id).is_active = False
    db.session.commit()
    assert client.get(path).status_code == 410
    _forgot(client, EMAIL)
    assert len(_emails(db)) == 1


def test_a_weak_password_keeps_the_link_usable(client, db, emma):
    _forgot(client, EMAIL)
    path = _path(_emails(db)[0])
    response = _reset(client, path, "password")
    assert response.status_code == 422
    assert _reset(client, path).status_code == 302


def test_a_reset_clears_the_lockout(client, db, emma):
    for _ in range(5):
        client.post("/login", data={"email": EMAIL, "password": "wrong-password-1"})
    _forgot(client, EMAIL)
    _reset(client, _path(_emails(db)[0]))
    login = client.post("/login", data={"email": EMAIL, "password": NEW_PASSWORD})
    assert login.status_code == 302


def test_reusing_a_link_in_the_service_is_refused(db, emma):
    request_reset(EMAIL, "c1")
    token = re.search(r"/password-reset/(\S+)", _emails(db)[0].body).group(1)
    complete_reset(token, NEW_PASSWORD)
    with pytest.raises(InvalidTransition):
        complete_reset(token, "another-fine-password")


def test_the_reset_is_audited_without_the_token(db, emma):
    request_reset(EMAIL, "c1")
    token = re.search(r"/password-reset/(\S+)", _emails(db)[0].body).group(1)
    complete_reset(token, NEW_PASSWORD)
    events = db.session.scalars(sa.select(AuditEvent)).all()
    assert {"reset_sent", "reset_used", "password_changed"} <= {
        e.action for e in events
    }
    link = db.session.scalar(sa.select(AccountLink))
    for event in events:
        assert token not in str(event.changes)
        assert link.token_hash not in str(event.changes)
