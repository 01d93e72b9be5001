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

from people.models import Employee, User


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
