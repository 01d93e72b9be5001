"""Only a SCIM token opens /scim/v2, and a SCIM token opens nothing else.

The session cookie (even the admin's), a session API token and a personal access token
are all 401 at /scim/v2; a SCIM token is 401 at /api/v1 (the API's loader looks in
``api_tokens`` only) and is no sign-in on the pages. A revoked token is refused at its
next request. /scim/v2 is a bearer-token API: no CSRF token is asked for, and a session
cookie past its limits there is not sent to the sign-in page.
"""

from datetime import timedelta

import pytest

from core.db import utcnow
from core.extensions import db
from scim.jobs import purge_request_log
from scim.models import ScimRequest, ScimToken
from tests.conftest import bearer, personal_bearer, sign_in
from tests.scim.conftest import scim_headers, user_payload

U = "/scim/v2/Users"


def test_a_scim_token_opens_scim(client, scim):
    response = client.get(U, headers=scim)
    assert response.status_code == 200
    assert response.mimetype == "application/scim+json"
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "credential",
    [
        "none",
        "wrong",
        "admin_cookie",
        "admin_api_token",
        "admin_personal_token",
        "basic",
    ],
)
def test_nothing_but_a_scim_token_opens_scim(client, org, credential):
    headers = {}
    if credential == "wrong":
        headers = {"Authorization": "Bearer trscim_not-a-real-token"}
    elif credential == "admin_cookie":
        sign_in(client, org.admin)
    elif credential == "admin_api_token":
        headers = bearer(org.admin)
    elif credential == "admin_personal_token":
        headers = personal_bearer(org.admin, "write")
    elif credential == "basic":
        headers = {"Authorization": "Basic YWRtaW46cGFzc3dvcmQ="}
    for method, url in (("GET", U), ("POST", U), ("GET", "/scim/v2/Schemas")):
        response = client.open(
            url, method=method, headers=headers, json=user_payload("a@b.c")
        )
        assert response.status_code == 401, (credential, url)
        assert response.get_json()["status"] == "401"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/people"),
        ("POST", "/api/v1/departments"),
        ("GET", "/api/v1/personal-tokens"),
    ],
)
def test_a_scim_token_opens_no_api(client, org, scim, method, url):
    response = client.open(url, method=method, headers=scim, json={})
    assert response.status_code == 401


@pytest.mark.parametrize("url", ["/", "/people", "/admin/sign-in", "/admin/accounts"])
def test_a_scim_token_is_no_sign_in_on_the_pages(client, org, scim, url):
    response = client.get(url, headers=scim)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_api_token_lookup_never_finds_a_scim_token(app, db, scim):
    from auth.tokens import find_token

    secret = scim["Authorization"].split(" ", 1)[1]
    assert find_token(secret) is None


def test_a_revoked_token_is_refused_at_once(client, org, scim):
    from scim.tokens import revoke_token

    assert client.get(U, headers=scim).status_code == 200
    row = db.session.query(ScimToken).one()
    revoke_token(org.admin, row)
    db.session.commit()
    assert client.get(U, headers=scim).status_code == 401


def test_no_csrf_token_is_asked_for(app, client, scim, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post(U, json=user_payload("csrf@example.com"), headers=scim)
    assert response.status_code == 201, response.get_json()


def test_an_expired_session_cookie_does_not_redirect_scim(app, client, org, scim):
    sign_in(client, org.admin)
    with client.session_transaction() as session:
        session["seen_at"] = (utcnow() - timedelta(days=1)).isoformat()
    response = client.get(U, headers=scim)
    assert response.status_code == 200


def test_each_request_is_logged_without_its_body(client, scim):
    client.post(
        U, json=user_payload("log@example.com", displayName="Secret Name"), headers=scim
    )
    client.get(U, headers={"Authorization": "Bearer nope"})
    rows = db.session.query(ScimRequest).order_by(ScimRequest.id).all()
    assert [(r.method, r.path, r.status) for r in rows] == [
        ("POST", U, 201),
        ("GET", U, 401),
    ]
    token = db.session.query(ScimToken).one()
    assert rows[0].token_id == token.id and rows[1].token_id is None
    assert token.last_used_at is not None


def test_a_second_token_works_alongside(client, scim):
    other = scim_headers(name="Entra")
    assert client.get(U, headers=other).status_code == 200
    assert client.get(U, headers=scim).status_code == 200


def test_the_log_keeps_ninety_days(db):
    old = ScimRequest(
        at=utcnow() - timedelta(days=91), method="GET", path=U, status=200
    )
    recent = ScimRequest(
        at=utcnow() - timedelta(days=89), method="GET", path=U, status=200
    )
    db.session.add_all([old, recent])
    db.session.commit()
    old_id, recent_id = old.id, recent.id
    assert purge_request_log(utcnow()) == 1
    assert purge_request_log(utcnow()) == 0  # a rerun finds nothing
    db.session.commit()
    assert db.session.get(ScimRequest, old_id) is None
    assert db.session.get(ScimRequest, recent_id) is not None
