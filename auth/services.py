"""Login with a database-backed lockout, logout that ends every copy of the session.

Lockout: at most ``LOCKOUT_ATTEMPTS`` (5) password checks per email per
``LOCKOUT_WINDOW`` (15 minutes), however many workers and requests arrive at once. Each
check is serialized per email and counted *before* the argon2 verification, in one
transaction:

1. take a per-email lock held until the transaction ends — on PostgreSQL
   ``pg_advisory_xact_lock`` on a key derived from the email; on SQLite the attempt row's
   INSERT (step 2) takes the database's single write lock, which serializes as well;
2. insert this attempt's row and flush;
3. count the rows in the window (this one included): past the limit, remove the row and
   answer "locked" without verifying anything;
4. verify the password; a success deletes the email's rows, a failure keeps its row.

A second-factor code (``auth.two_factor``) is one more check of the same kind: counted by
the same steps 1–3 (``count_attempt``); a correct password of an account with two-factor
sign-in keeps the rows until its code passes, so a wrong code counts as a wrong password
would and a known password gives no endless supply of code guesses.

The row is written before the check so a concurrent request counts it, and the lock
makes "count, then check" atomic. Why an advisory lock rather than ``SELECT ... FOR
UPDATE`` of the user row: unknown emails have no row, and they must behave exactly like
known ones (the same lockout, the same cost) so the lockout says nothing about who has an
account; and it needs no table of its own. The lock is held for one argon2 verification,
only against requests for the same email. The caller commits (``sign_in`` does so on
failure, the views after issuing the session or token), which releases the lock.
"""

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa

from auth.passwords import hash_password, password_problems, verify_password
from auth.permissions import account_is_live
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
# TRELLIS_PASSWORD_LOGIN=admins: said only after a correct password, so it tells
# nobody else which accounts are admins'.
PASSWORD_SIGN_IN_OFF = (
    "Password sign-in is turned off for this account: use your company sign-in."
)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def is_locked(
    email: str, *, now=None, attempts=5, window=timedelta(minutes=15)
) -> bool:
    """True if ``email`` had ``attempts`` failures within the last ``window``."""
    now = now or utcnow()
    return _attempts(email, now - window) >= attempts


def _attempts(email: str, since) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LoginAttempt)
        .where(LoginAttempt.email == email, LoginAttempt.attempted_at > since)
    )


def _lock_email(email: str) -> None:
    """Serialize password checks for ``email`` until the transaction ends (see the
    module docstring; SQLite's write lock does it there)."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.sha256(b"trellis-login:" + email.encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    db.session.execute(sa.select(sa.func.pg_advisory_xact_lock(key)))


def count_attempt(email: str, *, now, attempts: int, window) -> LoginAttempt:
    """Lock, record and count one credential check of ``email`` (a password, or a
    second-factor code: ``auth.two_factor``) before it is verified; the row stays
    unless a later success clears it.

    :raises PermissionDenied: the lockout (the row is removed: nothing was checked).
    """
    _lock_email(email)
    attempt = LoginAttempt(email=email, attempted_at=now)
    db.session.add(attempt)
    db.session.flush()  # counted by every later check, before this one verifies
    if _attempts(email, now - window) > attempts:
        db.session.delete(attempt)  # refused unchecked: not a password check
        db.session.flush()
        raise PermissionDenied(LOCKED)
    return attempt


def complete_sign_in(user: User, *, now=None) -> User:
    """Every check passed: forget the account's failed attempts, record the sign-in."""
    now = now or utcnow()
    email = normalise_email(user.email)
    db.session.execute(sa.delete(LoginAttempt).where(LoginAttempt.email == email))
    user.last_login_at = now
    record_event(user, user, "signed_in", now=now)
    db.session.flush()
    return user


def authenticate(
    email: str,
    password: str,
    *,
    now=None,
    attempts=5,
    window=None,
    admins_only: bool = False,
):
    """Return the user for valid credentials (``admins_only``: of an admin account).

    An account with two-factor sign-in is returned *not yet signed in*: its attempts
    are kept (a wrong code counts towards the same lockout) until its code passes
    (``auth.two_factor.sign_in_with_code`` or ``check_code_for_token``).

    :raises PermissionDenied: locked out, or wrong email/password (same message for
        unknown user and wrong password, except the lockout which says so), or a
        correct password of a non-admin account with ``admins_only``.
    """
    now = now or utcnow()
    window = window or timedelta(minutes=15)
    email = normalise_email(email)
    count_attempt(email, now=now, attempts=attempts, window=window)
    row = db.session.execute(
        sa.select(User, account_is_live().label("live")).where(User.email == email)
    ).first()
    user, live = row if row is not None else (None, False)
    ok = verify_password(user.password_hash if user else None, password)
    if not ok or user is None or not live:
        raise PermissionDenied(LOGIN_FAILED)
    if admins_only and not user.is_admin:
        details = {"method": "password", "reason": "password_sign_in_off"}
        record_event(user, user, "sign_in_refused", details, now=now)
        raise PermissionDenied(PASSWORD_SIGN_IN_OFF)
    if user.has_two_factor:
        return user
    return complete_sign_in(user, now=now)


def end_sessions(user: User, *, actor=None, action: str = "sessions_ended") -> None:
    """Invalidate every credential of ``user``: sessions, cookies, session API tokens
    and personal access tokens (``actor``: who did it, if not the user)."""
    user.session_version = (user.session_version or 1) + 1
    user.credential_version = (user.credential_version or 1) + 1
    record_event(actor or user, user, action)
    db.session.flush()


def sign_out(user: User) -> None:
    """End every session and session API token of ``user``, not its personal access
    tokens (an integration outlives its owner's sign-out)."""
    user.session_version = (user.session_version or 1) + 1
    record_event(user, user, "signed_out")
    db.session.flush()


def sign_out_everywhere(user: User) -> None:
    """End every session and API token of ``user`` (the user asks for it)."""
    end_sessions(user, action="signed_out_everywhere")


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
            admins_only=config.get("PASSWORD_LOGIN") == "admins",
        )
    except PermissionDenied:
        db.session.commit()
        raise
    return user
