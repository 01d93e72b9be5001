"""The demo shows every account state: new joiners invited, expired and not invited."""

import sqlalchemy as sa

from auth.demo import JOINERS
from people.account_state import account_states
from people.demo import demo_logins, load_demo
from people.enums import AccountState
from people.models import Employee


def test_the_demo_has_invited_expired_and_uninvited_joiners(db):
    load_demo("demo-password-2026")
    emails = [email for _, email, _ in JOINERS]
    people = db.session.scalars(sa.select(Employee).where(Employee.email.in_(emails)))
    by_email = {p.email: p.id for p in people}
    states = account_states(by_email.values())
    assert [states[by_email[e]].state for e in emails] == [
        AccountState.invited,
        AccountState.expired,
        AccountState.none,
    ]
    assert [role for role, _ in demo_logins()] == ["hr", "admin", "manager", "employee"]
