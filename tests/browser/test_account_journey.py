"""A new joiner's whole way in, in Chromium at laptop and phone widths: HR invites the
person from the person page, the invitation email (read in the admin's outbox) holds a
working link, the person chooses a password and is signed in, turns on two-factor
sign-in from the account menu, signs out, and signs in again with the password and a
code. Every page on the way is checked by axe (``_check``)."""

import json
import re
from urllib.parse import urlsplit

import pyotp
import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_invitations import NEW_PASSWORD, _new_joiner
from tests.browser.test_pages import _check
from tests.browser.test_two_factor import _next_code

pytestmark = pytest.mark.browser


def _invitation_path(server, admin, email: str) -> str:
    """The link of the newest email to ``email``, as the admin reads it in the outbox."""
    from core.extensions import db
    from notifications.models import EmailMessage

    with server.app.app_context():
        message_id = db.session.scalar(
            sa.select(sa.func.max(EmailMessage.id)).where(
                EmailMessage.to_address == email
            )
        )
    admin.goto(f"{server.url}/admin/outbox/{message_id}")
    body = admin.locator("pre.mail-body").inner_text()
    return urlsplit(re.search(r"https?://\S+", body).group(0)).path


@pytest.mark.parametrize("width", [1280, 390])
def test_invite_accept_turn_on_two_factor_and_sign_in_with_a_code(
    live_server, new_page, width
):
    base = live_server.url
    problems: dict = {}
    person_id, email = _new_joiner(live_server)

    hr = new_page(width)
    sign_in(hr, live_server, "hr")
    hr.goto(f"{base}/people/{person_id}")
    hr.get_by_role("button", name=re.compile(r"^Invite")).click()
    hr.wait_for_load_state()
    assert "Invited" in hr.locator("#account-state").inner_text()
    _check(hr, "hr-person-invited", problems)

    admin = new_page(width)
    sign_in(admin, live_server, "admin")
    path = _invitation_path(live_server, admin, email)
    _check(admin, "admin-outbox-invitation", problems)

    person = new_page(width)
    person.goto(base + path)
    _check(person, "joiner-accept-invitation", problems)
    person.fill("#password", NEW_PASSWORD)
    person.fill("#password_confirm", NEW_PASSWORD)
    person.click("form.form button[type=submit]")
    person.wait_for_url(f"{base}/")

    person.click(".account-menu summary")
    person.click("text=Two-factor sign-in")
    person.wait_for_url(f"{base}/account/two-factor")
    _check(person, "joiner-two-factor-setup", problems)
    secret = person.inner_text("#totp-secret").strip()
    person.get_by_label("Code").fill(pyotp.TOTP(secret).now())
    person.click("text=Turn on two-factor sign-in")
    person.wait_for_selector("#recovery-codes")
    assert person.locator("#recovery-codes li").count() == 10

    person.click("text=Sign out")
    person.wait_for_url(f"{base}/login")
    person.fill("#email", email)
    person.fill("#password", NEW_PASSWORD)
    person.click("button[type=submit]")
    person.wait_for_url(re.compile(r".*/login/code\?"))
    _check(person, "joiner-login-code", problems)
    person.get_by_label("Code").fill(_next_code(secret))
    person.click("form.form button[type=submit]")
    person.wait_for_url(f"{base}/")
    assert "Browser Joiner" in person.content()
    _check(person, "joiner-home-after-code", problems)
    assert not problems, json.dumps(problems, indent=2)
