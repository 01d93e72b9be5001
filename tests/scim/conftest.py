"""SCIM fixtures: a SCIM token's headers, and a User payload builder."""

import pytest

from core.extensions import db as _db
from scim.tokens import create_token

MEDIA = "application/scim+json"
CORE = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


def scim_headers(actor=None, name: str = "Okta") -> dict:
    secret, _ = create_token(actor, name)
    _db.session.commit()
    return {"Authorization": f"Bearer {secret}", "Content-Type": MEDIA}


@pytest.fixture
def scim(db):
    """Headers with a new SCIM token (made from the command line: no creator)."""
    return scim_headers()


def user_payload(email: str, **extra) -> dict:
    enterprise = {
        k: extra.pop(k)
        for k in ("employeeNumber", "department", "manager")
        if k in extra
    }
    payload = {"schemas": [CORE], "userName": email, "active": True, **extra}
    if enterprise:
        payload["schemas"].append(ENTERPRISE)
        payload[ENTERPRISE] = enterprise
    return payload


def patch_ops(*operations) -> dict:
    return {"schemas": [PATCH], "Operations": list(operations)}
