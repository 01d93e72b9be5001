"""Company sign-in: which account a verified OpenID identity signs in to (the client
and its checks of the provider's answer: ``auth.oidc_client``, ``auth.oidc_views``).

Which account (``sign_in_with_identity``), in order:

1. the account already linked to this (issuer, subject) — however its email changed;
2. else, by the email the provider says it *verified* (``email_verified`` true, inside
   ``OIDC_DOMAINS`` when that is set): a live account with that email that has no link
   yet is linked once, for good (an account linked to another subject is refused:
   re-linking is an administrator's decision, not a sign-in's);
3. else an active person with that email and no account gets one, only with
   ``OIDC_CREATE`` on and the domain in ``OIDC_DOMAINS`` (no allowlist: nobody is
   created); the account has no role flags and an unusable random password.

Everything else is refused with a reason (``SignInRefused``), audited like the links
and sign-ins; tokens and claims other than issuer, subject and email are never audited.
The provider is the authority for the second factor: a company sign-in is not asked for
Trellis's own code, and ``REQUIRE_2FA`` applies to password sign-in (``auth.session``).
"""

import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app

from auth.passwords import hash_password
from auth.permissions import account_is_live
from core.audit import record_event
from core.db import utcnow
from core.errors import PermissionDenied
from core.extensions import db
from people.models import Employee, User

MAX_CLAIM = 255  # users.oidc_subject, oidc_issuer (OpenID caps a subject at 255)
MAX_EMAIL = 254  # users.email, employees.email

REFUSALS = {
    "too_long": "{name} gave Trellis a name or address too long to be yours.",
    "no_email": "{name} did not give Trellis an email address for you.",
    "email_unverified": (
        "{name} has not verified the email address {email}, so Trellis cannot tell "
        "whose account it is. Ask your IT team to verify it, then try again."
    ),
    "domain_not_allowed": (
        "Company sign-in is not open to {domain} addresses here. Use your company "
        "address, or ask an administrator."
    ),
    "unknown_email": (
        "Trellis knows nobody with the email address {email}. Ask HR to add you, "
        "then sign in again."
    ),
    "person_left": (
        "Trellis has no active person with the email address {email}. Ask HR if you "
        "think this is a mistake."
    ),
    "no_account": (
        "You have no Trellis account yet. Ask HR for an invitation, then sign in again."
    ),
    "account_disabled": (
        "This Trellis account is disabled. Ask an administrator if you think this "
        "is a mistake."
    ),
    "linked_elsewhere": (
        "This Trellis account is linked to another sign-in at {name}. Ask an "
        "administrator."
    ),
}


class SignInRefused(PermissionDenied):
    """A company sign-in Trellis refuses; ``reason`` is a key of ``REFUSALS`` (or a
    failed check of the provider's answer, see ``auth.oidc_views``)."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Identity:
    """What a verified ID token says about the person."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    name: str = ""

    @classmethod
    def from_claims(cls, claims) -> "Identity":
        return cls(
            issuer=str(claims["iss"]),
            subject=str(claims["sub"]),
            email=str(claims.get("email") or "").strip().lower(),
            # Only a JSON true counts (some providers send the string "true").
            email_verified=claims.get("email_verified") in (True, "true"),
            name=str(claims.get("name") or ""),
        )

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]


def _refusal(reason: str, identity: Identity | None = None, **values) -> SignInRefused:
    """A ``SignInRefused`` with its message filled in."""
    values.setdefault("name", current_app.config["OIDC_NAME"])
    if identity is not None:
        values.setdefault("email", identity.email)
        values.setdefault("domain", identity.domain)
    return SignInRefused(reason, REFUSALS[reason].format(**values))


def record_refusal(reason: str, identity: Identity | None = None, *, now=None):
    """Audit a refused company sign-in (the caller commits)."""
    details = {"method": "oidc", "reason": reason}
    if identity is not None:
        details.update(  # cut to the columns' size: the values come from outside
            issuer=identity.issuer[:MAX_CLAIM],
            subject=identity.subject[:MAX_CLAIM],
            email=identity.email[:MAX_CLAIM],
        )
    record_event(None, "User", "sign_in_refused", details, now=now)


def sign_in_with_identity(identity: Identity, config, *, now=None) -> User:
    """Return the live account ``identity`` signs in to (linked or created on the way)
    and record the sign-in.

    :raises SignInRefused: see the module docstring; the refusal is audited.
    """
    now = now or utcnow()
    try:
        user = _account_for(identity, config, now=now)
    except SignInRefused as refused:
        record_refusal(refused.reason, identity, now=now)
        db.session.flush()
        raise
    user.last_login_at = now
    record_event(user, user, "signed_in", {"method": "oidc"}, now=now)
    db.session.flush()
    return user


def _account_for(identity: Identity, config, *, now) -> User:
    if len(identity.subject) > MAX_CLAIM or len(identity.email) > MAX_EMAIL:
        raise _refusal("too_long", identity)
    linked = _user_where(
        User.oidc_issuer == identity.issuer, User.oidc_subject == identity.subject
    )
    if linked is not None:
        user, live = linked
        if not live:
            raise _refusal("account_disabled", identity)
        return user
    if not identity.email:
        raise _refusal("no_email", identity)
    if not identity.email_verified:
        raise _refusal("email_unverified", identity)
    domains = config.get("OIDC_DOMAINS") or ()
    if domains and identity.domain not in domains:
        raise _refusal("domain_not_allowed", identity)
    by_email = _user_where(User.email == identity.email)
    if by_email is not None:
        return _link(identity, *by_email, now=now)
    return _create(identity, config, now=now)


def _user_where(*criteria) -> tuple[User, bool] | None:
    row = db.session.execute(
        sa.select(User, account_is_live().label("live")).where(*criteria)
    ).first()
    return (row[0], bool(row[1])) if row is not None else None


def _link(identity: Identity, user: User, live: bool, *, now) -> User:
    if not live:
        raise _refusal("account_disabled", identity)
    if user.oidc_subject is not None:
        raise _refusal("linked_elsewhere", identity)
    user.oidc_issuer = identity.issuer
    user.oidc_subject = identity.subject
    record_event(
        user,
        user,
        "oidc_linked",
        {"issuer": identity.issuer, "subject": identity.subject},
        now=now,
    )
    return user


def _create(identity: Identity, config, *, now) -> User:
    person = db.session.scalar(
        sa.select(Employee).where(Employee.email == identity.email)
    )
    if person is None:
        raise _refusal("unknown_email", identity)
    if not person.is_active:
        raise _refusal("person_left", identity)
    domains = config.get("OIDC_DOMAINS") or ()
    if not config.get("OIDC_CREATE"):
        raise _refusal("no_account", identity)
    if identity.domain not in domains:
        raise _refusal("domain_not_allowed", identity)
    user = User(
        email=person.email,
        employee_id=person.id,
        # Nobody knows it: a password is for "Forgot your password?" to set, if the
        # password form is open to this account at all.
        password_hash=hash_password(secrets.token_urlsafe(32)),
        oidc_issuer=identity.issuer,
        oidc_subject=identity.subject,
    )
    db.session.add(user)
    db.session.flush()
    record_event(
        user,
        user,
        "created_from_oidc",
        {"employee_id": person.id, "issuer": identity.issuer},
        now=now,
    )
    return user
