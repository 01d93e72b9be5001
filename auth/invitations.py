"""Invitations: HR (or an admin) invites a person who has no account; the emailed link
lets them choose a password, which creates their account and signs them in.

Rules: only an active person without an account can be invited; an invitation lasts
``INVITATION_LIFETIME`` (7 days); inviting again (a re-send) revokes the earlier link
and sends a new one; HR can withdraw it. A link stops working when the person leaves
(checked at acceptance, not only at sending), once it is used, revoked or expired. The
account takes the person's email and has no role flags. Accepting and each refusal of a
known link are audited; the token never is.
"""

from datetime import timedelta

import sqlalchemy as sa

from auth.links import (
    LinkCheck,
    check_link,
    new_link,
    redeem,
    revoke_pending,
)
from auth.passwords import hash_password
from auth.permissions import can_invite
from core.audit import record_event
from core.db import utcnow
from core.errors import Conflict, InvalidTransition
from core.extensions import db
from core.permissions import require
from core.urls import external_url
from notifications.mail import send_account_email
from people.enums import LinkPurpose
from people.models import AccountLink, Employee, User

INVITATION_LIFETIME = timedelta(days=7)
HAS_ACCOUNT = "{name} has an account already."
HAS_LEFT = "{name} has left: only active people can be invited."
LEFT = "This invitation no longer works: ask HR if you think this is a mistake."
NOT_CREATED = "No account was created."
TAKEN = "An account exists already for this person. Sign in, or reset your password."


def _pending(employee_id: int):
    return sa.and_(
        AccountLink.purpose == LinkPurpose.invitation,
        AccountLink.employee_id == employee_id,
    )


def _has_account(employee: Employee) -> bool:
    return bool(
        db.session.scalar(
            sa.select(User.id).where(
                sa.or_(User.employee_id == employee.id, User.email == employee.email)
            )
        )
    )


def invite_person(
    actor, employee: Employee, *, now=None, from_cli: bool = False
) -> tuple[str, AccountLink]:
    """Email ``employee`` a link to create their account (a re-send revokes the last).
    ``from_cli``: the operator of ``flask users invite`` / ``people import --invite``
    (no account, trusted like ``users create-admin``).

    :raises PermissionDenied: the actor is neither HR nor an admin.
    :raises InvalidTransition: the person has left.
    :raises Conflict: the person has an account already.
    """
    require(from_cli or can_invite(actor), "Only HR and admins invite people.")
    now = now or utcnow()
    if not employee.is_active:
        raise InvalidTransition(HAS_LEFT.format(name=employee.name))
    if _has_account(employee):
        raise Conflict(HAS_ACCOUNT.format(name=employee.name))
    earlier = revoke_pending(_pending(employee.id), now=now)
    token, link = new_link(
        LinkPurpose.invitation,
        email=employee.email,
        employee_id=employee.id,
        lifetime=INVITATION_LIFETIME,
        actor=actor,
        now=now,
    )
    send_account_email(
        employee.email,
        "invitation",
        {
            "name": employee.name,
            "inviter": getattr(actor, "email", None) or "Trellis",
            "url": external_url("auth.accept_invitation", invite_token=token),
            "expires_at": link.expires_at,
        },
        now=now,
    )
    action = "invitation_resent" if earlier else "invitation_sent"
    record_event(actor, link, action, {"employee_id": employee.id}, now=now)
    db.session.flush()
    return token, link


def revoke_invitation(actor, employee: Employee, *, now=None) -> list[AccountLink]:
    """Withdraw ``employee``'s pending invitation.

    :raises InvalidTransition: there is none.
    """
    require(can_invite(actor), "Only HR and admins withdraw invitations.")
    revoked = revoke_pending(_pending(employee.id), now=now)
    if not revoked:
        raise InvalidTransition(f"{employee.name} has no pending invitation.")
    for link in revoked:
        record_event(actor, link, "invitation_revoked", now=now)
    db.session.flush()
    return revoked


def check_invitation(token: str, *, now=None) -> LinkCheck:
    """The invitation ``token`` names and why it is refused (the person left, has an
    account already, or the link is unknown, used, revoked or expired)."""
    return check_link(token, LinkPurpose.invitation, _still_invitable, now=now)


def _still_invitable(link) -> tuple[str, str] | None:
    employee = db.session.get(Employee, link.employee_id)
    if employee is None or not employee.is_active:
        return LEFT, "left"
    if _has_account(employee):
        return TAKEN, "has_account"
    return None


def accept_invitation(token: str, password: str, *, now=None) -> User:
    """Create the invited person's account with ``password``; the link is used up.

    :raises ValidationFailed: the password breaks the policy.
    :raises InvalidTransition: the link is refused (see ``check_invitation``).
    """
    now = now or utcnow()
    link = redeem(check_invitation(token, now=now), password, NOT_CREATED, now=now)
    employee = db.session.get_one(Employee, link.employee_id)
    user = User(
        email=employee.email,
        employee_id=employee.id,
        password_hash=hash_password(password),
        last_login_at=now,
    )
    db.session.add(user)
    db.session.flush()
    link.user_id = user.id
    record_event(user, user, "created_from_invitation", {"employee_id": employee.id})
    record_event(user, link, "accepted", now=now)
    db.session.flush()
    return user
