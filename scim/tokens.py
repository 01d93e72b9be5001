"""SCIM bearer tokens: random, shown once, stored as SHA-256, revocable, audited.

They live in their own table (``scim_tokens``), so the API's bearer loader, which reads
``api_tokens`` only, never accepts one, and ``/scim/v2`` accepts nothing else.
"""

import hmac

import sqlalchemy as sa

from auth.tokens import digest, new_secret
from core.audit import record_event
from core.db import utcnow
from core.errors import Conflict
from core.extensions import db
from core.permissions import require
from scim.models import ScimToken
from scim.permissions import can_manage_scim

PREFIX = "trscim_"  # secret scanners can spot a leaked token
NAME_LENGTH = ScimToken.name.type.length


def create_token(actor, name: str, *, now=None) -> tuple[str, ScimToken]:
    """Make a SCIM token called ``name``: the secret (shown once) and its row.
    ``actor`` None is the command line (``flask scim create-token``)."""
    if actor is not None:
        require(can_manage_scim(actor))
    secret = new_secret(PREFIX)
    row = ScimToken(
        name=name.strip()[:NAME_LENGTH],
        token_hash=digest(secret),
        created_by_id=getattr(actor, "id", None),
        created_at=now or utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    record_event(actor, row, "created", {"name": row.name}, now=now)
    return secret, row


def revoke_token(actor, row: ScimToken, *, now=None) -> ScimToken:
    """Revoke ``row`` for good.

    :raises Conflict: it is revoked already."""
    require(can_manage_scim(actor))
    if row.revoked_at is not None:
        raise Conflict("This token is revoked already.")
    row.revoked_at = now or utcnow()
    db.session.flush()
    record_event(actor, row, "revoked", {"name": row.name}, now=now)
    return row


def find_token(secret: str) -> ScimToken | None:
    """The live token whose secret is ``secret``, or None."""
    if not secret:
        return None
    hashed = digest(secret)
    row = db.session.scalar(
        sa.select(ScimToken).where(
            ScimToken.token_hash == hashed, ScimToken.revoked_at.is_(None)
        )
    )
    # The lookup is by hash (an index); compare again in constant time all the same.
    if row is None or not hmac.compare_digest(row.token_hash, hashed):
        return None
    return row


def note_use(row: ScimToken, *, now=None) -> None:
    """Remember when the token was last used (shown on the admin page)."""
    row.last_used_at = now or utcnow()
