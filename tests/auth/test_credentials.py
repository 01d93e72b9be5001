"""Every credential dies with the session: password change, sign-out everywhere, disable,
leaving; a one-time password gets no API token."""

import pytest

from people.models import Employee
from people.services import update_account
from tests.factories import PASSWORD, make_person, make_user

EMAIL = "emma@example.com"
NEW_PASSWORD = "gravel-orchid-lantern"


def _token(client):
    response = client.post(
        "/api/v1/tokens", json={"email": EMAIL, "password": PASSWORD}
    )
    assert response.status_code == 201, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def _signed_in(client):
    client.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert client.get("/").status_code == 200


def _change_password(client, db, user):
    other = client.application.test_client()
    other.post("/login", data={"email": EMAIL, "password": PASSWORD})
    other.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": NEW_PASSWORD,
            "password_confirm": NEW_PASSWORD,
        },
    )


def _sign_out_everywhere_web(client, db, user):
    other = client.application.test_client()
    other.post("/login", data={"email": EMAIL, "password": PASSWORD})
    assert other.post("/account/sign-out-everywhere").status_code == 302


def _sign_out_everywhere_api(client, db, user):
    other = client.application.test_client()
    assert other.delete("/api/v1/tokens", headers=_token(other)).status_code == 204


def _disable(client, db, user):
    update_account(make_user(is_admin=True), user, {"is_enabled": False})
    db.session.commit()


def _leave(client, db, user):
    # Directly, not through the people service: the check must not rely on it.
    db.session.get(Employee, user.employee_id).is_active = False
    db.session.commit()


ENDINGS = [
    _change_password,
    _sign_out_everywhere_web,
    _sign_out_everywhere_api,
    _disable,
    _leave,
]


@pytest.mark.parametrize("ending", ENDINGS, ids=lambda f: f.__name__.strip("_"))
def test_an_api_token_is_refused_after(ending, client, db):
    user = make_person(email=EMAIL)
    headers = _token(client)
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    ending(client, db, user)
    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize("ending", ENDINGS, ids=lambda f: f.__name__.strip("_"))
def test_a_web_session_is_refused_after(ending, client, db):
    user = make_person(email=EMAIL)
    _signed_in(client)
    ending(client, db, user)
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_a_web_sign_out_ends_the_api_tokens_too(client, db):
    make_person(email=EMAIL)
    headers = _token(client)
    _signed_in(client)
    client.post("/logout")
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_one_time_password_gets_no_api_token(client, db):
    user = make_person(email=EMAIL)
    user.must_change_password = True
    response = client.post(
        "/api/v1/tokens", json={"email": EMAIL, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "sign in on the web" in response.get_json()["message"]


def test_a_token_is_refused_while_a_password_change_is_pending(client, db):
    user = make_person(email=EMAIL)
    headers = _token(client)
    user.must_change_password = True
    db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
