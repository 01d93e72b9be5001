"""Demo: the company's identity provider as a SCIM client, so the admin page "Sign-in
and provisioning" shows a token in use and what the provider asked lately.

The token is made through ``scim.tokens.create_token`` (its secret is thrown away:
nobody can use it); the request log rows are what a provider's nightly sync looks
like — a list, a search by userName, a change, and a create refused because the
person exists already.
"""

from datetime import timedelta

import sqlalchemy as sa

from core.db import utcnow
from core.extensions import db
from people.demo import DEMO_LOADERS, DemoOrg, demo_logins
from people.models import User
from scim.models import ScimRequest
from scim.tokens import create_token

REQUESTS = (
    # hours ago, method, path, status
    (26, "GET", "/scim/v2/Users?startIndex=1&count=100", 200),
    (26, "GET", '/scim/v2/Users?filter=userName eq "eva.haas@trellis.example"', 200),
    (25, "PATCH", "/scim/v2/Users/{id}", 200),
    (2, "GET", "/scim/v2/Users?startIndex=1&count=100", 200),
    (2, "POST", "/scim/v2/Users", 409),
)


def register_demo_loader() -> None:
    """Add the SCIM loader to ``people.demo.DEMO_LOADERS`` (idempotent)."""
    if load_provisioning not in DEMO_LOADERS:
        DEMO_LOADERS.append(load_provisioning)


def load_provisioning(org: DemoOrg, progress) -> None:
    now = utcnow()
    admin = db.session.scalar(
        sa.select(User).where(User.email == dict(demo_logins())["admin"])
    )
    _, token = create_token(
        admin, "Company identity provider", now=now - timedelta(days=30)
    )
    token.last_used_at = now - timedelta(hours=2)
    person = org.people[-1]
    for hours, method, path, status in REQUESTS:
        db.session.add(
            ScimRequest(
                at=now - timedelta(hours=hours),
                method=method,
                path=path.replace("{id}", str(person.id)),
                status=status,
                token_id=token.id,
            )
        )
    db.session.flush()
    progress("SCIM provisioning")
