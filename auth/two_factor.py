"""Two-factor sign-in with TOTP (RFC 6238): set-up, the code step, recovery codes, reset.

Decisions the brief left open:

- **The pending secret** (shown while a person sets up their authenticator app) lives in
  their session, encrypted like the stored one: nothing is written until a code proves
  the app holds it, abandoning set-up leaves nothing behind, and a reload shows the same
  secret. Once confirmed it is stored on the account, encrypted with a key derived from
  ``SECRET_KEY`` (``core.secrets_box``); rotating that key makes it unreadable, and the
  account needs an administrator's reset.
- **No replay**: a code is accepted for the step before, the current and the next
  30-second step (clock drift), and the account keeps the last step it accepted; a code
  of that step or an earlier one is refused, so a code works once. The step is moved by
  one conditional UPDATE, so two requests racing with one code cannot both win.
- **Recovery codes**: ten, 80 random bits each, shown once, stored as SHA-256 (no slow
  hash needed at that entropy), each used at most once (a conditional UPDATE again).
- **Lockout**: every code check is a check of the account's email in
  ``auth.services``' lockout (``count_attempt``); a correct password of an account with
  two-factor sign-in does not clear the count until the code passes. At the token
  endpoint the password and the code are one request and count as one check.
- **Turning it off and new recovery codes** need the password or a current code (a
  recovery code too); a wrong answer counts towards the same lockout.
- **An admin's reset** removes the secret and the codes, ends every session and token
  of the account, and tells the person by email.

Services flush; the sign-in steps commit a failed attempt themselves (as
``auth.services.sign_in`` does) because the caller's error path would roll it back.
"""

import base64
import hashlib
import hmac
import secrets
from datetime import datetime

import pyotp
import sqlalchemy as sa

from auth.passwords import verify_password
from auth.services import complete_sign_in, count_attempt, end_sessions
from core.audit import record_event
from core.db import utcnow
from core.errors import Conflict, PermissionDenied, ValidationFailed
from core.extensions import db
from core.permissions import require
from core.secrets_box import SecretUnreadable, decrypt, encrypt
from core.urls import external_url
from notifications.mail import send_account_email
from people.models import RecoveryCode, User
from people.permissions import can_manage_account

ISSUER = "Trellis"
RECOVERY_CODE_COUNT = 10
CODE_FAILED = "The code is not correct or was already used, or the account is locked."
CODE_NEEDED = (
    "Email, password or code is not correct, or the account is locked. An account "
    "with two-factor sign-in also needs `code`: a current code from its "
    "authenticator app or one of its recovery codes."
)
WRONG_ANSWER = "This is not your password or a current code."

# --- reads ------------------------------------------------------------------------


def new_secret() -> str:
    """A new random base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(32)


def provisioning_uri(user: User, secret: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads (also what the QR code holds)."""
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def seal_secret(secret: str) -> str:
    """``secret`` encrypted, for the session (set-up) or the account row."""
    return encrypt(secret)


def open_secret(sealed: str | None) -> str | None:
    """What ``seal_secret`` sealed, or None when it cannot be read."""
    if not sealed:
        return None
    try:
        return decrypt(sealed)
    except SecretUnreadable:
        return None


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes ``user`` holds."""
    count = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
    )
    return count or 0


# --- set-up, turning off, new codes ------------------------------------------------


def enable_two_factor(
    user: User, secret: str, code: str, *, now: datetime | None = None
) -> list[str]:
    """Turn two-factor sign-in on with ``secret`` once ``code`` proves the app has it;
    return the ten recovery codes (shown once).

    :raises Conflict: it is already on.
    :raises ValidationFailed: the code does not match the secret.
    """
    now = now or utcnow()
    if user.has_two_factor:
        raise Conflict("Two-factor sign-in is already on for this account.")
    step = _matching_step(secret, _clean(code), now)
    if step is None:
        raise ValidationFailed(
            "Two-factor sign-in is not on yet.",
            {"code": "This code does not match; check the app's time and try again."},
        )
    user.totp_secret_encrypted = encrypt(secret)
    user.totp_enabled_at = now
    user.totp_last_step = step  # the confirming code cannot sign in afterwards
    codes = _new_recovery_codes(user, now)
    record_event(user, user, "two_factor_enabled", now=now)
    db.session.flush()
    return codes


def disable_two_factor(
    user: User, answer: str, config, *, now: datetime | None = None
) -> None:
    """Turn two-factor sign-in off, given the password or a current/recovery code.

    :raises Conflict: it is not on.
    :raises ValidationFailed: the answer is wrong (counted towards the lockout).
    :raises PermissionDenied: the account is locked out.
    """
    now = now or utcnow()
    if not user.has_two_factor:
        raise Conflict("Two-factor sign-in is not on for this account.")
    _confirm_identity(user, answer, config, now)
    _clear(user)
    record_event(user, user, "two_factor_disabled", now=now)
    db.session.flush()


def regenerate_recovery_codes(
    user: User, answer: str, config, *, now: datetime | None = None
) -> list[str]:
    """Replace every recovery code with ten new ones (shown once), given the password
    or a current code.

    :raises Conflict: two-factor sign-in is not on.
    :raises ValidationFailed: the answer is wrong (counted towards the lockout).
    :raises PermissionDenied: the account is locked out.
    """
    now = now or utcnow()
    if not user.has_two_factor:
        raise Conflict("Two-factor sign-in is not on for this account.")
    _confirm_identity(user, answer, config, now)
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = _new_recovery_codes(user, now)
    record_event(user, user, "recovery_codes_regenerated", now=now)
    db.session.flush()
    return codes


def reset_two_factor(actor, user: User, *, now: datetime | None = None) -> User:
    """An admin removes the lost second factor of ``user``: secret and recovery codes
    go, every session and token of the account ends, and the person is told by email.
    ``actor`` None is the command line (``flask users reset-two-factor``): an operator
    of the server, for the last admin's own lost phone.

    :raises PermissionDenied: not an admin, or the admin's own account.
    :raises Conflict: the account has no second factor.
    """
    now = now or utcnow()
    require(
        actor is None or can_manage_account(actor, user),
        "Only an administrator may reset another account's second factor.",
    )
    if not user.has_two_factor:
        raise Conflict(f"{user.email} does not use two-factor sign-in.")
    _clear(user)
    record_event(actor, user, "two_factor_reset", now=now)
    end_sessions(user, actor=actor)
    send_account_email(
        user.email,
        "two_factor_reset",
        {"user": user, "actor": actor, "setup_url": external_url("auth.two_factor")},
        now=now,
    )
    db.session.flush()
    return user


# --- the sign-in steps --------------------------------------------------------------


def sign_in_with_code(
    user: User, code: str, config, *, now: datetime | None = None
) -> bool:
    """The second step of the web sign-in: check ``code`` (counted like a password);
    return whether a recovery code was used.

    :raises PermissionDenied: locked out, or a wrong or used code (committed: counted).
    """
    now = now or utcnow()
    _count(user, config, now)
    return _finish(user, code, CODE_FAILED, now)


def complete_with_code(user: User, code: str | None, *, now=None) -> bool:
    """The token request of an account with two-factor sign-in: its password check
    (``auth.services.sign_in``) was this request's counted attempt; the code must pass
    too. Return whether a recovery code was used.

    :raises PermissionDenied: a missing, wrong or used code (committed: counted).
    """
    return _finish(user, code or "", CODE_NEEDED, now or utcnow())


def _finish(user: User, code: str, message: str, now: datetime) -> bool:
    used = _accept(user, _clean(code), now)
    if used is None:
        db.session.commit()  # the attempt row stays: a wrong code counts
        raise PermissionDenied(message)
    complete_sign_in(user, now=now)
    return used


# --- helpers --------------------------------------------------------------------------


def _email(user: User) -> str:
    return (user.email or "").strip().lower()


def _clean(code: str) -> str:
    return "".join((code or "").split()).lower()


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step (previous, current or next) whose code is ``code``."""
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    found = None
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            found = step
    return found


def _accept(user: User, code: str, now: datetime) -> bool | None:
    """Accept ``code`` once: False for an authenticator code, True for a recovery
    code, None when refused (wrong, replayed, used)."""
    if not user.has_two_factor:
        return None
    if len(code) == 6 and code.isdigit():
        secret = open_secret(user.totp_secret_encrypted)
        step = _matching_step(secret, code, now) if secret else None
        if step is None:
            return None
        moved = db.session.execute(
            sa.update(User)
            .where(
                User.id == user.id,
                sa.or_(User.totp_last_step.is_(None), User.totp_last_step < step),
            )
            .values(totp_last_step=step)
            .execution_options(synchronize_session="fetch")
        )
        return False if _rows(moved) == 1 else None
    used = db.session.execute(
        sa.update(RecoveryCode)
        .where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(code.replace("-", "")),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if _rows(used) != 1:
        return None
    record_event(user, user, "recovery_code_used", now=now)
    return True


def _count(user: User, config, now: datetime):
    """Count one check of ``user``'s lockout (its attempt row); a lockout is committed
    (the count must stay) and raised as PermissionDenied."""
    try:
        return count_attempt(
            _email(user),
            now=now,
            attempts=config["LOCKOUT_ATTEMPTS"],
            window=config["LOCKOUT_WINDOW"],
        )
    except PermissionDenied:
        db.session.commit()
        raise


def _confirm_identity(user: User, answer: str, config, now: datetime) -> None:
    """The password or a code, counted like a sign-in check; a success is uncounted."""
    attempt = _count(user, config, now)
    cleaned = _clean(answer)
    if _accept(user, cleaned, now) is None and not verify_password(
        user.password_hash, answer or ""
    ):
        db.session.commit()  # the attempt row stays: counted
        raise ValidationFailed("Nothing was changed.", {"credential": WRONG_ANSWER})
    db.session.delete(attempt)
    db.session.flush()


def _clear(user: User) -> None:
    user.totp_secret_encrypted = None
    user.totp_enabled_at = None
    user.totp_last_step = None
    db.session.execute(sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id))


def _rows(result) -> int:
    """Rows an UPDATE changed (a ``CursorResult``; typed as ``Result``)."""
    return int(getattr(result, "rowcount", 0) or 0)


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _new_recovery_codes(user: User, now: datetime) -> list[str]:
    codes = []
    for _ in range(RECOVERY_CODE_COUNT):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()  # 80 bits
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
        db.session.add(
            RecoveryCode(user_id=user.id, code_hash=_hash(raw), created_at=now)
        )
    return codes
