"""Login with a database-backed lockout, logout that ends every copy of the session."""

import secrets
from datetime import timedelta

import sqlalchemy as sa

from auth.passwords import hash_password, password_problems, verify_password
from core.audit import record_event
from core.db import utcnow
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from people.models import LoginAttempt, User

LOGIN_FAILED = "Email or password is not correct, or the account is locked."
LOCKED = (
    "Too many failed attempts for this account. Try again in 15 minutes, "
    "or ask an administrator."
)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def is_locked(
    email: str, *, now=None, attempts=5, window=timedelta(minutes=15)
) -> bool:
    """True if ``email`` had ``attempts`` failures within the last ``window``."""
    now = now or utcnow()
    failures = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.email == email, LoginAttempt.attempted_at > now - window)
    )
    return failures >= attempts


def authenticate(email: str, password: str, *, now=None, attempts=5, window=None):
    """Return the user for valid credentials.

    :raises PermissionDenied: locked out, or wrong email/password (same message for
        unknown user and wrong password, except the lockout which says so).
    """
    now = now or utcnow()
    window = window or timedelta(minutes=15)
    email = normalise_email(email)
    if is_locked(email, now=now, attempts=attempts, window=window):
        raise PermissionDenied(LOCKED)
    user = db.session.scalar(sa.select(User).where(User.email == email))
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not user.is_enabled:
        db.session.add(LoginAttempt(email=email, attempted_at=now))
        db.session.flush()
        raise PermissionDenied(LOGIN_FAILED)
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.email == email))
    user.last_login_at = now
    record_event(user, user, "signed_in", now=now)
    db.session.flush()
    return user


def end_sessions(user: User, *, actor=None) -> None:
    """Invalidate every session and cookie of ``user`` (``actor``: who did it, if not
    the user)."""
    user.session_version = (user.session_version or 1) + 1
    record_event(actor or user, user, "sessions_ended")
    db.session.flush()


def set_password(actor, user: User, password: str, *, current: str | None = None):
    """Change a password (the user's own needs ``current``); ends other sessions.

    :raises ValidationFailed: policy or wrong current password.
    """
    own = actor is not None and actor.id == user.id and current is not None
    if own and not verify_password(user.password_hash, current):
        raise ValidationFailed(
            "The password was not changed.",
            {"current_password": "This is not your current password."},
        )
    problems = password_problems(password)
    if problems:
        raise ValidationFailed(
            "The password was not changed.", {"password": problems[0]}
        )
    user.password_hash = hash_password(password)
    user.must_change_password = False
    end_sessions(user, actor=actor)
    record_event(actor, user, "password_changed")
    db.session.flush()
    return user


def random_password() -> str:
    return secrets.token_urlsafe(12)


def sign_in(email: str, password: str, config):
    """``authenticate`` with the lockout settings of ``config``; the failed attempt is
    committed even though the caller gets an error (the lockout must count it).

    :raises PermissionDenied: as ``authenticate``.
    """
    try:
        user = authenticate(
            email,
            password,
            attempts=config["LOCKOUT_ATTEMPTS"],
            window=config["LOCKOUT_WINDOW"],
        )
    except PermissionDenied:
        db.session.commit()
        raise
    return user
