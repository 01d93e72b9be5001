"""Two-factor sign-in in the browser: set up from the account menu with a code
computed from the key on the page, the recovery codes shown once, then a sign-in that
asks for a code — each page accessible at both widths. The manager's second factor is
removed again afterwards (the live server is shared by the whole browser session)."""

import re

import pyotp
import pytest
import sqlalchemy as sa

from core.db import utcnow
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser


def _remove_second_factor(server, email: str) -> None:
    from core.extensions import db
    from people.models import RecoveryCode, User

    with server.app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == email))
        user.totp_secret_encrypted = user.totp_enabled_at = user.totp_last_step = None
        db.session.execute(
            sa.delete(RecoveryCode).where(RecoveryCode.user_id == user.id)
        )
        db.session.commit()


def _next_code(secret: str) -> str:
    """The next step's code: accepted (clock drift) and newer than the set-up's."""
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(utcnow()) + 1)


@pytest.mark.parametrize("width", [1280, 390])
def test_turn_on_two_factor_and_sign_in_with_a_code(live_server, new_page, width):
    url, email = live_server.url, live_server.logins["manager"]
    page = new_page(width)
    problems: dict = {}
    try:
        page.goto(f"{url}/login")
        page.fill("#email", email)
        page.fill("#password", live_server.password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{url}/")
        page.click(".account-menu summary")
        page.click("text=Two-factor sign-in")
        page.wait_for_url(f"{url}/account/two-factor")
        secret = page.inner_text("#totp-secret").strip()
        page.get_by_label("Code").fill(pyotp.TOTP(secret).now())
        page.click("text=Turn on two-factor sign-in")
        page.wait_for_selector("#recovery-codes")
        assert page.locator("#recovery-codes li").count() == 10
        _check(page, "manager-two-factor-codes", problems)
        page.click("text=Sign out")
        page.wait_for_url(f"{url}/login")
        page.fill("#email", email)
        page.fill("#password", live_server.password)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r".*/login/code\?"))
        _check(page, "anonymous-login-code", problems)
        page.get_by_label("Code").fill(_next_code(secret))
        page.click("form.form button[type=submit]")
        page.wait_for_url(f"{url}/")
        assert page.locator("h1").count() == 1
    finally:
        _remove_second_factor(live_server, email)
    assert not problems, problems
