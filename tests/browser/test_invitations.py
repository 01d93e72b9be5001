"""Invitations and password reset in Chromium at laptop and phone widths: the link
pages (forgot password, the answer, choosing a password) are accessible with no one
signed in, and an invitation goes from HR's button through the outbox to a signed-in
person. Screenshots in ``test-artifacts/screenshots``."""

import itertools
import json
import re
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from tests.browser.conftest import sign_in
from tests.browser.test_pages import _check

pytestmark = pytest.mark.browser

NEW_PASSWORD = "gravel-orchid-lantern"
_seq = itertools.count(1)


def _new_joiner(server) -> tuple[int, str]:
    """A person without an account in the live demo (a new one per call): id, email."""
    from core.extensions import db
    from people.models import Employee

    with server.app.app_context():
        n = next(_seq)
        person = Employee(name=f"Browser Joiner {n}", email=f"joiner{n}@example.com")
        db.session.add(person)
        db.session.commit()
        return person.id, person.email


def _invitation_token(server) -> str:
    from auth.invitations import invite_person
    from core.extensions import db
    from people.models import Employee, User

    person_id, _ = _new_joiner(server)
    with server.app.app_context():
        hr = db.session.scalar(sa.select(User).where(User.email == server.logins["hr"]))
        token, _ = invite_person(hr, db.session.get(Employee, person_id))
        db.session.commit()
        return token


def _reset_token(server) -> str:
    """A reset link of the demo employee (only opened here, never used)."""
    from auth.links import new_link
    from auth.resets import RESET_LIFETIME
    from core.extensions import db
    from people.enums import LinkPurpose
    from people.models import User

    with server.app.app_context():
        user = db.session.scalar(
            sa.select(User).where(User.email == server.logins["employee"])
        )
        token, _ = new_link(
            LinkPurpose.reset,
            email=user.email,
            user_id=user.id,
            lifetime=RESET_LIFETIME,
        )
        db.session.commit()
        return token


@pytest.mark.parametrize("width", [1280, 390])
def test_the_link_pages_are_accessible(live_server, new_page, width):
    page = new_page(width)
    base = live_server.url
    problems: dict = {}
    pages = {
        "forgot-password": "/password-reset",
        "accept-invitation": f"/invitation/{_invitation_token(live_server)}",
        "reset-password": f"/password-reset/{_reset_token(live_server)}",
    }
    for name, path in pages.items():
        response = page.goto(base + path)
        assert response.status == 200, f"{name}: {response.status}"
        assert page.locator("h1").count() == 1, name
        _check(page, f"anonymous-{name}", problems)
    page.goto(f"{base}/password-reset")
    page.fill("#email", "nobody@example.com")
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert "If an account exists for that address" in page.content()
    _check(page, "anonymous-reset-sent", problems)
    page.goto(f"{base}/invitation/not-a-real-token")
    _check(page, "anonymous-invitation-refused", problems)
    assert not problems, json.dumps(problems, indent=2)


@pytest.mark.parametrize("width", [1280, 390])
def test_invite_accept_and_sign_in(live_server, new_page, width):
    base = live_server.url
    person_id, email = _new_joiner(live_server)
    hr = new_page(width)
    sign_in(hr, live_server, "hr")
    hr.goto(f"{base}/people/{person_id}")
    assert "No account" in hr.locator("#account-state").inner_text()
    hr.get_by_role("button", name=re.compile(r"^Invite")).click()
    hr.wait_for_load_state()
    assert "Invited" in hr.locator("#account-state").inner_text()

    admin = new_page(width)
    sign_in(admin, live_server, "admin")
    from core.extensions import db
    from notifications.models import EmailMessage

    with live_server.app.app_context():
        message_id = db.session.scalar(
            sa.select(sa.func.max(EmailMessage.id)).where(
                EmailMessage.to_address == email
            )
        )
    admin.goto(f"{base}/admin/outbox/{message_id}")
    body = admin.locator("pre.mail-body").inner_text()
    path = urlsplit(re.search(r"https?://\S+", body).group(0)).path

    person = new_page(width)
    person.goto(base + path)
    person.fill("#password", NEW_PASSWORD)
    person.fill("#password_confirm", NEW_PASSWORD)
    person.click("form.form button[type=submit]")
    person.wait_for_url(f"{base}/")
    assert "Welcome to Trellis" in person.content()
    problems: dict = {}
    _check(person, "invited-home", problems)
    assert not problems, json.dumps(problems, indent=2)
    person.goto(base + path)
    assert "used already" in person.content()
