"""Single-use emailed links, the one mechanism behind invitations and password resets.

A link is a random 32-byte ``token_urlsafe`` sent by email; the database keeps only its
SHA-256 (``AccountLink.token_hash``), so a copy of the database opens nothing. The token
is looked up by its hash (an index lookup: no secret is compared in Python). A link is
used at most once: ``claim`` marks it used with one conditional UPDATE (``used_at IS
NULL AND revoked_at IS NULL``), so two requests racing with the same link cannot both
win. Why a link was refused (unknown, used, revoked, expired) is told plainly: the
token's holder learns nothing about other accounts from it.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
import sqlalchemy.orm

from auth.passwords import password_problems
from core.audit import record_event
from core.db import utcnow
from core.errors import InvalidTransition, ValidationFailed
from core.extensions import db
from people.enums import LinkPurpose
from people.models import AccountLink

UNKNOWN = (
    "This link is not valid. Check that you copied all of it, or ask for a new one."
)
USED = "This link has been used already. Each link works once."
REVOKED = "This link was withdrawn. A newer one may be in your mailbox."
EXPIRED = "This link has expired. Ask for a new one."


@dataclass
class LinkCheck:
    """The link a token names (None if unknown) and why it is refused ("" if not)."""

    link: AccountLink | None
    problem: str = ""
    reason: str = ""  # a short word for the audit trail: used, revoked, expired, …

    @property
    def ok(self) -> bool:
        return self.link is not None and not self.problem


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_link(
    purpose: LinkPurpose,
    *,
    email: str,
    lifetime: timedelta,
    employee_id: int | None = None,
    user_id: int | None = None,
    actor=None,
    token: str | None = None,
    now: datetime | None = None,
) -> tuple[str, AccountLink]:
    """A new link row (flushed) and its token (``token``, or a new random one),
    which is never stored."""
    now = now or utcnow()
    token = token or new_token()
    link = AccountLink(
        purpose=purpose,
        email=email,
        employee_id=employee_id,
        user_id=user_id,
        token_hash=digest(token),
        created_at=now,
        created_by_id=getattr(actor, "id", None),
        expires_at=now + lifetime,
    )
    db.session.add(link)
    db.session.flush()
    return token, link


def check_link(token: str, purpose: LinkPurpose, more=None, *, now=None) -> LinkCheck:
    """The link ``token`` names for ``purpose``, with the reason it is refused;
    ``more(link)`` adds the purpose's own refusal, ``(message, reason)`` or None, for a
    link that is otherwise good (the person left, the account is disabled …)."""
    now = now or utcnow()
    if not token or len(token) > 128:
        return LinkCheck(None, UNKNOWN, "unknown")
    link = db.session.scalar(
        sa.select(AccountLink).where(
            AccountLink.token_hash == digest(token), AccountLink.purpose == purpose
        )
    )
    if link is None:
        return LinkCheck(None, UNKNOWN, "unknown")
    if link.used_at is not None:
        return LinkCheck(link, USED, "used")
    if link.revoked_at is not None:
        return LinkCheck(link, REVOKED, "revoked")
    if link.expires_at <= now:
        return LinkCheck(link, EXPIRED, "expired")
    refusal = more(link) if more else None
    return LinkCheck(link, *refusal) if refusal else LinkCheck(link)


def usable(found: LinkCheck) -> AccountLink:
    """The link of a check that found nothing wrong.

    :raises InvalidTransition: the link is refused (its reason as the message).
    """
    if found.link is None or found.problem:
        raise InvalidTransition(found.problem or UNKNOWN)
    return found.link


def redeem(found: LinkCheck, password: str, refusal: str, *, now) -> AccountLink:
    """Use up the link of ``found`` for a new ``password`` (an invitation's first, a
    reset's next): the link must be usable and the password meet the policy.

    :raises InvalidTransition: the link is refused. :raises ValidationFailed: the
        password breaks the policy (``refusal`` is the form's message).
    """
    link = usable(found)
    problems = password_problems(password)
    if problems:
        raise ValidationFailed(refusal, {"password": problems[0]})
    claim(link, now=now)
    return link


def claim(link: AccountLink, *, now=None) -> None:
    """Mark ``link`` used, unless someone did first or it was revoked meanwhile.

    :raises InvalidTransition: the link was used (or revoked) by then.
    """
    now = now or utcnow()
    result = db.session.execute(
        sa.update(AccountLink)
        .where(
            AccountLink.id == link.id,
            AccountLink.used_at.is_(None),
            AccountLink.revoked_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise InvalidTransition(USED)
    sa.orm.attributes.set_committed_value(link, "used_at", now)


def revoke_pending(where, *, now=None) -> list[AccountLink]:
    """Revoke every unused, unrevoked link matching the SQL condition ``where``."""
    now = now or utcnow()
    links = list(
        db.session.scalars(
            sa.select(AccountLink).where(
                where, AccountLink.used_at.is_(None), AccountLink.revoked_at.is_(None)
            )
        )
    )
    for link in links:
        link.revoked_at = now
    db.session.flush()
    return links


def record_refusal(found: LinkCheck, *, now=None) -> None:
    """Audit that a known link was refused (an unknown token names no row)."""
    if found.link is not None:
        record_event(None, found.link, "refused", {"reason": found.reason}, now=now)
        db.session.flush()
