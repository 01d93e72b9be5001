"""Bearer tokens for the API: random, stored as SHA-256, expiring, revocable."""

import hashlib
import secrets

import sqlalchemy as sa

from core.audit import record_event
from core.db import utcnow
from core.extensions import db
from people.models import ApiToken, User


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, lifetime, *, now=None) -> tuple[str, ApiToken]:
    """A new token for ``user`` (the secret is returned once and stored hashed)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        token_hash=_digest(token),
        created_at=now,
        expires_at=now + lifetime,
    )
    db.session.add(row)
    db.session.flush()
    record_event(user, row, "issued", {"expires_at": row.expires_at}, now=now)
    return token, row


def find_token(token: str, *, now=None) -> ApiToken | None:
    """The live token row for ``token`` with its user loaded, or None."""
    now = now or utcnow()
    return db.session.scalar(
        sa.select(ApiToken)
        .join(ApiToken.user)
        .options(sa.orm.contains_eager(ApiToken.user))
        .where(
            ApiToken.token_hash == _digest(token),
            ApiToken.revoked_at.is_(None),
            ApiToken.expires_at > now,
            User.is_enabled.is_(True),
        )
    )


def revoke_token(row: ApiToken, *, now=None) -> None:
    """Revoke ``row`` (its owner signs the token out)."""
    row.revoked_at = now or utcnow()
    owner = db.session.get(User, row.user_id)  # loaded already: no query
    record_event(owner, row, "revoked", now=row.revoked_at)
    db.session.flush()
