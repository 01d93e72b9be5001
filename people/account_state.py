"""A person's account state as HR sees it: none, invited, invitation expired, active,
disabled — computed in SQL, so a list of people gets its states in the same statement.

``account_state(now)`` is one ``CASE`` over ``Employee`` (correlated subqueries on
``users`` and ``account_links``); ``account_rows(now)`` adds the pending invitation's
details (sent when, by whom, until when) with two outer joins. The rule, in order:

- the person has an account: **active** while it is enabled and the person has not
  left, else **disabled** (the same rule as ``auth.permissions.account_is_live``);
- the person has left: **none** (a pending invitation stops working when they leave);
- an unused, unrevoked invitation: **invited** until it expires, then **expired**;
- otherwise **none**.

It lives in ``people`` (not ``auth``) because the people pages show it and people may
not import auth; ``auth.invitations`` writes the links.
"""

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from core.db import utcnow
from core.extensions import db
from people.enums import AccountState, LinkPurpose
from people.models import AccountLink, Employee, User


def pending_invitation_id():
    """SQL: the id of the person's latest unused, unrevoked invitation (or NULL)."""
    link = aliased(AccountLink, name="pending_link")
    return (
        sa.select(sa.func.max(link.id))
        .where(_pending(link))
        .correlate(Employee)
        .scalar_subquery()
    )


def _pending(link):
    return sa.and_(
        link.employee_id == Employee.id,
        link.purpose == LinkPurpose.invitation,
        link.used_at.is_(None),
        link.revoked_at.is_(None),
    )


def account_state(now: datetime | None = None):
    """SQL: the ``AccountState`` value (a string) of each ``Employee`` row."""
    now = now or utcnow()
    account = (
        sa.select(User.id).where(User.employee_id == Employee.id).correlate(Employee)
    )
    enabled = account.where(User.is_enabled.is_(True))
    link = aliased(AccountLink, name="state_link")
    pending = sa.select(link.id).where(_pending(link)).correlate(Employee)
    return sa.case(
        (
            sa.and_(Employee.is_active.is_(True), enabled.exists()),
            AccountState.active.value,
        ),
        (account.exists(), AccountState.disabled.value),
        (Employee.is_active.is_(False), AccountState.none.value),
        (
            pending.where(link.expires_at > now).exists(),
            AccountState.invited.value,
        ),
        (pending.exists(), AccountState.expired.value),
        else_=AccountState.none.value,
    )


@dataclass
class AccountInfo:
    """One person's account state and, when invited, the pending invitation."""

    state: AccountState
    invited_at: datetime | None = None
    invited_by: str | None = None
    expires_at: datetime | None = None

    @property
    def invitable(self) -> bool:
        """Whether an invitation (or a re-send) makes sense for this state."""
        return self.state in (
            AccountState.none,
            AccountState.invited,
            AccountState.expired,
        )

    @property
    def pending(self) -> bool:
        return self.state in (AccountState.invited, AccountState.expired)


def account_rows(now: datetime | None = None) -> sa.Select:
    """``select()`` of (Employee, state, invited at, invited by, expires at); callers
    add their ``where``/``order_by``/``limit``."""
    creator = aliased(User, name="inviter")
    return (
        sa.select(
            Employee,
            account_state(now).label("account_state"),
            AccountLink.created_at,
            creator.email,
            AccountLink.expires_at,
        )
        .select_from(Employee)
        .outerjoin(AccountLink, AccountLink.id == pending_invitation_id())
        .outerjoin(creator, creator.id == AccountLink.created_by_id)
    )


def account_info_of(row) -> AccountInfo:
    """The ``AccountInfo`` of one row of ``account_rows``."""
    state = AccountState(row[1])
    if state not in (AccountState.invited, AccountState.expired):
        return AccountInfo(state)
    return AccountInfo(state, row[2], row[3], row[4])


def account_states(employee_ids, now=None) -> dict[int, AccountInfo]:
    """The account state of each person in ``employee_ids`` (one statement)."""
    ids = list(employee_ids)
    if not ids:
        return {}
    rows = db.session.execute(account_rows(now).where(Employee.id.in_(ids)))
    return {row[0].id: account_info_of(row) for row in rows}


def user_state(user: User) -> AccountState:
    """The state of an account already loaded with its employee: the first two lines
    of the rule above, for the accounts list (which pages ``User`` rows)."""
    employee = user.employee
    live = user.is_enabled and (employee is None or employee.is_active)
    return AccountState.active if live else AccountState.disabled


def account_info(employee: Employee, now=None) -> AccountInfo:
    """The account state of one person."""
    return account_states([employee.id], now)[employee.id]
