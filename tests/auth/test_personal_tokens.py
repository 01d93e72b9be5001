"""Personal access tokens: bearer use, read-only scope, expiry, revocation, last use,
and every credential dying with the account's credentials (issue 13)."""

from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa

from auth import personal_tokens
from auth.tokens import LAST_USE_PRECISION, find_token, note_use
from core.audit import AuditEvent
from core.errors import PermissionDenied, ValidationFailed
from people.enums import ApiTokenKind, TokenScope
from people.models import ApiToken, Employee
from people.services import update_account, update_employee
from tests.conftest import personal_bearer, sign_in
from tests.factories import PASSWORD, make_person, make_user

EMAIL = "emma@example.com"
NEW_PASSWORD = "gravel-orchid-lantern"
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)


def _issue(user, db, now=None, **data):
    secret, row = personal_tokens.issue_personal_token(
        user, {"name": "CI", "scope": TokenScope.write, **data}, now=now
    )
    db.session.commit()
    return secret, row


# --- bearer use and scope ---------------------------------------------------------


def test_a_personal_token_works_as_a_bearer_token(client, db):
    user = make_person(email=EMAIL)
    response = client.get("/api/v1/me", headers=personal_bearer(user, "read"))
    assert response.status_code == 200
    assert response.get_json()["email"] == EMAIL


def test_the_secret_is_prefixed_and_only_its_hash_is_stored(db):
    secret, row = _issue(make_person(), db)
    assert secret.startswith("tpat_") and len(secret) > 40
    assert row.token_hash != secret and secret not in row.token_hash
    assert row.kind is ApiTokenKind.personal


UNSAFE = [
    ("POST", "/api/v1/notifications/read-all"),
    ("PUT", "/api/v1/notification-preferences"),
    ("PATCH", "/api/v1/people/{person}"),
    ("DELETE", "/api/v1/tokens/current"),
]


@pytest.mark.parametrize(("method", "path"), UNSAFE, ids=lambda v: str(v))
def test_a_read_only_token_gets_403_on_an_unsafe_method(client, db, method, path):
    user = make_person(is_hr=True)
    url = path.format(person=user.employee_id)
    response = client.open(
        url, method=method, json={}, headers=personal_bearer(user, "read")
    )
    assert response.status_code == 403
    assert "read-only" in response.get_json()["message"]


def test_a_read_write_token_may_change_things(client, db):
    user = make_person()
    response = client.post(
        "/api/v1/notifications/read-all", headers=personal_bearer(user, "write")
    )
    assert response.status_code == 204


def test_a_session_token_is_not_scoped(client, db, token_headers):
    user = make_person()
    response = client.post(
        "/api/v1/notifications/read-all", headers=token_headers(user)
    )
    assert response.status_code == 204


# --- every credential dies ----------------------------------------------------------


def _session_cookie(client, user):
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert client.get("/").status_code == 200
    return lambda: client.get("/").status_code == 200


def _session_token(client, user):
    response = client.post(
        "/api/v1/tokens", json={"email": EMAIL, "password": PASSWORD}
    )
    headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
    return lambda: client.get("/api/v1/me", headers=headers).status_code == 200


def _personal_token(client, user):
    headers = personal_bearer(user, "write")
    return lambda: client.get("/api/v1/me", headers=headers).status_code == 200


def _change_password(client, db, user):
    other = client.application.test_client()
    other.post("/login", data={"email": EMAIL, "password": PASSWORD})
    response = other.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302


def _sign_out_everywhere(client, db, user):
    other = client.application.test_client()
    other.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert other.post("/account/sign-out-everywhere").status_code == 302


def _disable(client, db, user):
    update_account(make_user(is_admin=True), user, {"is_enabled": False})
    db.session.commit()


def _leave(client, db, user):
    hr = make_person(is_hr=True)
    update_employee(
        hr, db.session.get(Employee, user.employee_id), {"is_active": False}
    )
    db.session.commit()


CREDENTIALS = [_session_cookie, _session_token, _personal_token]
EVENTS = [_change_password, _sign_out_everywhere, _disable, _leave]


@pytest.mark.parametrize("event", EVENTS, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("credential", CREDENTIALS, ids=lambda f: f.__name__.strip("_"))
def test_every_credential_is_refused_after(client, db, credential, event):
    user = make_person(email=EMAIL)
    works = credential(client, user)
    assert works()
    event(client, db, user)
    assert not works()


def test_a_plain_sign_out_ends_the_session_token_but_not_the_personal_token(client, db):
    user = make_person(email=EMAIL)
    session_token = _session_token(client, user)
    personal_token = _personal_token(client, user)
    _session_cookie(client, user)
    assert client.post("/logout").status_code == 302
    assert not session_token()
    assert personal_token()


def test_re_enabling_an_account_does_not_revive_its_personal_tokens(client, db):
    user = make_person(email=EMAIL)
    works = _personal_token(client, user)
    admin = make_user(is_admin=True)
    update_account(admin, user, {"is_enabled": False})
    update_account(admin, user, {"is_enabled": True})
    db.session.commit()
    assert not works()
    assert _personal_token(client, user)()  # a new one works


def test_a_role_change_keeps_personal_tokens(client, db):
    user = make_person(email=EMAIL)
    works = _personal_token(client, user)
    update_account(make_user(is_admin=True), user, {"is_hr": True})
    db.session.commit()
    assert works()


def test_a_personal_token_is_refused_while_a_password_change_is_pending(client, db):
    user = make_person(email=EMAIL)
    works = _personal_token(client, user)
    user.must_change_password = True
    db.session.commit()
    assert not works()


def test_no_personal_token_while_a_password_change_is_pending(client, db):
    user = make_person(email=EMAIL)
    user.must_change_password = True
    with pytest.raises(PermissionDenied):
        personal_tokens.issue_personal_token(user, {"name": "x"})


# --- expiry -----------------------------------------------------------------------


def test_a_token_stops_working_when_it_expires(db):
    secret, _ = _issue(make_person(), db, now=NOW, expires_in_days=7)
    assert find_token(secret, now=NOW + timedelta(days=7) - timedelta(seconds=1))
    assert find_token(secret, now=NOW + timedelta(days=7)) is None


def test_an_expired_token_gets_401(client, db):
    user = make_person()
    secret, row = _issue(user, db, expires_in_days=1)
    row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_token_may_expire_on_a_date_at_midnight_utc(db):
    _, row = _issue(make_person(), db, now=NOW, expires_on=date(2027, 1, 31))
    assert row.expires_at == datetime(2027, 1, 31, tzinfo=UTC)


@pytest.mark.parametrize("day", [date(2026, 12, 3), date(2027, 12, 4)])
def test_an_expiry_date_is_after_today_and_within_a_year(db, day):
    with pytest.raises(ValidationFailed) as err:
        _issue(make_person(), db, now=NOW, expires_on=day)
    assert "expires_on" in err.value.errors


def test_a_token_without_expiry_never_expires(db):
    secret, row = _issue(make_person(), db, now=NOW)
    assert row.expires_at is None
    assert find_token(secret, now=NOW + timedelta(days=3650)) is not None


def test_days_and_a_date_together_are_refused(client, db, token_headers):
    user = make_person()
    body = {"name": "x", "expires_in_days": 5, "expires_on": "2027-01-01"}
    response = client.post(
        "/api/v1/personal-tokens", json=body, headers=token_headers(user)
    )
    assert response.status_code == 422
    assert "expires_on" in response.get_json()["errors"]


@pytest.mark.parametrize("days", [0, 366])
def test_the_number_of_days_is_bounded(client, db, token_headers, days):
    body = {"name": "x", "expires_in_days": days}
    response = client.post(
        "/api/v1/personal-tokens", json=body, headers=token_headers(make_person())
    )
    assert response.status_code == 422


def test_at_most_fifty_live_tokens(db, monkeypatch):
    monkeypatch.setattr(personal_tokens, "MAX_LIVE_TOKENS", 2)
    user = make_person()
    _issue(user, db)
    _, second = _issue(user, db)
    with pytest.raises(ValidationFailed):
        _issue(user, db)
    personal_tokens.revoke_personal_token(user, second)
    _issue(user, db)  # a revoked one no longer counts


# --- last use -----------------------------------------------------------------------


def test_last_use_is_written_at_most_once_per_five_minutes(db, count_queries):
    _, row = _issue(make_person(), db)
    assert note_use(row, now=NOW) is True
    assert row.last_used_at == NOW
    with count_queries() as counter:
        soon = NOW + LAST_USE_PRECISION - timedelta(seconds=1)
        assert note_use(row, now=soon) is False
    assert counter.count == 0  # the hot path sends no statement
    assert note_use(row, now=NOW + LAST_USE_PRECISION) is True
    db.session.commit()
    stored = db.session.scalar(
        sa.select(ApiToken.last_used_at).where(ApiToken.id == row.id)
    )
    assert stored == NOW + LAST_USE_PRECISION


def test_a_stale_copy_does_not_write_twice(db):
    """Two workers hold the row read before either wrote: the conditional UPDATE lets
    only the first one write."""
    _, row = _issue(make_person(), db)
    first = db.session.get(ApiToken, row.id)
    assert note_use(first, now=NOW)
    db.session.commit()
    stale = db.session.get(ApiToken, row.id)
    stale.__dict__["last_used_at"] = None  # as read before the first write
    assert note_use(stale, now=NOW + timedelta(seconds=30)) is False


def test_requests_note_the_last_use(client, db):
    user = make_person()
    secret, row = _issue(user, db)
    headers = {"Authorization": f"Bearer {secret}"}
    client.get("/api/v1/me", headers=headers)
    first = db.session.get(ApiToken, row.id).last_used_at
    assert first is not None
    client.get("/api/v1/me", headers=headers)
    assert db.session.get(ApiToken, row.id).last_used_at == first
    db.session.get(ApiToken, row.id).last_used_at = first - LAST_USE_PRECISION
    db.session.commit()
    client.get("/api/v1/me", headers=headers)
    assert db.session.get(ApiToken, row.id).last_used_at > first - LAST_USE_PRECISION


def test_noting_the_use_costs_one_statement_and_reloads_nothing(
    client, db, count_queries
):
    secret, _ = _issue(make_person(), db)
    headers = {"Authorization": f"Bearer {secret}"}
    with count_queries() as first:
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    with count_queries() as second:
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert first.count == second.count + 1  # the UPDATE; no reload after the commit


def test_a_view_reads_the_token_after_its_use_is_noted(client, db):
    """The first use in five minutes commits; the token and its user stay loaded for
    the view (relationships load nothing lazily in the tests)."""
    user = make_person()
    secret, _ = _issue(user, db)
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.delete("/api/v1/tokens", headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_session_token_keeps_no_last_use(client, db, token_headers):
    user = make_person()
    client.get("/api/v1/me", headers=token_headers(user))
    rows = db.session.scalars(sa.select(ApiToken.last_used_at)).all()
    assert rows == [None]


# --- the API ------------------------------------------------------------------------


def test_the_api_creates_lists_and_revokes(client, db, token_headers):
    user = make_person()
    headers = token_headers(user)
    body = {"name": "Exporter", "scope": "write", "expires_in_days": 30}
    created = client.post("/api/v1/personal-tokens", json=body, headers=headers)
    assert created.status_code == 201
    got = created.get_json()
    assert got["token"].startswith("tpat_") and got["scope"] == "write"
    listed = client.get("/api/v1/personal-tokens", headers=headers).get_json()
    assert [t["name"] for t in listed] == ["Exporter"]
    assert "token" not in listed[0] and "token_hash" not in listed[0]
    pat = {"Authorization": f"Bearer {got['token']}"}
    assert client.get("/api/v1/me", headers=pat).status_code == 200
    url = f"/api/v1/personal-tokens/{got['id']}"
    assert client.delete(url, headers=headers).status_code == 204
    assert client.get("/api/v1/me", headers=pat).status_code == 401
    assert client.delete(url, headers=headers).status_code == 204  # again: harmless


def test_a_new_token_is_read_only_unless_asked(client, db, token_headers):
    body = {"name": "Reader"}
    response = client.post(
        "/api/v1/personal-tokens", json=body, headers=token_headers(make_person())
    )
    assert response.get_json()["scope"] == "read"
    assert response.get_json()["expires_at"] is None


def test_someone_elses_token_is_not_found(client, db, token_headers):
    owner = make_person()
    _, row = _issue(owner, db)
    other = make_person()
    response = client.delete(
        f"/api/v1/personal-tokens/{row.id}", headers=token_headers(other)
    )
    assert response.status_code == 404
    sign_in(client, other)
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 404
    assert db.session.get(ApiToken, row.id).revoked_at is None


def test_a_session_token_id_is_not_a_personal_token(client, db, token_headers):
    user = make_person()
    headers = token_headers(user)
    session_row = db.session.scalar(
        sa.select(ApiToken).where(ApiToken.user_id == user.id)
    )
    url = f"/api/v1/personal-tokens/{session_row.id}"
    assert client.delete(url, headers=headers).status_code == 404


@pytest.mark.parametrize("scope", ["read", "write"])
def test_a_personal_token_cannot_manage_personal_tokens(client, db, scope):
    user = make_person()
    headers = personal_bearer(user, scope)
    _, row = _issue(user, db)
    assert client.get("/api/v1/personal-tokens", headers=headers).status_code == 403
    body = {"name": "More"}
    response = client.post("/api/v1/personal-tokens", json=body, headers=headers)
    assert response.status_code == 403
    url = f"/api/v1/personal-tokens/{row.id}"
    assert client.delete(url, headers=headers).status_code == 403
    assert db.session.get(ApiToken, row.id).revoked_at is None


def test_the_answer_with_the_secret_is_not_kept_for_a_replay(client, db, token_headers):
    from core.idempotency import HEADER, IdempotencyRecord

    headers = {**token_headers(make_person()), HEADER: "make-one"}
    first = client.post("/api/v1/personal-tokens", json={"name": "a"}, headers=headers)
    assert first.status_code == 201
    assert db.session.scalar(sa.select(sa.func.count(IdempotencyRecord.id))) == 0


def test_issue_and_revoke_are_audited_without_the_secret(client, db, token_headers):
    user = make_person()
    headers = token_headers(user)
    got = client.post(
        "/api/v1/personal-tokens", json={"name": "Audited"}, headers=headers
    ).get_json()
    client.delete(f"/api/v1/personal-tokens/{got['id']}", headers=headers)
    events = db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.object_type == "ApiToken", AuditEvent.object_id == got["id"])
        .order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == ["issued", "revoked"]
    assert events[0].changes["name"] == "Audited"
    token_hash = db.session.get(ApiToken, got["id"]).token_hash
    text = repr([e.changes for e in events])
    assert got["token"] not in text and token_hash not in text
