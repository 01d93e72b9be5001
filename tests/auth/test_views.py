from datetime import timedelta

import sqlalchemy as sa

from app import create_app
from core.config import TestConfig
from core.db import utcnow
from people.models import User
from people.services import update_account
from tests.factories import PASSWORD, make_person, make_user


def _login(client, email, password=PASSWORD):
    return client.post("/login", data={"email": email, "password": password})


def test_login_with_the_right_password_opens_home(client, db):
    make_person(email="emma@example.com", name="Emma Example")
    response = _login(client, "emma@example.com")
    assert response.status_code == 302
    assert "Emma Example" in client.get("/").get_data(as_text=True)


def test_login_with_a_wrong_password_shows_the_form_again(client, db):
    make_person(email="emma@example.com")
    response = _login(client, "emma@example.com", "wrong password!")
    assert response.status_code == 401
    assert "not correct" in response.get_data(as_text=True)


def test_login_with_empty_fields_shows_field_errors(client, db):
    response = client.post("/login", data={"email": "", "password": ""})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)


def test_login_does_not_redirect_to_another_site(client, db):
    make_person(email="emma@example.com")
    response = client.post(
        "/login?next=https://evil.example/x",
        data={"email": "emma@example.com", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/"


def test_a_cookie_copied_before_logout_is_dead_after_it(client, db):
    make_person(email="emma@example.com")
    _login(client, "emma@example.com")
    copied = client.get_cookie("session").value
    assert client.get("/").status_code == 200
    client.post("/logout")
    client.set_cookie("session", copied)
    response = client.get("/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_deactivating_an_account_ends_its_session(client, db):
    user = make_person(email="emma@example.com")
    admin = make_user(is_admin=True)
    _login(client, "emma@example.com")
    update_account(admin, user, {"is_enabled": False})
    db.session.commit()
    assert client.get("/").status_code == 302


def test_idle_session_expires_after_30_minutes(client, db):
    make_person(email="emma@example.com")
    _login(client, "emma@example.com")
    with client.session_transaction() as session:
        session["seen_at"] = (utcnow() - timedelta(minutes=31)).isoformat()
    assert client.get("/").status_code == 302


def test_session_expires_after_12_hours_even_when_active(client, db):
    make_person(email="emma@example.com")
    _login(client, "emma@example.com")
    with client.session_transaction() as session:
        session["login_at"] = (utcnow() - timedelta(hours=12, minutes=1)).isoformat()
    assert client.get("/").status_code == 302


def test_must_change_password_redirects_every_page(client, db):
    make_user(email="boot@example.com", is_admin=True, must_change_password=True)
    _login(client, "boot@example.com")
    response = client.get("/people")
    assert response.headers["Location"].endswith("/account/password")


def test_changing_the_password_clears_the_flag(client, db):
    user = make_user(email="boot@example.com", must_change_password=True)
    _login(client, "boot@example.com")
    response = client.post(
        "/account/password",
        data={
            "current_password": PASSWORD,
            "password": "gravel-orchid-lantern",
            "password_confirm": "gravel-orchid-lantern",
        },
    )
    assert response.status_code == 302
    assert db.session.get(User, user.id).must_change_password is False
    assert client.get("/people").status_code == 200


def test_authenticated_pages_are_not_cached(client, db):
    make_person(email="emma@example.com")
    _login(client, "emma@example.com")
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_hsts_and_secure_cookies_only_with_https():
    class HttpsConfig(TestConfig):
        HTTPS = True
        SESSION_COOKIE_SECURE = True

    app = create_app(HttpsConfig)
    assert (
        "max-age"
        in app.test_client().get("/login").headers["Strict-Transport-Security"]
    )
    plain = create_app(TestConfig).test_client().get("/login")
    assert "Strict-Transport-Security" not in plain.headers


def _file_app(path, **settings):
    config = type(
        "FileConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", **settings},
    )
    return create_app(config)


def test_lockout_holds_across_two_app_instances_sharing_a_database(tmp_path):
    from core.extensions import db

    path = tmp_path / "shared.db"
    first, second = _file_app(path), _file_app(path)
    with first.app_context():
        db.create_all()
        make_person(email="emma@example.com")
        db.session.commit()
    one, two = first.test_client(), second.test_client()
    for client in (one, two, one, two, one):
        assert _login(client, "emma@example.com", "wrong password!").status_code == 401
    response = _login(two, "emma@example.com")
    assert response.status_code == 401
    assert "Too many failed attempts" in response.get_data(as_text=True)
    with second.app_context():
        failures = db.session.scalar(sa.text("SELECT count(*) FROM login_attempts"))
    assert failures == 5


def test_forms_without_a_csrf_token_are_refused(tmp_path):
    from core.extensions import db

    app = _file_app(tmp_path / "csrf.db", WTF_CSRF_ENABLED=True)
    with app.app_context():
        db.create_all()
        make_person(email="emma@example.com")
        db.session.commit()
    response = _login(app.test_client(), "emma@example.com")
    assert response.status_code == 400
