"""Personal access tokens: named, read-only or read-write bearer tokens for
integrations, made and revoked by their owner on ``/account/tokens`` or through
``/api/v1/personal-tokens``.

Decisions:

- *Expiry is optional*, as the issue asks: a number of days (1–365) or a date within a
  year, or none ("never"). A token that never expires still dies with every credential
  of the account (``credential_version``: password change, sign-out everywhere,
  disabling, leaving) and when revoked; the list shows the last use so a forgotten one
  can be found and revoked.
- *Scope*: ``read`` answers 403 to every unsafe method, enforced in one place
  (``auth.session.enforce_token_scope``); ``write`` has the account's full rights. New
  tokens are ``read`` unless asked otherwise.
- *A token cannot make tokens*: listing, creating and revoking personal tokens needs the
  web session or a session token (``POST /api/v1/tokens``), so a leaked personal token
  cannot mint more of itself or hide its tracks.
- *Not while a password change is pending*: the one-time password makes no token.
- *At most* ``MAX_LIVE_TOKENS`` unrevoked, unexpired tokens per account.
- The secret is ``tpat_`` + 32 random bytes (URL-safe), stored as its SHA-256 only; it
  is returned once by ``issue_personal_token`` and never written to the audit trail,
  a flash message or a log.
"""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from auth.permissions import can_manage_personal_tokens, visible_personal_tokens
from auth.schemas import MAX_PERSONAL_TOKEN_DAYS
from auth.tokens import digest, new_secret
from core.audit import record_event
from core.db import utcnow
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from core.permissions import require
from people.enums import ApiTokenKind, TokenScope
from people.models import ApiToken

PREFIX = "tpat_"
MAX_LIVE_TOKENS = 50
MUST_CHANGE_PASSWORD = (
    "Choose a new password first: an account with a one-time password has no "
    "personal access tokens."
)


def get_personal_token(actor, token_id: int) -> ApiToken:
    """``actor``'s own personal token ``token_id``.

    :raises NotFound: no such token, or someone else's (the same answer).
    """
    row = db.session.scalar(
        visible_personal_tokens(actor).where(ApiToken.id == token_id)
    )
    if row is None:
        raise NotFound("No such personal access token.")
    return row


def _expiry(data: dict, now: datetime) -> datetime | None:
    days = data.get("expires_in_days")
    if days is not None:
        return now + timedelta(days=days)
    on = data.get("expires_on")
    if on is None:
        return None
    today = now.date()
    if not today < on <= today + timedelta(days=MAX_PERSONAL_TOKEN_DAYS):
        raise ValidationFailed(
            "The token was not created.",
            {"expires_on": "Choose a day after today and within a year."},
        )
    return datetime.combine(on, time.min, tzinfo=UTC)


def _live_count(actor, now: datetime) -> int:
    count = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ApiToken)
        .where(
            ApiToken.user_id == actor.id,
            ApiToken.kind == ApiTokenKind.personal,
            ApiToken.revoked_at.is_(None),
            sa.or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > now),
        )
    )
    return count or 0


def issue_personal_token(actor, data: dict, *, now=None) -> tuple[str, ApiToken]:
    """Make a personal access token for ``actor``; return ``(secret, row)`` — the
    secret exists only in this return value.

    :raises PermissionDenied: a password change is pending.
    :raises ValidationFailed: a bad expiry date, or too many live tokens.
    """
    require(can_manage_personal_tokens(actor), MUST_CHANGE_PASSWORD)
    now = now or utcnow()
    expires_at = _expiry(data, now)
    if _live_count(actor, now) >= MAX_LIVE_TOKENS:
        raise ValidationFailed(
            "The token was not created.",
            {"_form": f"You have {MAX_LIVE_TOKENS} live tokens: revoke one first."},
        )
    secret = new_secret(PREFIX)
    row = ApiToken(
        user_id=actor.id,
        token_hash=digest(secret),
        kind=ApiTokenKind.personal,
        name=data["name"],
        scope=data.get("scope") or TokenScope.read,
        created_at=now,
        expires_at=expires_at,
        session_version=actor.session_version,
        credential_version=actor.credential_version,
    )
    db.session.add(row)
    db.session.flush()
    record_event(
        actor,
        row,
        "issued",
        {
            "kind": row.kind,
            "name": row.name,
            "scope": row.scope,
            "expires_at": row.expires_at,
        },
        now=now,
    )
    return secret, row


def revoke_personal_token(actor, row: ApiToken, *, now=None) -> ApiToken:
    """Revoke ``actor``'s personal token ``row`` (again is harmless: no new event).

    :raises PermissionDenied: a password change is pending.
    """
    require(can_manage_personal_tokens(actor), MUST_CHANGE_PASSWORD)
    if row.user_id != actor.id or row.kind is not ApiTokenKind.personal:
        raise PermissionDenied("This is not your personal access token.")
    if row.revoked_at is None:
        row.revoked_at = now or utcnow()
        record_event(actor, row, "revoked", {"name": row.name}, now=row.revoked_at)
        db.session.flush()
    return row
