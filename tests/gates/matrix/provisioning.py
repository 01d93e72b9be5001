"""Matrix rows for provisioning: ``/scim/v2`` and the admin page "Sign-in and
provisioning" (``/admin/sign-in``).

The matrix signs each actor in with a session cookie, and ``/scim/v2`` takes a SCIM
bearer token only: every actor, the admin included, gets 401 there (a SCIM error). The
other credentials — session API tokens and personal access tokens at ``/scim/v2``, a
SCIM token at ``/api/v1`` and on the pages — are refused in
``tests/scim/test_authentication.py``; a SCIM token's own rows are the conformance and
provisioning tests. The admin page and its token actions are the admin's alone.
"""

from tests.gates.matrix import ACTORS, only

S = "/scim/v2"
SCIM_ONLY = dict.fromkeys(ACTORS, 401)

ROWS = {
    ("GET", f"{S}/ServiceProviderConfig"): SCIM_ONLY,
    ("GET", f"{S}/ResourceTypes"): SCIM_ONLY,
    ("GET", f"{S}/ResourceTypes/<key>"): SCIM_ONLY,
    ("GET", f"{S}/Schemas"): SCIM_ONLY,
    ("GET", f"{S}/Schemas/<key>"): SCIM_ONLY,
    ("GET", f"{S}/Users"): SCIM_ONLY,
    ("POST", f"{S}/Users"): SCIM_ONLY,
    ("POST", f"{S}/Users/.search"): SCIM_ONLY,
    ("POST", f"{S}/.search"): SCIM_ONLY,
    ("GET", f"{S}/Users/<user_id>"): SCIM_ONLY,
    ("PUT", f"{S}/Users/<user_id>"): SCIM_ONLY,
    ("PATCH", f"{S}/Users/<user_id>"): SCIM_ONLY,
    ("DELETE", f"{S}/Users/<user_id>"): SCIM_ONLY,
    **{(m, f"{S}/"): SCIM_ONLY for m in ("GET", "POST", "PUT", "PATCH", "DELETE")},
    **{
        (m, f"{S}/<path:rest>"): SCIM_ONLY
        for m in ("GET", "POST", "PUT", "PATCH", "DELETE")
    },
    ("GET", "/admin/sign-in"): only(("admin",), 200),
    ("POST", "/admin/sign-in/scim-tokens"): only(("admin",), 422),
    ("POST", "/admin/sign-in/scim-tokens/<int:scim_token_id>/revoke"): only(
        ("admin",), 302
    ),
}


def scim_token_id(org) -> int:
    """A live SCIM token, made by the admin (once per test)."""
    import sqlalchemy as sa

    from core.extensions import db
    from scim.models import ScimToken
    from scim.tokens import create_token

    found = db.session.scalar(
        sa.select(ScimToken.id).where(ScimToken.revoked_at.is_(None)).limit(1)
    )
    if found is None:
        _, row = create_token(org.admin, "Matrix IdP")
        found = row.id
    return found
