"""A live Trellis with the demo organisation, and Chromium.

The database is a temporary SQLite file, or ``TEST_DATABASE_URL`` when set (``make test``
runs the browser phase on both).

The server runs in a background thread (werkzeug ``make_server`` on a free port) with
real CSRF, so the browser exercises the same forms and tokens a person would.
"""

import os
import tempfile
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from app import create_app
from core.config import TestConfig
from core.extensions import db

PASSWORD = "browser-demo-password-2026"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORTS = {1280: {"width": 1280, "height": 800}, 390: {"width": 390, "height": 844}}


class LiveServer:
    def __init__(self, app, url: str, logins: dict[str, str]):
        self.app = app
        self.url = url
        self.logins = logins  # role -> email
        self.password = PASSWORD

    def query(self, stmt):
        """Run a read query against the live database (outside any request)."""
        with self.app.app_context():
            return db.session.scalar(stmt)


@pytest.fixture(scope="session")
def live_server():
    from people.demo import load_demo

    tmp = tempfile.TemporaryDirectory(prefix="trellis-browser-")

    class BrowserConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = (
            os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp.name}/b.db"
        )
        WTF_CSRF_ENABLED = True

    app = create_app(BrowserConfig)
    with app.app_context():
        db.drop_all()
        db.create_all()
        logins = dict(load_demo(PASSWORD))
        db.session.remove()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}", logins)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        with app.app_context():
            db.engine.dispose()
        tmp.cleanup()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page at a viewport width (1280 or 390); records CSP violations."""
    contexts = []

    def _open(width: int = 1280):
        context = browser.new_context(viewport=VIEWPORTS[width])
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.csp_errors = []
        page.on(
            "console",
            lambda msg: (
                page.csp_errors.append(msg.text)
                if "Content Security Policy" in msg.text
                else None
            ),
        )
        return page

    yield _open
    for context in contexts:
        context.close()


def sign_in(page, server: LiveServer, role: str) -> None:
    """Sign in through the real login form."""
    page.goto(f"{server.url}/login")
    page.fill("#email", server.logins[role])
    page.fill("#password", server.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")


def employee_ids(server: LiveServer) -> tuple[int, int]:
    """The demo employee's person id and department id."""
    from people.models import Employee

    email = server.logins["employee"]
    person = server.query(sa.select(Employee.id).where(Employee.email == email))
    dept = server.query(sa.select(Employee.department_id).where(Employee.id == person))
    return person, dept
