"""Company sign-in in Chromium: a live Trellis on a real port and a real OpenID provider
(``oidc-provider-mock``, its own process), at laptop and phone widths.

The person clicks "Sign in with Example Corp" on Trellis's sign-in page, answers the
provider's own authorization page, and lands on their Trellis home; signing out ends
the session at the provider too and comes back to the sign-in page. A refused sign-in
shows Trellis's refusal page, which axe checks like every other page.
"""

import json
import tempfile
import threading

import pytest
from werkzeug.serving import make_server

from app import create_app
from core.config import TestConfig
from core.extensions import db
from tests.auth.oidc_provider import oidc_config, start_provider, stop_provider
from tests.browser.test_pages import _check
from tests.scratch_databases import drop_database, new_database

pytestmark = pytest.mark.browser

PEOPLE = {  # subject -> (name, email) of a person with an account
    "subject-1280": ("Lara Laptop", "lara@example.com"),
    "subject-390": ("Pia Phone", "pia@example.com"),
}


class Site:
    def __init__(self, url: str, provider):
        self.url = url
        self.provider = provider


@pytest.fixture(scope="module")
def site():
    process, provider = start_provider()
    tmp = tempfile.TemporaryDirectory(prefix="trellis-oidc-browser-")
    # A database of its own: on PostgreSQL the worker's test database holds the demo
    # organisation the other browser tests share (live_server), which must stay.
    url = new_database(tmp.name, "oidc_browser")
    base = type(
        "BrowserConfig",
        (TestConfig,),
        {"SQLALCHEMY_DATABASE_URI": url, "WTF_CSRF_ENABLED": True},
    )
    app = create_app(oidc_config(base, provider))
    with app.app_context():
        from tests.factories import make_person

        db.drop_all()
        db.create_all()
        for subject, (name, email) in PEOPLE.items():
            make_person(name=name, email=email)
            provider.set_user(subject, email=email, email_verified=True, name=name)
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = url  # the redirect URI the provider sends people back to
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(url, provider)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()
        drop_database(url)
        tmp.cleanup()
        stop_provider(process)


def open_page(new_page, width):
    page = new_page(width)
    # The provider's pages link a stylesheet on a CDN: these machines are offline.
    page.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
    return page


def sign_in_at_provider(page, site, subject: str, problems=None) -> None:
    page.goto(f"{site.url}/login")
    if problems is not None:  # the sign-in page with its company button
        _check(page, "anonymous-login-company", problems)
    page.click("#company-sign-in")
    page.wait_for_url(f"{site.provider.url}/oauth2/authorize?**")
    page.fill("input[name=sub]", subject)
    page.get_by_role("button", name="Authorize", exact=True).click()


@pytest.mark.parametrize("width", [1280, 390])
def test_company_sign_in_lands_on_the_persons_home(site, new_page, width):
    subject = f"subject-{width}"
    name, _ = PEOPLE[subject]
    page = open_page(new_page, width)
    problems: dict = {}
    sign_in_at_provider(page, site, subject, problems)
    page.wait_for_url(f"{site.url}/")
    assert name in page.content()
    _check(page, f"oidc-home-{width}", problems)
    assert not problems, json.dumps(problems, indent=2)

    page.get_by_role("button", name="Sign out").click()  # ends it at the provider too
    page.wait_for_url(f"{site.provider.url}/oauth2/end_session?**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{site.url}/login**")
    assert "You are signed out." in page.content()
    page.goto(f"{site.url}/people")
    assert page.url.startswith(f"{site.url}/login")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_refused_sign_in_shows_a_clear_accessible_page(site, new_page, width):
    site.provider.set_user(
        "subject-stranger", email="stranger@example.com", email_verified=True
    )
    page = open_page(new_page, width)
    sign_in_at_provider(page, site, "subject-stranger")
    page.wait_for_url(f"{site.url}/login/oidc/callback?**")
    alert = page.locator("[role=alert]")
    assert "knows nobody with the email address stranger@example.com" in (
        alert.inner_text()
    )
    problems: dict = {}
    _check(page, "anonymous-oidc-refused", problems)
    assert not problems, json.dumps(problems, indent=2)
