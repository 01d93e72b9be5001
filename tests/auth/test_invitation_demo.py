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


def test_the_demo_shows_personal_tokens_and_a_provisioning_client(db):
    """HR's read-only export token and the admin's read-write sync token, used lately;
    the identity provider's SCIM token with its recent requests (issue 13, 14)."""
    from people.enums import ApiTokenKind, TokenScope
    from people.models import ApiToken, User
    from scim.models import ScimRequest, ScimToken

    load_demo("demo-password-2026")
    logins = dict(demo_logins())
    rows = db.session.execute(
        sa.select(User.email, ApiToken.scope, ApiToken.last_used_at)
        .join(ApiToken.user)
        .where(ApiToken.kind == ApiTokenKind.personal)
        .order_by(User.email)
    ).all()
    assert {(email, scope) for email, scope, _ in rows} == {
        (logins["hr"], TokenScope.read),
        (logins["admin"], TokenScope.write),
    }
    assert all(used is not None for _, _, used in rows)
    token = db.session.scalar(sa.select(ScimToken))
    assert token.revoked_at is None and token.last_used_at is not None
    statuses = db.session.scalars(
        sa.select(ScimRequest.status).where(ScimRequest.token_id == token.id)
    ).all()
    assert 409 in statuses and statuses.count(200) >= 3
