"""The admin page "Sign-in and provisioning", its SCIM tokens, and the command line's
``flask scim create-token``."""

import re

import pytest
import sqlalchemy as sa

from auth.tokens import digest
from core.audit import AuditEvent
from core.extensions import db
from scim.models import ScimRequest, ScimToken

PAGE = "/admin/sign-in"


def _secret(html: str) -> str:
    return re.search(r'id="new-token"[^>]*value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("actor", ["employee", "manager", "hr"])
def test_only_admins_see_the_page(client, org, login_as, actor):
    assert login_as(org.actor(actor)).get(PAGE).status_code == 403


def test_the_page_shows_the_configuration_but_never_the_client_secret(
    app, client, org, login_as, monkeypatch
):
    settings = {
        "OIDC_ISSUER": "https://id.example.com",
        "OIDC_CLIENT_ID": "trellis-client",
        "OIDC_CLIENT_SECRET": "s3cret-value-never-shown",
        "OIDC_NAME": "Example ID",
        "PASSWORD_LOGIN": "admins",
    }
    for key, value in settings.items():
        monkeypatch.setitem(app.config, key, value)
    html = login_as(org.admin).get(PAGE).get_data(as_text=True)
    assert "https://id.example.com" in html and "trellis-client" in html
    assert "Sign in with Example ID" in html and "admins only" in html
    assert "s3cret-value-never-shown" not in html
    assert "/scim/v2" in html


def test_a_token_is_shown_once_stored_hashed_and_audited(client, org, login_as):
    admin = login_as(org.admin)
    response = admin.post(f"{PAGE}/scim-tokens", data={"name": "Okta"})
    assert response.status_code == 200
    secret = _secret(response.get_data(as_text=True))
    assert secret.startswith("trscim_")
    row = db.session.scalar(sa.select(ScimToken))
    assert row.token_hash == digest(secret) and row.created_by_id == org.admin.id
    assert secret not in admin.get(PAGE).get_data(as_text=True)
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.object_type == "ScimToken")
    )
    assert event.action == "created" and secret not in str(event.changes)
    assert (
        client.get(
            "/scim/v2/Users", headers={"Authorization": f"Bearer {secret}"}
        ).status_code
        == 200
    )


def test_a_token_is_revoked_and_audited(client, org, login_as):
    admin = login_as(org.admin)
    secret = _secret(
        admin.post(f"{PAGE}/scim-tokens", data={"name": "Okta"}).get_data(as_text=True)
    )
    row = db.session.scalar(sa.select(ScimToken))
    response = admin.post(f"{PAGE}/scim-tokens/{row.id}/revoke")
    assert response.status_code == 302
    assert db.session.get(ScimToken, row.id).revoked_at is not None
    actions = db.session.scalars(
        sa.select(AuditEvent.action)
        .where(AuditEvent.object_type == "ScimToken")
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["created", "revoked"]
    assert admin.post(f"{PAGE}/scim-tokens/{row.id}/revoke").status_code == 409
    assert (
        client.get(
            "/scim/v2/Users", headers={"Authorization": f"Bearer {secret}"}
        ).status_code
        == 401
    )


@pytest.mark.parametrize("form", [{}, {"name": ""}, {"name": "n" * 101}])
def test_a_bad_form_makes_no_token(client, org, login_as, form):
    response = login_as(org.admin).post(f"{PAGE}/scim-tokens", data=form)
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(ScimToken.id))) == 0


def test_fields_the_form_does_not_offer_are_ignored(client, org, login_as):
    """Mass assignment: an HTML form reads its schema's fields only (core.forms)."""
    forged = {
        "name": "Okta",
        "created_by_id": str(org.hr.id),
        "token_hash": "forged",
        "revoked_at": "2020-01-01",
        "last_used_at": "2020-01-01",
        "id": "999",
    }
    response = login_as(org.admin).post(f"{PAGE}/scim-tokens", data=forged)
    secret = _secret(response.get_data(as_text=True))
    row = db.session.scalar(sa.select(ScimToken))
    assert (row.name, row.created_by_id, row.token_hash) == (
        "Okta",
        org.admin.id,
        digest(secret),
    )
    assert row.revoked_at is None and row.last_used_at is None and row.id != 999


def test_the_page_lists_the_last_fifty_requests(client, org, login_as, scim):
    for _ in range(55):
        client.get("/scim/v2/Schemas", headers=scim)
    client.get("/scim/v2/Users", headers={"Authorization": "Bearer nope"})
    html = login_as(org.admin).get(PAGE).get_data(as_text=True)
    assert "The last 50 SCIM requests" in html
    assert "GET /scim/v2/Users" in html and "401 (refused)" in html
    assert db.session.scalar(sa.select(sa.func.count(ScimRequest.id))) == 56


def test_the_command_line_prints_a_token_once(runner):
    result = runner.invoke(args=["scim", "create-token", "Entra ID"])
    assert result.exit_code == 0, result.output
    secret = result.output.strip().splitlines()[-1]
    row = db.session.scalar(sa.select(ScimToken))
    assert row.name == "Entra ID" and row.token_hash == digest(secret)
    assert row.created_by_id is None
