"""Two-factor sign-in through the pages and the token endpoint: set-up, the code step,
replay refused, REQUIRE_2FA for HR and admins only, the admin's reset."""

import re
from datetime import timedelta

import pyotp
import pytest
import sqlalchemy as sa

from auth import two_factor
from core.audit import AuditEvent
from core.db import utcnow
from notifications.models import EmailMessage
from people.models import User
from tests.conftest import sign_in
from tests.factories import PASSWORD, make_person, make_user

EMAIL = "emma@example.com"


@pytest.fixture
def require_2fa(app):
    app.config["REQUIRE_2FA"] = True
    yield
    app.config["REQUIRE_2FA"] = False


def _secret_on_page(html: str) -> str:
    return re.search(r'id="totp-secret">([A-Z2-7]+)<', html).group(1)


def _turn_on(client, user):
    """Set up two-factor sign-in through the pages; return the secret and codes."""
    sign_in(client, user)
    secret = _secret_on_page(client.get("/account/two-factor").get_data(as_text=True))
    response = client.post(
        "/account/two-factor", data={"code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    codes = re.findall(
        r"<li><code>([a-z2-7-]+)</code></li>", response.get_data(as_text=True)
    )
    return secret, codes


def _sign_out(client):
    client.post("/logout")


def _next_code(secret):
    """A code of the next step (accepted for clock drift, newer than the last used)."""
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(utcnow()) + 1)


def test_the_set_up_page_shows_a_qr_svg_the_secret_and_the_uri(client, db):
    user = make_person(email=EMAIL)
    sign_in(client, user)
    response = client.get("/account/two-factor")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<svg viewBox="' in html and 'class="qr-code"' in html
    secret = _secret_on_page(html)
    assert f"otpauth://totp/Trellis:emma%40example.com?secret={secret}" in html
    assert "issuer=Trellis" in html
    assert 'for="code">Code' in html
    # CSP-safe: no inline script or style in the page's own markup
    assert "<script>" not in html and " style=" not in html
    assert response.headers["Cache-Control"] == "no-store"


def test_a_reload_shows_the_same_secret_and_nothing_is_stored(client, db):
    user = make_person(email=EMAIL)
    sign_in(client, user)
    first = _secret_on_page(client.get("/account/two-factor").get_data(as_text=True))
    second = _secret_on_page(client.get("/account/two-factor").get_data(as_text=True))
    assert first == second
    assert db.session.get(User, user.id).totp_secret_encrypted is None


def test_confirming_with_a_code_turns_it_on_and_shows_ten_codes_once(client, db):
    user = make_person(email=EMAIL)
    secret, codes = _turn_on(client, user)
    assert len(codes) == 10
    assert db.session.get(User, user.id).has_two_factor
    page = client.get("/account/two-factor").get_data(as_text=True)
    assert "10</strong> unused recovery codes" in page
    assert secret not in page and codes[0] not in page


def test_a_wrong_confirming_code_is_an_error_on_the_field(client, db):
    user = make_person(email=EMAIL)
    sign_in(client, user)
    secret = _secret_on_page(client.get("/account/two-factor").get_data(as_text=True))
    wrong = "000000" if pyotp.TOTP(secret).now() != "000000" else "111111"
    response = client.post("/account/two-factor", data={"code": wrong})
    assert response.status_code == 422
    assert 'id="code-error"' in response.get_data(as_text=True)
    assert not db.session.get(User, user.id).has_two_factor


def test_sign_in_asks_for_the_code_before_the_session_starts(client, db):
    user = make_person(email=EMAIL, name="Emma Example")
    secret, _ = _turn_on(client, user)
    _sign_out(client)
    response = client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login/code")
    assert client.get("/").status_code == 302  # not signed in yet
    page = client.get("/login/code")
    assert page.status_code == 200 and 'for="code">Code' in page.get_data(as_text=True)
    response = client.post("/login/code", data={"code": _next_code(secret)})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "Emma Example" in client.get("/").get_data(as_text=True)


def test_the_same_code_cannot_sign_in_twice(client, db):
    user = make_person(email=EMAIL)
    secret, _ = _turn_on(client, user)
    code = _next_code(secret)
    for expected in (302, 401):
        _sign_out(client)
        client.post("/login", data={"email": EMAIL, "password": PASSWORD})
        response = client.post("/login/code", data={"code": code})
        assert response.status_code == expected


def test_a_recovery_code_signs_in_once(client, db):
    user = make_person(email=EMAIL)
    _, codes = _turn_on(client, user)
    for expected in (302, 401):
        _sign_out(client)
        client.post("/login", data={"email": EMAIL, "password": PASSWORD})
        assert client.post("/login/code", data={"code": codes[0]}).status_code == (
            expected
        )


def test_the_code_step_ends_after_five_minutes(client, db):
    user = make_person(email=EMAIL)
    secret, _ = _turn_on(client, user)
    _sign_out(client)
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    with client.session_transaction() as session:
        pending = session["two_factor_pending"]
        pending["at"] = (utcnow() - timedelta(minutes=6)).isoformat()
        session["two_factor_pending"] = pending
    response = client.post("/login/code", data={"code": _next_code(secret)})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert client.get("/").status_code == 302


def test_the_code_step_without_a_password_goes_back_to_sign_in(client, db):
    response = client.post("/login/code", data={"code": "123456"})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_turning_off_on_the_page_needs_the_password(client, db):
    user = make_person(email=EMAIL)
    _turn_on(client, user)
    response = client.post("/account/two-factor/disable", data={"credential": "nope"})
    assert response.status_code == 422
    assert 'id="disable-credential-error"' in response.get_data(as_text=True)
    response = client.post("/account/two-factor/disable", data={"credential": PASSWORD})
    assert response.status_code == 302
    assert not db.session.get(User, user.id).has_two_factor


def test_new_recovery_codes_are_shown_once(client, db):
    user = make_person(email=EMAIL)
    _, old = _turn_on(client, user)
    response = client.post(
        "/account/two-factor/recovery-codes", data={"credential": PASSWORD}
    )
    new = re.findall(
        r"<li><code>([a-z2-7-]+)</code></li>", response.get_data(as_text=True)
    )
    assert len(new) == 10 and not set(new) & set(old)


# --- the token endpoint ---------------------------------------------------------------


def _token(client, **extra):
    return client.post(
        "/api/v1/tokens", json={"email": EMAIL, "password": PASSWORD, **extra}
    )


def test_the_token_endpoint_asks_for_the_code(client, db):
    user = make_person(email=EMAIL)
    secret, _ = _turn_on(client, user)
    missing = _token(client)
    assert missing.status_code == 401
    assert "code" in missing.get_json()["message"]
    assert _token(client, code="000000x").status_code == 401
    ok = _token(client, code=_next_code(secret))
    assert ok.status_code == 201 and ok.get_json()["token"]


def test_a_missing_code_says_no_more_than_a_wrong_password(client, db):
    user = make_person(email=EMAIL)
    _turn_on(client, user)
    missing = _token(client).get_json()["message"]
    wrong_password = client.post(
        "/api/v1/tokens", json={"email": EMAIL, "password": "not the password"}
    ).get_json()["message"]
    assert missing == wrong_password


def test_an_account_without_two_factor_needs_no_code(client, db):
    make_person(email=EMAIL)
    assert _token(client).status_code == 201


# --- REQUIRE_2FA ------------------------------------------------------------------------


def test_required_two_factor_sends_hr_to_set_up(client, db, require_2fa):
    hr = make_person(is_hr=True)
    sign_in(client, hr)
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/account/two-factor"
    assert client.get("/account/two-factor").status_code == 200


def test_required_two_factor_sends_an_admin_to_set_up(client, db, require_2fa):
    admin = make_user(is_admin=True)
    sign_in(client, admin)
    assert client.get("/admin/accounts").headers["Location"] == "/account/two-factor"


def test_required_two_factor_leaves_employees_alone(client, db, require_2fa):
    sign_in(client, make_person())
    assert client.get("/").status_code == 200


def test_required_two_factor_lets_hr_in_once_it_is_on(client, db, require_2fa):
    hr = make_person(is_hr=True)
    _turn_on(client, hr)
    assert client.get("/").status_code == 200


def test_required_two_factor_refuses_hr_an_api_token_until_on(client, db, require_2fa):
    make_person(email=EMAIL, is_hr=True)
    response = _token(client)
    assert response.status_code == 403
    assert "two-factor" in response.get_json()["message"]


def test_required_two_factor_gives_employees_tokens(client, db, require_2fa):
    make_person(email=EMAIL)
    assert _token(client).status_code == 201


# --- the admin's reset ------------------------------------------------------------------


def test_an_admin_resets_a_lost_second_factor(app, db):
    user = make_person(email=EMAIL)
    owner = app.test_client()
    _turn_on(owner, user)
    admin_client = app.test_client()
    admin = make_user(is_admin=True)
    sign_in(admin_client, admin)
    listing = admin_client.get("/admin/accounts").get_data(as_text=True)
    assert f"/admin/accounts/{user.id}/two-factor/reset" in listing
    response = admin_client.post(f"/admin/accounts/{user.id}/two-factor/reset")
    assert response.status_code == 302
    assert not db.session.get(User, user.id).has_two_factor
    assert owner.get("/").status_code == 302  # their session ended
    assert (
        db.session.scalar(
            sa.select(AuditEvent.actor_id).where(
                AuditEvent.action == "two_factor_reset"
            )
        )
        == admin.id
    )
    mail = db.session.scalar(sa.select(EmailMessage))
    assert mail.to_address == EMAIL
    assert "http://" in mail.body and "/account/two-factor" in mail.body


def test_an_hr_person_cannot_reset_a_second_factor(client, db):
    user = make_person(email=EMAIL)
    two_factor_secret = two_factor.new_secret()
    two_factor.enable_two_factor(
        user, two_factor_secret, pyotp.TOTP(two_factor_secret).now()
    )
    sign_in(client, make_person(is_hr=True))
    response = client.post(f"/admin/accounts/{user.id}/two-factor/reset")
    assert response.status_code == 403
    assert db.session.get(User, user.id).has_two_factor


# --- mass assignment on the HTML forms ------------------------------------------------


def test_totp_fields_posted_to_other_forms_change_nothing(client, db):
    user = make_person(email=EMAIL)
    admin = make_user(is_admin=True)
    attack = {
        "totp_secret_encrypted": "x",
        "totp_enabled_at": "2026-01-01T00:00:00Z",
        "totp_last_step": "1",
        "code_hash": "x",
    }
    sign_in(client, admin)
    client.post(f"/admin/accounts/{user.id}", data={"is_enabled": "true", **attack})
    sign_in(client, user)
    client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": "gravel-orchid-lantern",
            "password_confirm": "gravel-orchid-lantern",
            **attack,
        },
    )
    row = db.session.get(User, user.id)
    assert row.totp_secret_encrypted is None and row.totp_enabled_at is None
    assert row.totp_last_step is None
