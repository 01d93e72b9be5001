"""Password reset by emailed link ("Forgot your password?").

The request always gets the same answer, whether or not the address has an account, and
does the same kind of work both ways: it records the request (the rate limits count
every request, for unknown addresses too), looks the account up, makes a token and
renders the email; only a live account's link and email are then stored. An account
that is disabled, or whose person has left, gets no link.

Limits, counted in ``password_reset_requests`` over the last hour: ``PER_ADDRESS`` (3)
requests per email address and ``PER_CLIENT`` (10) per client address. Past either, the
request is recorded and nothing is sent (the answer is still the same). A link lasts
``RESET_LIFETIME`` (30 minutes), works once, and a newer link revokes the older ones.
Setting the new password goes through ``auth.services.set_password``, which ends every
session and API token (``end_sessions``); the email's failed sign-in attempts are
cleared, so a locked-out person can sign in with the new password at once. The person
is not signed in by the reset: they sign in with the new password (and any second
factor), so the link alone never opens a session.
"""

from datetime import timedelta

import sqlalchemy as sa
from flask import render_template

from auth.links import (
    LinkCheck,
    check_link,
    new_link,
    new_token,
    redeem,
    revoke_pending,
)
from auth.permissions import account_is_live
from auth.services import normalise_email, set_password
from core.audit import record_event
from core.db import utcnow
from core.extensions import db
from core.urls import external_url
from notifications.mail import send_account_email
from people.enums import LinkPurpose
from people.models import AccountLink, LoginAttempt, ResetRequest, User

RESET_LIFETIME = timedelta(minutes=30)
WINDOW = timedelta(hours=1)
PER_ADDRESS = 3
PER_CLIENT = 10
NOT_CHANGED = "The password was not changed."
NOT_LIVE = "This account cannot be signed in to. Ask an administrator."
TEMPLATE = "password_reset"


def _resets_of(user: User):
    return sa.and_(
        AccountLink.purpose == LinkPurpose.reset,
        AccountLink.user_id == user.id,
    )


def _count(column, value, since) -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(ResetRequest)
            .where(column == value, ResetRequest.requested_at > since)
        )
        or 0
    )


def request_reset(email: str, client: str, *, now=None) -> str | None:
    """Record a reset request; email a link if the account is live and no limit is
    reached. Returns the link's token if one was sent (tests use it; the page says the
    same either way and never shows it)."""
    now = now or utcnow()
    email = normalise_email(email)[:254]
    client = (client or "unknown")[:64]
    db.session.add(ResetRequest(email=email, client=client, requested_at=now))
    db.session.flush()
    since = now - WINDOW
    within = (
        _count(ResetRequest.email, email, since) <= PER_ADDRESS
        and _count(ResetRequest.client, client, since) <= PER_CLIENT
    )
    row = db.session.execute(
        sa.select(User, account_is_live().label("live")).where(User.email == email)
    ).first()
    user, live = row if row is not None else (None, False)
    # The same work for every address: a token, and the email rendered.
    token, url = _token_and_url()
    context = {"email": email, "url": url, "minutes": _minutes()}
    render_template(f"notifications/email/account/{TEMPLATE}.txt", **context)
    if user is None or not live or not within:
        return None
    revoke_pending(_resets_of(user), now=now)
    _store(token, user, now)
    send_account_email(user.email, TEMPLATE, context, now=now)
    return token


def _minutes() -> int:
    return int(RESET_LIFETIME.total_seconds() // 60)


def _token_and_url() -> tuple[str, str]:
    token = new_token()
    return token, external_url("auth.reset_password", reset_token=token)


def _store(token: str, user: User, now) -> AccountLink:
    _, link = new_link(
        LinkPurpose.reset,
        email=user.email,
        user_id=user.id,
        employee_id=user.employee_id,
        lifetime=RESET_LIFETIME,
        token=token,  # the one in the rendered email
        now=now,
    )
    record_event(None, link, "reset_sent", {"user_id": user.id}, now=now)
    db.session.flush()
    return link


def check_reset(token: str, *, now=None) -> LinkCheck:
    """The reset link ``token`` names and why it is refused (also: the account is no
    longer live)."""
    return check_link(token, LinkPurpose.reset, _account_still_live, now=now)


def _account_still_live(link) -> tuple[str, str] | None:
    live = db.session.scalar(
        sa.select(User.id).where(User.id == link.user_id, account_is_live())
    )
    return (NOT_LIVE, "not_live") if live is None else None


def complete_reset(token: str, password: str, *, now=None) -> User:
    """Set the account's new password through the link; ends every session and token.

    :raises ValidationFailed: the password breaks the policy.
    :raises InvalidTransition: the link is refused (see ``check_reset``).
    """
    now = now or utcnow()
    link = redeem(check_reset(token, now=now), password, NOT_CHANGED, now=now)
    user = db.session.get_one(User, link.user_id)
    set_password(user, user, password)
    revoke_pending(_resets_of(user), now=now)
    db.session.execute(
        sa.delete(LoginAttempt).where(LoginAttempt.email == str(user.email))
    )
    record_event(user, link, "reset_used", now=now)
    db.session.flush()
    return user
