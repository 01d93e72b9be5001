"""Company sign-in: the provider's answer is checked before anyone is signed in.

A tampered token, a replayed or foreign state and a cancelled sign-in go through the
real provider process. The ID-token checks a well-behaved provider never trips (another
signing key, a wrong nonce, audience or issuer, an expired token) are driven with
tokens signed by a key the test controls, handed to the real callback in place of the
token response; the first test shows the harness signs in when every claim is right.
"""

import base64
import json
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey

from core.config import TestConfig
from tests.auth.oidc_provider import (
    CLIENT_ID,
    SUB,
    Provider,
    client_of,
    free_port,
    fresh_app,
    oidc_config,
    path_of,
    refusal_reasons,
    signed_in_as,
    start,
)


@pytest.fixture(scope="module")
def app(oidc_app):
    """This module's tests run on the app with company sign-in configured."""
    return oidc_app


# --- the provider's answer, checked ---------------------------------------------------


def test_a_tampered_id_token_from_the_provider_is_refused(
    app, client, provider, emma, monkeypatch
):
    provider.set_user("subject-mallory", email="mallory@example.com")
    real = client_of(app).fetch_access_token

    def tampered(**kwargs):
        token = real(**kwargs)
        header, payload, signature = token["id_token"].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
        claims.update(email="emma@example.com", email_verified=True)
        token["id_token"] = ".".join((header, _b64(claims), signature))
        return token

    monkeypatch.setattr(client_of(app), "fetch_access_token", tampered)
    response = client.get(path_of(provider.authorize(start(client), "subject-mallory")))
    assert response.status_code == 403
    assert "could not be verified" in response.get_data(as_text=True)
    assert signed_in_as(client) is None and emma.oidc_subject is None
    assert refusal_reasons() == ["invalid_id_token"]


def test_a_replayed_state_is_refused(client, provider, emma):
    provider.set_user(SUB, email="emma@example.com", email_verified=True)
    callback = path_of(provider.authorize(start(client), SUB))
    assert client.get(callback).status_code == 302
    client.post("/logout")
    response = client.get(callback)  # the same answer again: its state is used up
    assert response.status_code == 403
    assert "completed already" in response.get_data(as_text=True)
    assert signed_in_as(client) is None
    assert refusal_reasons() == []  # logged only: see auth.oidc_views


def test_a_callback_replayed_with_an_old_cookie_is_refused(app, client, provider, emma):
    provider.set_user(SUB, email="emma@example.com", email_verified=True)
    callback = path_of(provider.authorize(start(client), SUB))
    cookie = client.get_cookie("session").value  # holds the state, before its use
    assert client.get(callback).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    response = thief.get(callback)  # the provider refuses its code a second time
    assert response.status_code == 403
    assert signed_in_as(thief) is None


def test_a_state_from_another_browser_is_refused(app, client, provider, emma):
    provider.set_user(SUB, email="emma@example.com", email_verified=True)
    callback = path_of(provider.authorize(start(client), SUB))
    victim = app.test_client()
    response = victim.get(callback)  # login CSRF: someone else's answer
    assert response.status_code == 403
    assert signed_in_as(victim) is None
    assert refusal_reasons() == []  # logged only: see auth.oidc_views


def test_a_cancelled_sign_in_at_the_provider_is_refused(client, provider, emma):
    state = parse_qs(urlsplit(start(client)).query)["state"][0]
    response = client.get(
        "/login/oidc/callback", query_string={"error": "access_denied", "state": state}
    )
    assert response.status_code == 403
    assert "did not sign you in (access_denied)" in response.get_data(as_text=True)
    assert refusal_reasons() == ["provider_error"]


# Tokens the test signs: the provider's key set is replaced by ``KEY``'s for the test.
KEY = RSAKey.generate_key(2048, parameters={"kid": "test-key"})
OTHER_KEY = RSAKey.generate_key(2048, parameters={"kid": "test-key"})


def _b64(claims: dict) -> str:
    raw = json.dumps(claims).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def crafted_callback(app, client, provider, monkeypatch, *, key=KEY, **changes):
    """Start a real sign-in, then answer the callback with an ID token signed by
    ``key`` (claims right unless ``changes`` say otherwise)."""
    query = parse_qs(urlsplit(start(client)).query)
    client_app = client_of(app)
    client_app.load_server_metadata()
    monkeypatch.setitem(
        client_app.server_metadata, "jwks", {"keys": [KEY.as_dict(private=False)]}
    )
    now = int(time.time())
    claims = {
        "iss": provider.url,
        "aud": CLIENT_ID,
        "sub": SUB,
        "iat": now,
        "exp": now + 300,
        "nonce": query["nonce"][0],
        "email": "emma@example.com",
        "email_verified": True,
        **changes,
    }
    claims = {k: v for k, v in claims.items() if v is not None}
    id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, key)
    answer = {"access_token": "at", "token_type": "Bearer", "id_token": id_token}
    monkeypatch.setattr(client_app, "fetch_access_token", lambda **kw: dict(answer))
    return client.get(
        "/login/oidc/callback",
        query_string={"code": "any", "state": query["state"][0]},
    )


def test_a_well_formed_crafted_token_signs_in(app, client, provider, emma, monkeypatch):
    """The harness itself: with every claim right the callback signs in, so each
    refusal below is the one claim it changes."""
    response = crafted_callback(app, client, provider, monkeypatch)
    assert response.status_code == 302
    assert signed_in_as(client) == emma.get_id()


@pytest.mark.parametrize(
    ("case", "changes"),
    [
        ("signed with another key", {"key": OTHER_KEY}),
        ("wrong nonce", {"nonce": "not-the-nonce"}),
        ("no nonce", {"nonce": None}),
        ("expired", {"exp": int(time.time()) - 3600, "iat": int(time.time()) - 7200}),
        ("another audience", {"aud": "another-client"}),
        # Authlib's azp rule alone lets this through; our audience check does not.
        ("another audience, our azp", {"aud": "another-client", "azp": CLIENT_ID}),
        ("another issuer", {"iss": "https://evil.example"}),
        ("no subject", {"sub": None}),
    ],
)
def test_a_crafted_id_token_is_refused(
    app, client, provider, emma, monkeypatch, case, changes
):
    response = crafted_callback(app, client, provider, monkeypatch, **changes)
    assert response.status_code == 403, case
    assert "could not be verified" in response.get_data(as_text=True)
    assert signed_in_as(client) is None
    assert emma.oidc_subject is None
    assert refusal_reasons() == ["invalid_id_token"]


def test_an_answer_without_an_id_token_is_refused(
    app, client, provider, emma, monkeypatch
):
    query = parse_qs(urlsplit(start(client)).query)
    answer = {"access_token": "at", "token_type": "Bearer"}
    monkeypatch.setattr(client_of(app), "fetch_access_token", lambda **kw: answer)
    response = client.get(
        "/login/oidc/callback", query_string={"code": "x", "state": query["state"][0]}
    )
    assert response.status_code == 403
    assert signed_in_as(client) is None


def test_the_flow_uses_pkce_and_a_nonce(client, provider, db):
    query = parse_qs(urlsplit(start(client)).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"][0] and query["nonce"][0] and query["state"][0]
    assert query["scope"] == ["openid email profile"]
    assert query["redirect_uri"] == ["http://127.0.0.1:5000/login/oidc/callback"]


def test_an_unreachable_provider_is_a_clear_page_not_a_500(db):

    nowhere = Provider(f"http://127.0.0.1:{free_port()}")
    app = fresh_app(oidc_config(TestConfig, nowhere))
    response = app.test_client().get("/login/oidc")
    assert response.status_code == 502
    assert "could not be reached" in response.get_data(as_text=True)
