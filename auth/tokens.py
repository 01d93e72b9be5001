"""Bearer tokens for the API: random, stored as SHA-256, expiring, revocable, and bound
to the session version of their account.

A token remembers the account's ``session_version`` at issue. Signing out, signing out
everywhere, a password change and disabling the account (also when its person leaves)
bump the account's version, so every token issued before stops matching; the lookup
also applies the per-account check of ``auth.permissions`` (enabled, person still
active, no password change pending). All of it is one SELECT joined to the user: the
lookup runs on every API request.
"""

import hashlib
import secrets

import sqlalchemy as sa

from auth.permissions import account_may_use_api, can_get_api_token
from core.audit import record_event
from core.db import utcnow
from core.errors import PermissionDenied
from core.extensions import db
from people.models import ApiToken, User

MUST_CHANGE_PASSWORD = (
    "This account must change its password first: sign in on the web, choose a new "
    "password, then ask for a token again."
)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: User, lifetime, *, now=None) -> tuple[str, ApiToken]:
    """A new token for ``user`` (the secret is returned once and stored hashed).

    :raises PermissionDenied: the account must change its password first.
    """
    if not can_get_api_token(user):
        raise PermissionDenied(MUST_CHANGE_PASSWORD)
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        token_hash=_digest(token),
        created_at=now,
        expires_at=now + lifetime,
        session_version=user.session_version,
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
            ApiToken.session_version == User.session_version,
            account_may_use_api(),
        )
    )


def revoke_token(row: ApiToken, *, now=None) -> None:
    """Revoke ``row`` (its owner signs the token out)."""
    row.revoked_at = now or utcnow()
    owner = db.session.get(User, row.user_id)  # loaded already: no query
    record_event(owner, row, "revoked", now=row.revoked_at)
    db.session.flush()
