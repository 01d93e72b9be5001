"""Company sign-in (OpenID Connect) against a real provider process: which account an
identity signs in to, the accounts it creates, the session it starts, the settings.

Every test runs the whole flow: Trellis's redirect, the provider's authorization page
answered over HTTP (``tests.auth.oidc_provider``), the callback in the Flask test
client, which exchanges the code and fetches the keys from the provider.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from app import create_app
from core.config import TestConfig
from core.db import utcnow
from core.extensions import db as _db
from people.models import User
from tests.auth.oidc_provider import (
    CLIENT_SECRET,
    SUB,
    client_of,
    events,
    fresh_app,
    refusal_reasons,
    sign_in,
    signed_in_as,
)
from tests.conftest import sign_in as login_session
from tests.factories import PASSWORD, make_employee, make_person
from tests.gates.matrix import ACTORS


@pytest.fixture(scope="module")
def app(oidc_app):
    """This module's tests run on the app with company sign-in configured."""
    return oidc_app


# --- matching ---------------------------------------------------------------------


def test_login_page_offers_the_company_sign_in(client, db):
    page = client.get("/login?next=/people").get_data(as_text=True)
    assert "Sign in with Example Corp" in page
    assert "/login/oidc?next=/people" in page


def test_the_first_sign_in_links_the_account_by_its_verified_email(
    client, provider, emma
):
    response = sign_in(client, provider, email="emma@example.com", email_verified=True)
    assert response.status_code == 302 and response.location == "/"
    assert signed_in_as(client) == emma.get_id()
    assert (emma.oidc_issuer, emma.oidc_subject) == (provider.url, SUB)
    assert events("oidc_linked")[0].changes == {"issuer": provider.url, "subject": SUB}
    assert events("signed_in")[-1].changes == {"method": "oidc"}
    assert "Emma Example" in client.get("/").get_data(as_text=True)


def test_sign_in_by_subject_needs_no_email_once_linked(client, provider, emma):
    emma.oidc_issuer, emma.oidc_subject = provider.url, SUB
    # The address changed at the company and is not verified yet: the subject counts.
    response = sign_in(
        client, provider, email="emma.new@example.com", email_verified=False
    )
    assert response.status_code == 302
    assert signed_in_as(client) == emma.get_id()
    assert events("oidc_linked") == []


def test_the_sign_in_keeps_a_safe_next_and_drops_another_site(client, provider, emma):
    claims = {"email": "emma@example.com", "email_verified": True}
    assert sign_in(client, provider, next_url="/people", **claims).location == (
        "/people"
    )
    client.post("/logout")
    assert sign_in(client, provider, next_url="//evil.example/x").location == "/"


def test_an_account_is_linked_once(client, provider, emma):
    emma.oidc_issuer, emma.oidc_subject = provider.url, "another-subject"
    response = sign_in(client, provider, email="emma@example.com", email_verified=True)
    assert response.status_code == 403
    assert "linked to another sign-in" in response.get_data(as_text=True)
    assert signed_in_as(client) is None
    assert emma.oidc_subject == "another-subject"
    assert refusal_reasons() == ["linked_elsewhere"]


def test_an_unverified_email_is_refused(client, provider, emma):
    response = sign_in(client, provider, email="emma@example.com", email_verified=False)
    assert response.status_code == 403
    assert "has not verified the email address" in response.get_data(as_text=True)
    assert signed_in_as(client) is None
    assert emma.oidc_subject is None
    assert refusal_reasons() == ["email_unverified"]


def test_a_missing_email_verified_claim_counts_as_unverified(client, provider, emma):
    response = sign_in(client, provider, email="emma@example.com")
    assert response.status_code == 403
    assert refusal_reasons() == ["email_unverified"]


def test_an_unknown_address_is_refused(client, provider, emma):
    response = sign_in(
        client, provider, email="stranger@example.com", email_verified=True
    )
    assert response.status_code == 403
    assert "knows nobody with the email address" in response.get_data(as_text=True)
    assert signed_in_as(client) is None
    refused = events("sign_in_refused")[0]
    assert refused.actor_id is None
    assert refused.changes == {
        "method": "oidc",
        "reason": "unknown_email",
        "issuer": provider.url,
        "subject": SUB,
        "email": "stranger@example.com",
    }


def test_an_address_outside_the_allowed_domains_is_refused(
    app, client, provider, monkeypatch
):
    monkeypatch.setitem(app.config, "OIDC_DOMAINS", ("example.com",))
    person = make_person(email="olga@partner.org")
    response = sign_in(client, provider, email="olga@partner.org", email_verified=True)
    assert response.status_code == 403
    assert "not open to partner.org addresses" in response.get_data(as_text=True)
    assert person.oidc_subject is None
    assert refusal_reasons() == ["domain_not_allowed"]


def test_a_disabled_account_is_refused_even_when_linked(client, provider, emma):
    emma.oidc_issuer, emma.oidc_subject = provider.url, SUB
    emma.is_enabled = False
    response = sign_in(client, provider)
    assert response.status_code == 403
    assert "disabled" in response.get_data(as_text=True)
    assert refusal_reasons() == ["account_disabled"]


def test_a_person_who_left_is_refused(client, provider, emma):
    person = make_employee(email="gone@example.com", is_active=False)
    assert person.id
    response = sign_in(client, provider, email="gone@example.com", email_verified=True)
    assert response.status_code == 403
    assert refusal_reasons() == ["person_left"]


# --- creating accounts -------------------------------------------------------------


def test_no_account_is_created_without_oidc_create(client, provider, db):
    make_employee(name="Nina New", email="nina@example.com")
    response = sign_in(client, provider, email="nina@example.com", email_verified=True)
    assert response.status_code == 403
    assert "no Trellis account yet" in response.get_data(as_text=True)
    assert _db.session.scalar(sa.select(sa.func.count(User.id))) == 0
    assert refusal_reasons() == ["no_account"]


def test_an_account_is_created_inside_the_allowlist_when_enabled(
    app, client, provider, monkeypatch, db
):
    monkeypatch.setitem(app.config, "OIDC_CREATE", True)
    monkeypatch.setitem(app.config, "OIDC_DOMAINS", ("example.com",))
    person = make_employee(name="Nina New", email="nina@example.com")
    response = sign_in(
        client, provider, "subject-nina", email="nina@example.com", email_verified=True
    )
    assert response.status_code == 302
    user = _db.session.scalar(sa.select(User).where(User.email == "nina@example.com"))
    assert user.employee_id == person.id
    assert (user.oidc_issuer, user.oidc_subject) == (provider.url, "subject-nina")
    assert not (user.is_hr or user.is_admin or user.must_change_password)
    assert signed_in_as(client) == user.get_id()
    assert events("created_from_oidc")[0].changes == {
        "employee_id": person.id,
        "issuer": provider.url,
    }


def test_oidc_create_without_an_allowlist_creates_nobody(
    app, client, provider, monkeypatch, db
):
    monkeypatch.setitem(app.config, "OIDC_CREATE", True)
    make_employee(email="nina@example.com")
    response = sign_in(client, provider, email="nina@example.com", email_verified=True)
    assert response.status_code == 403
    assert _db.session.scalar(sa.select(sa.func.count(User.id))) == 0
    assert refusal_reasons() == ["domain_not_allowed"]


# --- the session -------------------------------------------------------------------


def test_the_session_is_a_normal_one_with_its_limits(client, provider, emma):
    sign_in(client, provider, email="emma@example.com", email_verified=True)
    with client.session_transaction() as session:
        assert session["login_at"] and session["seen_at"]
        assert session["sign_in_method"] == "oidc"
        session["seen_at"] = (utcnow() - _idle()).isoformat()
    assert client.get("/people").status_code == 302  # idle: signed out
    assert signed_in_as(client) is None


def _idle():
    from datetime import timedelta

    return TestConfig.IDLE_TIMEOUT + timedelta(minutes=1)


def test_signing_out_everywhere_ends_a_company_session(client, provider, emma):
    from auth.services import sign_out_everywhere

    sign_in(client, provider, email="emma@example.com", email_verified=True)
    assert client.get("/people").status_code == 200
    sign_out_everywhere(emma)
    assert client.get("/people").status_code == 302


def test_required_two_factor_is_not_asked_after_a_company_sign_in(
    app, client, provider, monkeypatch, db
):
    monkeypatch.setitem(app.config, "REQUIRE_2FA", True)
    hr = make_person(email="hana@example.com", is_hr=True)
    sign_in(client, provider, email="hana@example.com", email_verified=True)
    assert signed_in_as(client) == hr.get_id()
    assert client.get("/people").status_code == 200


def test_sign_out_ends_the_session_at_the_provider_too(client, provider, emma):
    sign_in(client, provider, email="emma@example.com", email_verified=True)
    with client.session_transaction() as session:
        id_token = session["oidc_id_token"]
    response = client.post("/logout")
    target = urlsplit(response.location)
    assert f"{target.scheme}://{target.netloc}{target.path}" == (
        f"{provider.url}/oauth2/end_session"
    )
    query = parse_qs(target.query)
    assert query["id_token_hint"] == [id_token]
    assert query["post_logout_redirect_uri"] == ["http://127.0.0.1:5000/login"]
    assert signed_in_as(client) is None
    assert client.get("/people").status_code == 302


def test_a_password_session_signs_out_locally(client, emma):
    client.post("/login", data={"email": emma.email, "password": PASSWORD})
    assert client.post("/logout").location == "/login"


# --- configuration --------------------------------------------------------------------


def test_company_sign_in_is_off_without_its_settings(db):
    app = fresh_app(TestConfig)
    client = app.test_client()
    assert client.get("/login/oidc").status_code == 404
    assert client.get("/login/oidc/callback").status_code == 404
    page = client.get("/login")
    assert "Sign in with" not in page.get_data(as_text=True)
    assert "form-action 'self';" in page.headers["Content-Security-Policy"]


def test_the_csp_lets_sign_out_reach_the_provider_and_nothing_else(
    client, provider, db
):
    policy = client.get("/login").headers["Content-Security-Policy"]
    assert f"form-action 'self' {provider.url};" in policy
    assert policy.count(provider.url) == 1


def test_an_unknown_password_login_mode_stops_the_app():
    config = type("Bad", (TestConfig,), {"PASSWORD_LOGIN": "nobody"})
    with pytest.raises(RuntimeError, match="TRELLIS_PASSWORD_LOGIN"):
        create_app(config)


def test_the_client_secret_is_never_on_a_page(client, provider, emma):
    pages = [
        client.get("/login").get_data(as_text=True),
        sign_in(client, provider, email="x@example.com", email_verified=True),
    ]
    assert all(CLIENT_SECRET not in str(page) for page in pages)


# --- the authorization matrix, with a provider --------------------------------------


@pytest.mark.parametrize("actor", ACTORS)
def test_the_routes_answer_every_actor_alike(client, provider, org, actor):
    """The gate's rows (tests/gates/matrix/accounts_company_sign_in.py) run without a
    provider; here the same routes with one."""
    user = org.actor(actor)
    if user is not None:
        login_session(client, user)
    start_answer = client.get("/login/oidc")
    callback_answer = client.get("/login/oidc/callback")
    if user is None:
        assert start_answer.status_code == 302
        assert start_answer.location.startswith(f"{provider.url}/oauth2/authorize?")
        assert callback_answer.status_code == 403
    else:
        assert (start_answer.status_code, start_answer.location) == (302, "/")
        assert (callback_answer.status_code, callback_answer.location) == (302, "/")


def test_a_subject_or_email_longer_than_the_columns_is_refused(client, provider, db):
    long_email = "a" * 250 + "@example.com"
    response = sign_in(client, provider, email=long_email, email_verified=True)
    assert response.status_code == 403
    refused = events("sign_in_refused")[0].changes
    assert refused["reason"] == "too_long" and len(refused["email"]) == 255


def test_sign_out_works_with_the_provider_down(
    app, client, provider, emma, monkeypatch
):
    from requests import ConnectionError as Unreachable

    sign_in(client, provider, email="emma@example.com", email_verified=True)
    client_app = client_of(app)

    def down():
        raise Unreachable("provider down")

    monkeypatch.setattr(client_app, "load_server_metadata", down)
    response = client.post("/logout")
    assert response.location == "/login"
    assert signed_in_as(client) is None
