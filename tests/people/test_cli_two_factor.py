"""``flask users reset-two-factor EMAIL``: the way back for the last admin's own lost
phone, or for every account after SECRET_KEY changed."""

import pyotp
import sqlalchemy as sa

from auth import two_factor
from core.audit import AuditEvent
from core.extensions import db
from notifications.models import EmailMessage
from people.models import User
from tests.factories import make_user


def test_reset_two_factor_removes_an_admins_own_second_factor(runner):
    admin = make_user(email="only.admin@example.com", is_admin=True)
    secret = two_factor.new_secret()
    two_factor.enable_two_factor(admin, secret, pyotp.TOTP(secret).now())
    db.session.commit()
    result = runner.invoke(args=["users", "reset-two-factor", "Only.Admin@example.com"])
    assert result.exit_code == 0, result.output
    assert "is reset" in result.output
    db.session.expire_all()
    assert not db.session.get(User, admin.id).has_two_factor
    event = db.session.scalar(
        sa.select(AuditEvent).where(AuditEvent.action == "two_factor_reset")
    )
    assert event.actor_id is None and event.object_id == admin.id
    assert db.session.scalar(sa.select(EmailMessage.to_address)) == admin.email


def test_reset_two_factor_of_an_account_without_it_fails(runner):
    make_user(email="plain@example.com")
    db.session.commit()
    result = runner.invoke(args=["users", "reset-two-factor", "plain@example.com"])
    assert result.exit_code != 0
    assert "does not use two-factor" in result.output


def test_reset_two_factor_of_an_unknown_address_fails(runner):
    result = runner.invoke(args=["users", "reset-two-factor", "nobody@example.com"])
    assert result.exit_code != 0 and "No account" in result.output
