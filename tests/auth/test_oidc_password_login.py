"""``TRELLIS_PASSWORD_LOGIN=admins``: the password form and the token endpoint refuse
every account but an admin's (after a correct password only), company sign-in goes on.
"""

import pytest

from tests.auth.oidc_provider import (
    events,
    sign_in,
    signed_in_as,
)
from tests.factories import PASSWORD, make_person


@pytest.fixture(scope="module")
def app(oidc_app):
    """This module's tests run on the app with company sign-in configured."""
    return oidc_app


@pytest.fixture
def admins_only(app, monkeypatch):
    monkeypatch.setitem(app.config, "PASSWORD_LOGIN", "admins")


def test_password_form_refuses_non_admins_when_turned_off(client, emma, admins_only):
    response = client.post("/login", data={"email": emma.email, "password": PASSWORD})
    assert response.status_code == 401
    assert "Password sign-in is turned off for this account" in response.get_data(
        as_text=True
    )
    assert signed_in_as(client) is None
    assert events("sign_in_refused")[0].changes == {
        "method": "password",
        "reason": "password_sign_in_off",
    }


def test_password_form_still_signs_admins_in(client, db, admins_only):
    admin = make_person(email="ada@example.com", is_admin=True)
    response = client.post("/login", data={"email": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert signed_in_as(client) == admin.get_id()


def test_a_wrong_password_says_nothing_about_the_mode(client, emma, admins_only):
    response = client.post("/login", data={"email": emma.email, "password": "nope!"})
    assert response.status_code == 401
    assert "turned off" not in response.get_data(as_text=True)


def test_the_login_page_says_password_sign_in_is_for_admins(client, db, admins_only):
    assert "for administrators only" in client.get("/login").get_data(as_text=True)


def test_token_api_refuses_non_admin_passwords_when_turned_off(
    client, emma, admins_only
):
    response = client.post(
        "/api/v1/tokens", json={"email": emma.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "turned off" in response.get_json()["message"]


def test_token_api_still_serves_admins(client, db, admins_only):
    admin = make_person(email="ada@example.com", is_admin=True)
    response = client.post(
        "/api/v1/tokens", json={"email": admin.email, "password": PASSWORD}
    )
    assert response.status_code == 201


def test_company_sign_in_works_when_passwords_are_for_admins(
    client, provider, emma, admins_only
):
    response = sign_in(client, provider, email="emma@example.com", email_verified=True)
    assert response.status_code == 302
    assert signed_in_as(client) == emma.get_id()
