"""Whether an account may still use a credential: the one per-account check.

Every credential goes through it — the session cookie (``auth.session``), API bearer
tokens (``auth.tokens``), sign-in itself (``auth.services``), and whatever later adds
credentials (personal access tokens, invitations): an account is live while it is
enabled and its person (if it has one) has not left. The API also refuses an account
that must change its password first: that change is only offered on the web.

Each rule comes as a SQL criterion over ``User`` (so a lookup stays one statement) and
as a Python predicate with the same meaning.
"""

import sqlalchemy as sa

from core.permissions import Role, has_role
from people.enums import ApiTokenKind
from people.models import ApiToken, Employee, User


def account_is_live():
    """SQL: the account is enabled and its person has not left."""
    return sa.and_(
        User.is_enabled.is_(True),
        ~sa.exists().where(
            Employee.id == User.employee_id, Employee.is_active.is_(False)
        ),
    )


def account_may_use_api():
    """SQL: ``account_is_live`` and no password change pending."""
    return sa.and_(account_is_live(), User.must_change_password.is_(False))


def can_get_api_token(user) -> bool:
    """Whether ``user`` (signed in just now, so live) may be given an API credential."""
    return user is not None and user.is_enabled and not user.must_change_password


def can_invite(user) -> bool:
    """HR and admins invite people to create an account (and withdraw invitations)."""
    return has_role(user, Role.hr) or has_role(user, Role.admin)


def can_manage_personal_tokens(user) -> bool:
    """Whether ``user`` may list, create and revoke personal access tokens (a live
    account with no password change pending: the one-time password makes none)."""
    return can_get_api_token(user)


def visible_personal_tokens(user):
    """The personal access tokens ``user`` sees: their own, newest first."""
    return (
        sa.select(ApiToken)
        .where(
            ApiToken.user_id == getattr(user, "id", None),
            ApiToken.kind == ApiTokenKind.personal,
        )
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )


def must_set_up_two_factor(user, config) -> bool:
    """Whether ``user`` (HR or admin) must turn on two-factor sign-in before anything
    else (``REQUIRE_2FA``): pages send them to set-up, the token endpoint refuses."""
    return bool(
        config.get("REQUIRE_2FA")
        and user is not None
        and (user.is_hr or user.is_admin)
        and not user.has_two_factor
    )
