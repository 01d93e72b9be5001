"""Bearer tokens for the API: random, stored as SHA-256, revocable, and bound to the
account's versions.

Two kinds share the ``api_tokens`` table and this lookup:

- a *session token* (``POST /api/v1/tokens``) expires after ``API_TOKEN_LIFETIME`` and
  remembers the account's ``session_version`` at issue: any sign-out, sign-out
  everywhere, password change or disabling bumps it and the token stops matching;
- a *personal access token* (``auth.personal_tokens``) remembers the account's
  ``credential_version``, which moves with everything above except a plain sign-out:
  an integration outlives its owner's sign-out, never a password change, sign-out
  everywhere, disabling or leaving.

The lookup also applies the per-account check of ``auth.permissions`` (enabled, person
still active, no password change pending). All of it is one SELECT joined to the user
(an OR on the kind), built once with the digest and the time as bind parameters: the
lookup runs on every API request, so no request pays for building it. A personal token's
``last_used_at`` is read by that SELECT and written by ``note_use`` at most once per
``LAST_USE_PRECISION`` per token — a conditional UPDATE, so the hot path writes nothing
and concurrent workers write once.
"""

import functools
import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from auth.permissions import account_may_use_api, can_get_api_token
from core.audit import record_event
from core.db import utcnow
from core.errors import PermissionDenied
from core.extensions import db
from people.enums import ApiTokenKind
from people.models import ApiToken, User

MUST_CHANGE_PASSWORD = (
    "This account must change its password first: sign in on the web, choose a new "
    "password, then ask for a token again."
)
LAST_USE_PRECISION = timedelta(minutes=5)


def digest(token: str) -> str:
    """The stored form of a token: its SHA-256, hex (tokens are high-entropy)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret(prefix: str = "") -> str:
    """A fresh random token (32 bytes), with ``prefix`` so scanners can spot it."""
    return prefix + secrets.token_urlsafe(32)


def issue_token(user: User, lifetime, *, now=None) -> tuple[str, ApiToken]:
    """A new session token for ``user`` (the secret is returned once, stored hashed).

    :raises PermissionDenied: the account must change its password first.
    """
    if not can_get_api_token(user):
        raise PermissionDenied(MUST_CHANGE_PASSWORD)
    now = now or utcnow()
    token = new_secret()
    row = ApiToken(
        user_id=user.id,
        token_hash=digest(token),
        created_at=now,
        expires_at=now + lifetime,
        session_version=user.session_version,
        credential_version=user.credential_version,
        kind=ApiTokenKind.session,
    )
    db.session.add(row)
    db.session.flush()
    record_event(user, row, "issued", {"expires_at": row.expires_at}, now=now)
    return token, row


def find_token(token: str, *, now=None) -> ApiToken | None:
    """The live token row for ``token`` with its user loaded, or None."""
    params = {"digest": digest(token), "now": now or utcnow()}
    return db.session.scalar(_live_token_select(), params)


@functools.cache
def _live_token_select() -> sa.Select:
    """The one statement of ``find_token``, built on first use (the mappers are
    configured by then) and reused: the digest and ``now`` are bind parameters, so no
    request builds it again or computes its cache key (SQLAlchemy memoizes that on the
    statement object)."""
    return (
        sa.select(ApiToken)
        .join(ApiToken.user)
        .options(sa.orm.contains_eager(ApiToken.user))
        .where(
            ApiToken.token_hash == sa.bindparam("digest"),
            ApiToken.revoked_at.is_(None),
            sa.or_(
                ApiToken.expires_at.is_(None),
                ApiToken.expires_at > sa.bindparam("now"),
            ),
            sa.or_(
                sa.and_(
                    ApiToken.kind == ApiTokenKind.session,
                    ApiToken.session_version == User.session_version,
                ),
                sa.and_(
                    ApiToken.kind == ApiTokenKind.personal,
                    ApiToken.credential_version == User.credential_version,
                ),
            ),
            account_may_use_api(),
        )
    )


def note_use(row: ApiToken, *, now=None) -> bool:
    """Record that personal token ``row`` was used, unless it was within the last
    ``LAST_USE_PRECISION``; True if a row was written (the caller commits)."""
    now = now or utcnow()
    if row.kind is not ApiTokenKind.personal:
        return False
    since = now - LAST_USE_PRECISION
    if row.last_used_at is not None and row.last_used_at > since:
        return False  # the common case: no statement at all
    result = db.session.execute(
        sa.update(ApiToken)
        .where(
            ApiToken.id == row.id,
            sa.or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at <= since),
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(row, "last_used_at", now)  # known, not a pending change
    return bool(getattr(result, "rowcount", 0))


def revoke_token(row: ApiToken, *, now=None) -> None:
    """Revoke ``row`` (its owner signs the token out)."""
    row.revoked_at = now or utcnow()
    owner = db.session.get(User, row.user_id)  # loaded already: no query
    record_event(owner, row, "revoked", now=row.revoked_at)
    db.session.flush()
